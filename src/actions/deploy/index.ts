import { runAction } from '../../runner/action.js';
import { runnerDeployDeps } from '../../runner/deploy-deps.js';
import { main } from './main.js';

await runAction('deploy', (io) => main(io, runnerDeployDeps()));
