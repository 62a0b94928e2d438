import { runAction } from '../../runner/action.js';
import { main } from './main.js';

await runAction('ghcr-retention', async (io) => {
  await main(io);
});
