/** Runs the docker CLI for the swarm target (and its lock); DOCKER_HOST selects the manager. */
import { UserError } from '../errors.js';
import type { DockerCli } from '../deploy/targets/swarm.js';
import { run } from './docker-target-exec.js';

export function createDockerCli(opts: { host?: string; bin?: string; timeoutMs?: number } = {}): DockerCli {
  const bin = opts.bin ?? 'docker';
  return async (args, env) => {
    const r = await run(bin, args, {
      env: { ...process.env, ...(opts.host ? { DOCKER_HOST: opts.host } : {}), ...(env ?? {}) },
      timeoutMs: opts.timeoutMs ?? 120_000,
    });
    if (r.code === 127 && /ENOENT/.test(r.stderr))
      throw new UserError(`'${bin}' was not found on PATH: the swarm target needs the docker CLI`, 'target');
    return r;
  };
}
