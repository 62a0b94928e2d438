#!/usr/bin/env node
// The `slipway` command: the action cores, run on this machine (bundled in dist/cli by `npm run build`).
await import('../dist/cli/index.js');
