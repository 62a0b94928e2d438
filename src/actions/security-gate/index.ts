import { runAction } from '../../runner/action.js';
import { nodeFiles } from '../../runner/security-files.js';
import { main } from './main.js';

await runAction('security-gate', (io) => main(io, { files: nodeFiles, now: () => new Date() }));
