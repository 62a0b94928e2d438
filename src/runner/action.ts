import * as core from '@actions/core';
import { isUserError, messageOf } from '../errors.js';
import type { ActionIO } from './io.js';
import { toolkitIO } from './toolkit-io.js';

/**
 * Runs an action's main() on the runner. User errors fail the step with one clear line;
 * anything else is a bug and is reported with its stack. setFailed is called once, prefixed
 * with the action's name.
 */
export async function runAction(name: string, main: (io: ActionIO) => Promise<void>): Promise<void> {
  try {
    await main(toolkitIO());
  } catch (e) {
    if (isUserError(e)) {
      core.setFailed(`${name}: ${e.message}`);
    } else {
      core.error(e instanceof Error && e.stack ? e.stack : messageOf(e));
      core.setFailed(`${name}: internal error (please report it): ${messageOf(e)}`);
    }
  }
}
