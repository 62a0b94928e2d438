/**
 * Coverage parsers on huge reports: generates a 200 MB lcov tracefile and a 200 MB Cobertura
 * report, then parses them in fresh child processes (so each peak RSS is its own): our streaming
 * lcov parser and the lcov-parse package side by side on the same file, and our Cobertura parser.
 * Results go to docs/benchmarks.md (section `coverage`).
 *
 * Usage: npm run bench -- coverage   (SLIPWAY_BENCH_MB=50 and/or SLIPWAY_BENCH_RUNS=1 for a quicker run)
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { machineLine, writeBenchSection } from './report.js';
import { openReport } from '../src/runner/coverage-files.js';

const MB = Number(process.env.SLIPWAY_BENCH_MB ?? 200);
const RUNS = Number(process.env.SLIPWAY_BENCH_RUNS ?? 3);

interface ChildResult {
  ms: number;
  /** CPU time of the process (all threads): the fair figure on a busy machine. */
  cpuMs: number;
  maxRssMb: number;
  files: number;
  linesFound: number;
  linesHit: number;
}

async function child(kind: string, file: string): Promise<void> {
  // modules are loaded before the clock starts: only parsing is timed
  const { parseReport } = await import('../src/coverage/parse.js');
  const { totals } = await import('../src/coverage/model.js');
  const lcovParseModule = 'lcov-parse'; // untyped CommonJS package, loaded by name
  const { default: lcovParse } = (await import(lcovParseModule)) as {
    default: (
      f: string,
      cb: (err: unknown, data: { lines: { found: number; hit: number } }[]) => void,
    ) => void;
  };
  const t0 = performance.now();
  let out: Omit<ChildResult, 'ms' | 'cpuMs' | 'maxRssMb'>;
  const cpu0 = process.cpuUsage();
  if (kind === 'lcov-parse') {
    const data = await new Promise<{ lines: { found: number; hit: number } }[]>((res, rej) =>
      lcovParse(file, (err, d) => (err ? rej(err) : res(d))),
    );
    // lcov-parse returns one record per SF section and does not merge; count what it gave
    out = {
      files: data.length,
      linesFound: data.reduce((s, r) => s + r.lines.found, 0),
      linesHit: data.reduce((s, r) => s + r.lines.hit, 0),
    };
  } else {
    // the same stream the action and the CLI read reports with
    const r = await parseReport(openReport(file, '.'), file);
    const t = totals(r);
    out = { files: r.files.size, linesFound: t.lines.found, linesHit: t.lines.hit };
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const res: ChildResult = {
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    ...out,
  };
  process.stdout.write(JSON.stringify(res) + '\n');
}

async function write(path: string, gen: (w: (s: string) => Promise<void>) => Promise<void>): Promise<number> {
  const ws = createWriteStream(path);
  let buf = '';
  const w = async (s: string) => {
    buf += s;
    if (buf.length > 1 << 20) {
      if (!ws.write(buf)) await once(ws, 'drain');
      buf = '';
    }
  };
  await gen(w);
  ws.end(buf);
  await once(ws, 'finish');
  return statSync(path).size;
}

/**
 * lcov as a per-test capture gives it: 2,000 source files of 400 lines, 20 functions and 60
 * branches each, repeated under as many TN sections as it takes to reach the size.
 */
let lcovSections = 0;

async function makeLcov(path: string): Promise<number> {
  const target = MB * 1e6;
  let size = 0;
  return write(path, async (w) => {
    for (let t = 0; size < target; t++) {
      lcovSections = t + 1;
      for (let f = 0; f < 2000 && size < target; f++) {
        let s = `TN:test_${t}\nSF:/home/runner/work/app/app/src/module_${f % 50}/file_${f}.c\n`;
        for (let k = 0; k < 20; k++) s += `FN:${k * 20 + 1},function_${f}_${k}\n`;
        for (let k = 0; k < 20; k++) s += `FNDA:${(k + t) % 3},function_${f}_${k}\n`;
        s += 'FNF:20\nFNH:13\n';
        for (let l = 1; l <= 60; l++)
          s += `BRDA:${l * 6},0,${l % 2},${(l + t) % 4 === 0 ? '-' : (l * t) % 5}\n`;
        s += 'BRF:60\nBRH:40\n';
        for (let l = 1; l <= 400; l++) s += `DA:${l},${(l * 7 + t) % 11 === 0 ? 0 : (l + t) % 97}\n`;
        s += 'LF:400\nLH:360\nend_of_record\n';
        size += s.length;
        await w(s);
      }
    }
  });
}

/** Cobertura as coverage.py/gcovr write it: one class per file, every line once. */
async function makeCobertura(path: string): Promise<number> {
  const target = MB * 1e6;
  let size = 0;
  return write(path, async (w) => {
    const head = `<?xml version="1.0" ?>\n<!DOCTYPE coverage SYSTEM "http://cobertura.sourceforge.net/xml/coverage-04.dtd">\n<coverage version="7.4" timestamp="1" lines-valid="0" lines-covered="0" line-rate="0" branches-covered="0" branches-valid="0" branch-rate="0" complexity="0">\n\t<sources>\n\t\t<source>/home/runner/work/app/app</source>\n\t</sources>\n\t<packages>\n\t\t<package name="app" line-rate="0" branch-rate="0" complexity="0">\n\t\t\t<classes>\n`;
    await w(head);
    size += head.length;
    for (let f = 0; size < target; f++) {
      let s = `\t\t\t\t<class name="file_${f}.py" filename="src/module_${f % 50}/file_${f}.py" complexity="0" line-rate="0.9" branch-rate="0.5">\n\t\t\t\t\t<methods/>\n\t\t\t\t\t<lines>\n`;
      for (let l = 1; l <= 400; l++) {
        s +=
          l % 10 === 0
            ? `\t\t\t\t\t\t<line number="${l}" hits="${(l + f) % 5}" branch="true" condition-coverage="50% (1/2)" missing-branches="${l + 3}"/>\n`
            : `\t\t\t\t\t\t<line number="${l}" hits="${(l * 7 + f) % 11 === 0 ? 0 : 1}"/>\n`;
      }
      s += '\t\t\t\t\t</lines>\n\t\t\t\t</class>\n';
      size += s.length;
      await w(s);
    }
    await w('\t\t\t</classes>\n\t\t</package>\n\t</packages>\n</coverage>\n');
  });
}

/** This file bundled to plain JavaScript, so the children run on bare `node` (no loader in the RSS). */
let childEntry = '';

function measure(kind: string, file: string, heapMb?: number): ChildResult {
  const args = [...(heapMb ? [`--max-old-space-size=${heapMb}`] : []), childEntry, '--child', kind, file];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${kind} failed (${r.status ?? r.signal}): ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildResult;
}

async function mainBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-bench-coverage-'));
  // inside the repository, so the bundle resolves lcov-parse from node_modules
  const out = join(fileURLToPath(new URL('..', import.meta.url)), '.tmp', `bench-coverage-${process.pid}`);
  const { build } = await import('esbuild');
  await build({
    entryPoints: [fileURLToPath(import.meta.url)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: join(out, 'child.mjs'),
    external: ['lcov-parse', 'esbuild'],
    logLevel: 'error',
  });
  childEntry = join(out, 'child.mjs');
  try {
    const lcov = join(dir, 'big.info');
    const cob = join(dir, 'big.xml');
    const lcovSize = await makeLcov(lcov);
    const cobSize = await makeCobertura(cob);
    console.log(
      `generated ${(lcovSize / 1e6).toFixed(0)} MB lcov, ${(cobSize / 1e6).toFixed(0)} MB Cobertura`,
    );
    // The machine is shared: the two lcov parsers run in turns, RUNS times each, and the run with
    // the median CPU time of each is reported (with the spread of the per-turn ratios).
    const oursRuns: ChildResult[] = [];
    const theirsRuns: ChildResult[] = [];
    for (let i = 0; i < RUNS; i++) {
      oursRuns.push(measure('ours', lcov));
      console.log('slipway lcov', oursRuns[i]);
      // lcov-parse holds the whole file and every record in memory: give it room so it finishes
      theirsRuns.push(measure('lcov-parse', lcov, 16384));
      console.log('lcov-parse', theirsRuns[i]);
    }
    const median = (rs: ChildResult[]) => [...rs].sort((a, b) => a.cpuMs - b.cpuMs)[rs.length >> 1]!;
    const ours = median(oursRuns);
    const theirs = median(theirsRuns);
    const turnRatios = oursRuns.map((o, i) => theirsRuns[i]!.cpuMs / o.cpuMs).sort((a, b) => a - b);
    const oursCob = measure('ours', cob);
    console.log('slipway cobertura', oursCob);
    const speedup = theirs.ms / ours.ms;
    const cpuSpeedup = theirs.cpuMs / ours.cpuMs;
    const mbps = (size: number, r: ChildResult) => (size / 1e6 / (r.ms / 1000)).toFixed(0);
    const row = (name: string, fmt: string, size: number, r: ChildResult) =>
      `| ${name} | ${fmt} ${(size / 1e6).toFixed(0)} MB | ${(r.ms / 1000).toFixed(2)} s | ${(r.cpuMs / 1000).toFixed(2)} s | ${mbps(size, r)} MB/s | ${r.maxRssMb.toFixed(0)} MB |`;
    const md = [
      `Measured ${new Date().toISOString().slice(0, 10)} on ${machineLine()}; each parser in a fresh process, time from start of parse to totals, peak RSS of that process (includes Node itself, about 45 MB). The two lcov parsers ran in turns, ${RUNS} times each; the rows show each one's run with the median CPU time.`,
      '',
      '| parser | report | wall time | CPU time | throughput (wall) | peak RSS |',
      '|---|---|---:|---:|---:|---:|',
      row('slipway (streaming)', 'lcov', lcovSize, ours),
      row('lcov-parse 1.0.0', 'lcov', lcovSize, theirs),
      row('slipway (streaming, saxes)', 'Cobertura', cobSize, oursCob),
      '',
      `On lcov, slipway is **${speedup.toFixed(1)}×** faster than lcov-parse in wall time and **${cpuSpeedup.toFixed(1)}×** in CPU time (goal ≥ 20×: ${speedup >= 20 ? 'met' : 'not met'} in wall time, ${cpuSpeedup >= 20 ? 'met' : 'not met'} in CPU time), CPU-time ratio per turn ${turnRatios.map((r) => `${r.toFixed(1)}×`).join(', ')}; with ${ours.maxRssMb.toFixed(0)} MB peak RSS (goal ≤ 200 MB: ${ours.maxRssMb <= 200 ? 'met' : 'not met'}); lcov-parse needed ${theirs.maxRssMb.toFixed(0)} MB (it reads the whole file and keeps every record; it ran with a 16 GB heap limit). Cobertura: ${oursCob.maxRssMb.toFixed(0)} MB peak RSS (goal ≤ 200 MB: ${oursCob.maxRssMb <= 200 ? 'met' : 'not met'}).`,
      `The lcov file repeats 2,000 source files (400 lines, 20 functions, 60 branches each) under ${lcovSections} TN sections, as per-test captures give it: slipway merges them (${ours.files} files, ${ours.linesFound} lines), lcov-parse returns one unmerged record per section (${theirs.files}). The machine's load average during the run: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores; CPU time is the fairer comparison when it is high.`,
    ].join('\n');
    writeBenchSection('coverage', md);
    console.log(md);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3]!, process.argv[4]!);
else await mainBench();
