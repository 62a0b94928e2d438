import { parseApprovers, type Approvers, type Decision } from '../../deploy/promotion.js';
import { UserError } from '../../errors.js';
import {
  optionalNumber,
  readCommon,
  readLock,
  type CommonInputs,
  type DeployInputs,
  type Read,
} from '../deploy/inputs.js';

export interface PromoteInputs extends CommonInputs {
  decision: Decision;
  /** A specific candidate; empty: the newest one awaiting promotion. */
  deploymentId?: string;
  actor: string;
  approvers: Approvers;
  bakeSeconds?: number;
  lock: DeployInputs['lock'];
}

/**
 * Reads a `/promote [deployment-id]` or `/reject [reason]` comment. Anything else (the comment is
 * not a command for us) is a UserError naming the `command` input.
 */
export function parseCommand(text: string): { decision: Decision; deploymentId?: string; reason?: string } {
  const m = /^\s*\/(promote|reject)\b[ \t]*([^\n]*)/.exec(text);
  if (!m)
    throw new UserError(
      `expected a comment starting with /promote or /reject, got '${text.trim().slice(0, 60)}'`,
      'command',
    );
  const decision = m[1] as Decision;
  const rest = (m[2] ?? '').trim();
  if (decision === 'promote') {
    if (!rest) return { decision };
    const id = /^#?(\d+)$/.exec(rest);
    if (!id)
      throw new UserError(
        `'/promote' takes an optional deployment id (e.g. /promote 123), got '${rest}'`,
        'command',
      );
    return { decision, deploymentId: id[1]! };
  }
  return rest ? { decision, reason: rest } : { decision };
}

export function readPromoteInputs(
  read: Read,
  env: Readonly<Record<string, string | undefined>>,
): PromoteInputs {
  const common = readCommon(read, env);
  let decision = (read('decision').trim() || 'promote') as Decision;
  if (decision !== 'promote' && decision !== 'reject')
    throw new UserError(`must be promote or reject, got '${String(decision)}'`, 'decision');
  let deploymentId = read('deployment-id').trim().replace(/^#/, '') || undefined;
  if (deploymentId && !/^\d+$/.test(deploymentId))
    throw new UserError(`must be a deployment id (a number), got '${deploymentId}'`, 'deployment-id');
  const command = read('command').trim();
  let reason = common.reason;
  if (command) {
    const c = parseCommand(command);
    decision = c.decision;
    if (c.deploymentId) deploymentId = c.deploymentId;
    if (c.reason) reason = c.reason;
  }
  const actor = (read('actor').trim() || env.GITHUB_ACTOR || '').replace(/^@/, '');
  const out: PromoteInputs = {
    ...common,
    decision,
    actor,
    approvers: parseApprovers(read('approvers')),
    lock: readLock(read),
  };
  if (reason) out.reason = reason;
  else delete out.reason;
  if (deploymentId) out.deploymentId = deploymentId;
  const bake = optionalNumber(read, 'bake-seconds');
  if (bake !== undefined) out.bakeSeconds = bake;
  return out;
}
