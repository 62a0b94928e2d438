#!/usr/bin/env node
// `npm run bench -- <name>` runs bench/<name>.ts (with the services it needs brought up first).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const names = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.ts') && f !== 'report.ts')
  .map((f) => f.slice(0, -3));
const wanted = process.argv.slice(2);
if (!wanted.length || wanted.some((w) => !names.includes(w))) {
  console.error(`usage: npm run bench -- <${names.join('|')}> ...`);
  process.exit(2);
}
if (existsSync('scripts/services.sh')) {
  const up = spawnSync('bash', ['scripts/services.sh', 'up'], { stdio: 'inherit' });
  if (up.status !== 0) process.exit(up.status ?? 1);
}
for (const name of wanted) {
  const r = spawnSync('npx', ['tsx', `bench/${name}.ts`], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
