#!/usr/bin/env node
// Bundles every node action into dist/<name>/ with @vercel/ncc.
// An action is bundled when actions/<name>/action.yml says `runs.using: node24`; its entry is
// src/actions/<name>/index.ts. Bundles of actions that no longer exist (or are no longer node
// actions) are removed, so dist/ always equals a fresh build of the tree.
import { existsSync, mkdirSync, statSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import ncc from '@vercel/ncc';
import { parse } from 'yaml';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const actionsDir = join(root, 'actions');
const distDir = join(root, 'dist');

/** @returns {string[]} names of the node actions, sorted */
export function nodeActions() {
  if (!existsSync(actionsDir)) return [];
  return readdirSync(actionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(actionsDir, d.name, 'action.yml')))
    .map((d) => d.name)
    .filter((name) => {
      const meta = parse(readFileSync(join(actionsDir, name, 'action.yml'), 'utf8'));
      return meta?.runs?.using === 'node24';
    })
    .sort();
}

async function bundle(name) {
  // The `slipway` CLI is bundled like an action, so the same cores run locally without a build step.
  const source = name === 'cli' ? join('src', 'cli', 'index.ts') : join('src', 'actions', name, 'index.ts');
  if (!existsSync(join(root, source)))
    throw new Error(`actions/${name}/action.yml is a node action but ${source} is missing`);
  const entry = join(emitted, source.slice('src/'.length).replace(/\.ts$/, '.js'));
  const { code, assets } = await ncc(entry, {
    license: 'licenses.txt',
    minify: false,
    sourceMap: false,
    quiet: true,
    target: 'es2022',
  });
  const out = join(distDir, name);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'index.js'), code);
  for (const [file, asset] of Object.entries(assets ?? {})) {
    if (file === 'package.json') continue; // we write our own below
    const dest = join(out, file);
    mkdirSync(join(dest, '..'), { recursive: true });
    writeFileSync(dest, asset.source);
  }
  writeFileSync(join(out, 'package.json'), JSON.stringify({ type: 'module' }, null, 2) + '\n');
}

// `node scripts/build.mjs name...` rebuilds only those bundles (handy while working on one
// action); with no names every bundle is rebuilt and stale ones are removed.
const only = process.argv.slice(2);
// TypeScript is emitted to ESM by tsc first (tsconfig.build.json), so the bundler sees plain
// ES modules exactly as Node would run them.
// The emitted path ends up in the bundles' module ids, so it must be the same every time: builds
// running at once take turns through a lock directory instead of using directories of their own.
mkdirSync(join(root, '.tmp'), { recursive: true });
const emitted = join(root, '.tmp', 'build');
const lock = join(root, '.tmp', 'build.lock');
for (let waited = 0; ; waited += 200) {
  try {
    mkdirSync(lock);
    break;
  } catch (e) {
    if (e.code !== 'EEXIST') throw e;
    // A lock left behind by a build that died is taken over after ten minutes.
    if (Date.now() - statSync(lock).mtimeMs > 600_000) rmSync(lock, { recursive: true, force: true });
    else if (waited === 0) console.log('waiting for another build to finish');
    await new Promise((r) => setTimeout(r, 200));
  }
}
process.on('exit', () => rmSync(lock, { recursive: true, force: true }));
rmSync(emitted, { recursive: true, force: true });
try {
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
      '-p',
      join(root, 'tsconfig.build.json'),
      '--outDir',
      emitted,
    ],
    {
      stdio: 'pipe',
    },
  );
} catch {
  // Type errors are reported by `npm run typecheck`; the emitted JavaScript is still complete.
}
const names = [...nodeActions(), 'cli'];
for (const name of only.length ? only : names) {
  try {
    await bundle(name);
  } catch (e) {
    // ncc's errors carry its own minified source; keep only the lines that say what is wrong.
    const lines = String(e?.stack ?? e)
      .split('\n')
      .filter((l) => l.length < 400 && !/node_modules\/@vercel\/ncc/.test(l))
      .slice(0, 30);
    console.error(`bundling dist/${name} failed:\n${lines.join('\n')}`);
    process.exit(1);
  }
  console.log(`built dist/${name}/index.js`);
}
if (!only.length && existsSync(distDir)) {
  for (const d of readdirSync(distDir)) {
    if (!names.includes(d)) {
      rmSync(join(distDir, d), { recursive: true, force: true });
      console.log(`removed stale dist/${d}`);
    }
  }
}
