import { isAbsolute, join } from 'node:path';
import { UserError } from '../../errors.js';
import { gitContext } from '../../image/context.js';
import { dockerfileStages } from '../../image/dockerfile-stages.js';
import { buildMatrix, planImages, type ImagePlan } from '../../image/plan.js';
import { parseServicesFile } from '../../image/services.js';
import type { ActionIO } from '../../runner/io.js';
import { readInputs } from './inputs.js';

export interface ImagePlanDeps {
  readFile(path: string): Promise<string | undefined>;
  /** Release history: the repository's tags, from the API or the checkout; undefined if unreadable. */
  releaseTags(token: string): Promise<{ tags?: string[]; source: string; problem?: string }>;
  now(): Date;
}

function summarize(plan: ImagePlan): string {
  const rows = plan.builds.map(
    (b) =>
      `| \`${b.key}\` | \`${b.image}\` | ${b.target ? `\`${b.target}\`` : '(last stage)'} | ${b.tagNames.map((t) => `\`${t}\``).join(' ')} |`,
  );
  return [
    `### Image plan: ${plan.builds.length} image${plan.builds.length === 1 ? '' : 's'}, version \`${plan.version}\``,
    '',
    '| build | image | target | tags |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    ...plan.notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
}

export async function main(io: ActionIO, deps: ImagePlanDeps): Promise<ImagePlan> {
  const env = io.env;
  const repository = env.GITHUB_REPOSITORY ?? '';
  const inputs = readInputs((n) => io.getInput(n), repository);
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const resolve = (p: string) => (isAbsolute(p) ? p : join(workspace, p));

  let text: string | undefined;
  let file = inputs.services;
  if (inputs.servicesIsInline) {
    text = inputs.services;
    file = 'input services';
  } else {
    text = await deps.readFile(resolve(inputs.services));
    if (text === undefined) throw new UserError(`file not found in the checkout`, inputs.services);
  }
  const services = parseServicesFile(text, file);

  const eventPath = env.GITHUB_EVENT_PATH;
  const payloadText = eventPath ? await deps.readFile(eventPath) : undefined;
  const ctx = gitContext({
    eventName: env.GITHUB_EVENT_NAME ?? 'push',
    ref: env.GITHUB_REF ?? '',
    sha: env.GITHUB_SHA ?? '',
    repository,
    ...(env.GITHUB_SERVER_URL ? { serverUrl: env.GITHUB_SERVER_URL } : {}),
    ...(inputs.defaultBranch ? { defaultBranch: inputs.defaultBranch } : {}),
    payload: payloadText ? (JSON.parse(payloadText) as Record<string, unknown>) : {},
  });
  if (!/^[0-9a-f]{7,40}$/.test(ctx.sha)) throw new UserError(`GITHUB_SHA '${ctx.sha}' is not a commit sha`);

  let releaseTags: string[] | undefined;
  if (ctx.kind === 'tag') {
    const r = await deps.releaseTags(inputs.githubToken);
    releaseTags = r.tags;
    if (r.problem) io.warning(r.problem);
    else io.info(`release history: ${r.tags?.length ?? 0} tags from ${r.source}`);
  }

  // Stage counts decide the cache mode; a target missing from its Dockerfile is caught here,
  // before any build starts.
  const stages: Record<string, number> = {};
  for (const svc of services.services) {
    const df = await deps.readFile(resolve(svc.dockerfile));
    if (df === undefined) continue; // the build step reports a missing Dockerfile with its own context
    const found = dockerfileStages(df);
    stages[svc.dockerfile] = found.length;
    if (svc.target && !found.some((s) => s.name === svc.target!.toLowerCase())) {
      const names = found.map((s) => s.name).filter(Boolean);
      throw new UserError(
        `services.${svc.name}.target: stage '${svc.target}' is not in ${svc.dockerfile}` +
          (names.length ? ` (its stages: ${names.join(', ')})` : ' (it has no named stages)'),
        file,
      );
    }
  }

  const plan = planImages(services, ctx, {
    images: inputs.images,
    releaseTags,
    now: deps.now().toISOString(),
    stages,
    ...(inputs.cache ? { cache: inputs.cache } : {}),
    ...(inputs.service ? { service: inputs.service } : {}),
    ...(inputs.flavor ? { flavor: inputs.flavor } : {}),
  });
  if (plan.builds.length === 0) {
    const what = inputs.flavor
      ? `service '${inputs.service}' with flavor '${inputs.flavor}'`
      : `service '${inputs.service}'`;
    throw new UserError(`${what} is not in ${file}`, inputs.flavor ? 'input flavor' : 'input service');
  }

  io.setOutput('matrix', JSON.stringify(buildMatrix(plan)));
  io.setOutput('plan', JSON.stringify(plan.builds));
  io.setOutput('version', plan.version);
  const single = plan.builds.length === 1 ? plan.builds[0] : undefined;
  io.setOutput('image', single?.image ?? '');
  io.setOutput('tags', single?.tags.join('\n') ?? '');
  io.setOutput(
    'labels',
    single
      ? Object.entries(single.labels)
          .map(([k, v]) => `${k}=${v}`)
          .join('\n')
      : '',
  );
  io.setOutput('cache-from', single?.cacheFrom.join('\n') ?? '');
  io.setOutput('cache-to', single?.cacheTo.join('\n') ?? '');
  io.setOutput('target', single?.target ?? '');
  io.setOutput('context', single?.context ?? '');
  io.setOutput('dockerfile', single?.dockerfile ?? '');
  io.setOutput(
    'build-args',
    single
      ? Object.entries(single.buildArgs)
          .map(([k, v]) => `${k}=${v}`)
          .join('\n')
      : '',
  );
  io.setOutput('platforms', single?.platforms.join(',') ?? '');
  for (const note of plan.notes) io.info(note);
  await io.summary(summarize(plan));
  return plan;
}
