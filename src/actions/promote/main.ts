import { buildDeployPlan } from '../../deploy/plan.js';
import {
  checkActor,
  checkStaged,
  promoteCandidate,
  selectCandidate,
  type PromotionApi,
} from '../../deploy/promotion.js';
import { UserError } from '../../errors.js';
import type { ActionIO } from '../../runner/io.js';
import {
  effectsFor,
  loadEnvironment,
  logUrl,
  reportResult,
  withDeployLock,
  type DeployDeps,
} from '../deploy/main.js';
import { readPromoteInputs } from './inputs.js';

export interface PromoteDeps extends DeployDeps {
  promotionApi(token: string, repository: string): PromotionApi;
}

function escapeMd(s: string): string {
  return s.replace(/[|`*_<>]/g, (c) => `\\${c}`);
}

export async function main(io: ActionIO, deps: PromoteDeps): Promise<void> {
  const inputs = readPromoteInputs((n) => io.getInput(n), io.env);
  const env = loadEnvironment(io, inputs);
  const factory = deps.factories[env.target];
  if (!factory) throw new UserError(`target '${env.target}' is not available in this version`, env.where);
  const repo = io.env.GITHUB_REPOSITORY;
  if (!inputs.githubToken)
    throw new UserError('is required to read candidates and approvers', 'github-token');
  if (!repo || !repo.includes('/')) throw new UserError('GITHUB_REPOSITORY is not set', 'github-token');
  const api = deps.promotionApi(inputs.githubToken, repo);
  const what = `${inputs.decision} ${env.app} in ${env.environment}`;

  // Every check that could stop us, before anything changes.
  const reviewers = await api.requiredReviewers(env.environment);
  const gate: string[] = [];
  if (reviewers) {
    const names = [...reviewers.users.map((u) => `@${u}`), ...reviewers.teams.map((t) => `team ${t}`)].join(
      ', ',
    );
    gate.push(
      `Environment **${escapeMd(env.environment)}** has required reviewers (${escapeMd(names)}): GitHub asks them before this job runs.`,
    );
    io.info(`${env.environment} has required reviewers (${names}); GitHub's approval gates this job`);
  }
  if (inputs.approvers.users.length + inputs.approvers.teams.length > 0) {
    const ok = await checkActor(inputs.actor, inputs.approvers, api, what);
    gate.push(`${escapeMd(ok)}.`);
    io.info(ok);
  } else if (!reviewers) {
    throw new UserError(
      `is required: ${env.environment} has no required reviewers, so the kit checks the actor against this list (users, org/team)`,
      'approvers',
    );
  }
  const { candidate, older } = selectCandidate(
    await api.candidates(env.app, env.environment),
    env.app,
    env.environment,
    inputs.deploymentId,
  );
  const { target, runtime } = await factory(env, { processEnv: io.env, log: (m) => io.info(m) });
  await withDeployLock(
    io,
    deps,
    env,
    inputs,
    async () => {
      await target.prepare();
      await checkStaged(target, candidate);
      const log = logUrl(io.env);
      for (const o of older)
        await api.setStatus(
          o.id,
          'inactive',
          `superseded by deployment ${candidate.id} (${candidate.payload.image})`,
          log,
        );
      io.setOutput('decision', inputs.decision);
      io.setOutput('deployment-id', candidate.id);
      io.setOutput('image', candidate.payload.image);

      if (inputs.decision === 'reject') {
        const color = candidate.payload.color;
        await target.stop(color);
        const why = `rejected by @${inputs.actor}${inputs.reason ? `: ${inputs.reason}` : ''}`;
        await api.setStatus(candidate.id, 'failure', why, log);
        io.setOutput('color', candidate.payload['previous-color'] ?? '');
        io.setOutput('outcome', 'rejected');
        await io.summary(
          [
            `### ❎ ${escapeMd(candidate.payload.image)} rejected for ${escapeMd(env.app)} in ${escapeMd(env.environment)}`,
            '',
            `Deployment ${candidate.id} ${escapeMd(why)}; ${color} stopped, ${candidate.payload['previous-color'] ?? 'nothing'} keeps serving.`,
            ...(gate.length ? ['', ...gate] : []),
            '',
          ].join('\n'),
        );
        return;
      }

      const plan = buildDeployPlan(
        env,
        {
          image: candidate.payload.image,
          health: inputs.health,
          bakeSeconds: inputs.bakeSeconds,
          reason: candidate.payload.reason,
          ref: inputs.ref,
          logUrl: log,
        },
        runtime,
      );
      if (plan.release.configDigest !== candidate.payload['config-digest'])
        io.warning(
          `the config of ${env.app}/${env.environment} changed since deployment ${candidate.id} was staged; ${candidate.payload.color} is restarted with the current config`,
        );
      const note = `promoted by @${inputs.actor}`;
      const result = await promoteCandidate(
        plan,
        effectsFor(io, deps, target, deps.githubRecorder(inputs.githubToken, repo)),
        candidate,
        note,
      );
      if (gate.length) await io.summary(`${gate.join('\n')}\n\n`);
      await reportResult(
        io,
        `promote ${env.app} in ${env.environment} (deployment ${candidate.id}, ${note})`,
        result,
      );
    },
    candidate.payload.image,
  );
}
