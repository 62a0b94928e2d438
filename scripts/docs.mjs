#!/usr/bin/env node
// Regenerates the inputs/outputs tables of every action README from its action.yml (the single
// source of names, defaults and descriptions), between `<!-- inputs:start -->`/`<!-- inputs:end -->`
// and `<!-- outputs:start -->`/`<!-- outputs:end -->`. A README without markers gets a skeleton.
// `node scripts/docs.mjs --check` changes nothing and exits 1 when a README is out of date.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

const cell = (s) =>
  String(s ?? '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();

function typeOf(name, spec) {
  const d = spec.default;
  if (d === 'true' || d === 'false' || d === true || d === false) return 'Bool';
  if (typeof d === 'number' || /^\d+$/.test(String(d ?? ''))) return 'Number';
  if (/\b(one per line|newline-separated|list of)\b/i.test(spec.description ?? '')) return 'List';
  return 'String';
}

export function inputsTable(meta) {
  const rows = Object.entries(meta.inputs ?? {}).map(([name, spec]) => {
    const dflt = spec.default === undefined || spec.default === '' ? '' : `\`${cell(spec.default)}\``;
    const req = spec.required ? ' (required)' : '';
    return `| \`${name}\`${req} | ${typeOf(name, spec)} | ${dflt} | ${cell(spec.description)} |`;
  });
  if (!rows.length) return '_No inputs._';
  return ['| Name | Type | Default | Description |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

export function outputsTable(meta) {
  const rows = Object.entries(meta.outputs ?? {}).map(
    ([name, spec]) => `| \`${name}\` | ${cell(spec.description)} |`,
  );
  if (!rows.length) return '_No outputs._';
  return ['| Name | Description |', '| --- | --- |', ...rows].join('\n');
}

function replaceBlock(text, name, body) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i === -1 || j < i)
    return `${text.trimEnd()}\n\n## ${name[0].toUpperCase()}${name.slice(1)}\n\n${start}\n${body}\n${end}\n`;
  return `${text.slice(0, i + start.length)}\n${body}\n${text.slice(j)}`;
}

function skeleton(dir, meta) {
  return `# ${meta.name ?? dir}\n\n${cell(meta.description)}\n\n## Usage\n\n\`\`\`yaml\n- uses: owner/slipway/actions/${dir}@v1\n\`\`\`\n`;
}

/** [readme path, expected text] for every action folder (and the root action, documented in docs/deploy-action.md). */
export function expectedDocs() {
  const out = [];
  const actionsDir = join(root, 'actions');
  for (const dir of existsSync(actionsDir) ? readdirSync(actionsDir).sort() : []) {
    const metaPath = join(actionsDir, dir, 'action.yml');
    if (!existsSync(metaPath)) continue;
    const meta = parse(readFileSync(metaPath, 'utf8'));
    const readme = join(actionsDir, dir, 'README.md');
    let text = existsSync(readme) ? readFileSync(readme, 'utf8') : skeleton(dir, meta);
    text = replaceBlock(text, 'inputs', inputsTable(meta));
    text = replaceBlock(text, 'outputs', outputsTable(meta));
    out.push([readme, text]);
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [file, text] of expectedDocs()) {
    const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (current === text) continue;
    stale++;
    if (check) console.error(`${file.slice(root.length + 1)} is out of date: run npm run docs`);
    else {
      writeFileSync(file, text);
      console.log(`wrote ${file.slice(root.length + 1)}`);
    }
  }
  if (check && stale) process.exit(1);
}
