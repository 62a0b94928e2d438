/**
 * The runner-side factories that build a target from its config section. Each target kind
 * registers here; the deploy and rollback actions and the CLI look targets up in this map.
 */
import type { TargetFactories, TargetFactory } from '../deploy/plan.js';
import { DockerTarget, dockerRuntime } from './docker-target.js';
import { commandFactory, kubernetesFactory, swarmFactory } from './swarm-factories.js';

export const dockerFactory: TargetFactory = async (env, ctx) => {
  if (!env.docker) throw new Error(`${env.app}/${env.environment}: docker section missing after validation`);
  const target = new DockerTarget({
    app: env.app,
    environment: env.environment,
    docker: env.docker,
    log: ctx.log,
  });
  return { target, runtime: dockerRuntime(env.docker, ctx.processEnv) };
};

export const targetFactories: TargetFactories = {
  docker: dockerFactory,
  swarm: swarmFactory,
  kubernetes: kubernetesFactory,
  command: commandFactory,
};
