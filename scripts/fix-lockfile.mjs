#!/usr/bin/env node
// The npm registry this project's machines reach carries only some platforms' builds of rollup's
// native bindings (rollup is vitest's bundler). `npm install` then leaves the other platforms'
// optional packages out of package-lock.json, and `npm ci`, which checks every declared optional
// dependency against the lock, refuses the lock ("Missing: @rollup/rollup-…@ from lock file").
// This adds a lock entry for each such binding with its os/cpu (read from any published version
// of it), so `npm ci` accepts the lock and skips those packages on this platform without
// downloading anything. Run it after every `npm install` that changes the lock.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const view = (args) => {
  try {
    return JSON.parse(
      execFileSync('npm', ['view', ...args, '--json'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    );
  } catch {
    return undefined;
  }
};
let added = 0;
for (const [path, pkg] of Object.entries(lock.packages)) {
  if (!path.endsWith('node_modules/rollup')) continue;
  for (const [name, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (lock.packages[key]) continue;
    const meta = view([`${name}@${version}`, 'os', 'cpu', 'libc']) ?? view([name, 'os', 'cpu', 'libc']);
    if (!meta?.os || !meta?.cpu) throw new Error(`cannot read os/cpu of ${name}`);
    const entry = {
      version,
      cpu: [meta.cpu].flat(),
      dev: true,
      license: 'MIT',
      optional: true,
      os: [meta.os].flat(),
    };
    if (meta.libc) entry.libc = [meta.libc].flat();
    lock.packages[key] = entry;
    added++;
  }
}
const entries = Object.entries(lock.packages);
lock.packages = Object.fromEntries([
  entries.find(([k]) => k === ''),
  ...entries.filter(([k]) => k !== '').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
]);
writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n');
console.log(`fix-lockfile: ${added} optional platform binding(s) recorded`);
