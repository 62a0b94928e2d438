import { runAction } from '../../runner/action.js';
import { runnerDeployDeps } from '../../runner/deploy-deps.js';
import { main } from './main.js';

await runAction('stop-warm', (io) => main(io, runnerDeployDeps()));
