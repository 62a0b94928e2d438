import * as core from '@actions/core';
import type { ActionIO } from './io.js';

/** ActionIO backed by @actions/core: what the bundled actions use on a real runner. */
export function toolkitIO(env: NodeJS.ProcessEnv = process.env): ActionIO {
  return {
    getInput: (name) => core.getInput(name, { trimWhitespace: false }),
    setOutput: (name, value) => core.setOutput(name, String(value)),
    summary: async (markdown) => {
      if (!env.GITHUB_STEP_SUMMARY) {
        core.info(markdown);
        return;
      }
      await core.summary.addRaw(markdown, true).write();
    },
    annotate: (level, message, props) => {
      const fn = level === 'error' ? core.error : level === 'warning' ? core.warning : core.notice;
      fn(message, props ?? {});
    },
    setSecret: (value) => core.setSecret(value),
    info: (m) => core.info(m),
    warning: (m) => core.warning(m),
    debug: (m) => core.debug(m),
    group: (name, fn) => core.group(name, fn),
    saveState: (name, value) => core.saveState(name, value),
    getState: (name) => core.getState(name),
    env,
  };
}
