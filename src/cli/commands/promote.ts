import { UserError } from '../../errors.js';
import type { CliCommand } from '../args.js';

// Placeholder until the 'promote' capability lands; replaced by the real command.
export const command: CliCommand = {
  help: 'slipway promote: not available yet',
  options: {},
  run: async () => {
    throw new UserError('this command is not available yet');
  },
};
