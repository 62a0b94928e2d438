import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUserError } from '../../../src/errors.js';
import { lineStatuses, mergeReports, totals } from '../../../src/coverage/model.js';
import { type FormatChoice, parseReport, reportSize, sniffFormat } from '../../../src/coverage/parse.js';

const bad = (f: string) => join(import.meta.dirname, '../../../fixtures/coverage/bad', f);
const fixture = (f: string) => join(import.meta.dirname, '../../../fixtures/coverage', f);

async function errorOf(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    expect(isUserError(e)).toBe(true);
    return e as Error;
  }
  throw new Error('expected a UserError');
}

describe('lcov tricky cases', () => {
  it('BRDA taken "-" is found but not hit; branch expressions with commas; block flags', async () => {
    const r = await parseReport(
      ['TN:', 'SF:a.c', 'DA:10,1', 'BRDA:10,0,0,-', 'BRDA:10,0,1,3', 'BRDA:10,e0,enable, disable,1', 'BRDA:10,0,x,y,z,0', 'end_of_record', ''].join('\n'),
      'a.info',
    );
    const t = totals(r);
    expect(t.branches).toEqual({ found: 4, hit: 2 });
    expect(lineStatuses(r.files.get('a.c')!).get(10)).toBe('partial');
  });

  it('the same SF under several TN sections merges: hits add, each point counted once', async () => {
    const text = [
      'TN:one',
      'SF:./src/a.c',
      'FN:1,main',
      'FNDA:0,main',
      'DA:1,0',
      'DA:2,1',
      'BRDA:2,0,0,0',
      'BRDA:2,0,1,1',
      'LF:99',
      'LH:99',
      'end_of_record',
      'TN:two',
      'SF:./src/a.c',
      'FN:1,main',
      'FNDA:2,main',
      'DA:1,4',
      'DA:3,0',
      'BRDA:2,0,0,5',
      'end_of_record',
    ].join('\r\n');
    const r = await parseReport(text, 'x.info');
    expect([...r.files.keys()]).toEqual(['./src/a.c']);
    expect(totals(r)).toMatchObject({ lines: { found: 3, hit: 2 }, functions: { found: 1, hit: 1 }, branches: { found: 2, hit: 2 } });
  });

  it('lcov 2.x FNL/FNA function groups count once; FN with an end line; line 0 dropped; comments; no final end_of_record', async () => {
    const text = ['# generated', 'VER:1', 'SF:b.cpp', 'FNL:0,5,9', 'FNA:0,1,_Z3fooi', 'FNA:0,0,foo(int)', 'FNL:1,12', 'FNA:1,0,bar', 'FN:20,25,baz', 'FNDA:1,baz', 'DA:0,5', 'DA:5,1', 'BRDA:0,0,0,1', 'MCDC:5,2,t,1,0,a && b'].join('\n');
    const t = totals(await parseReport(text, 'b.info'));
    expect(t.functions).toEqual({ found: 3, hit: 2 });
    expect(t.lines).toEqual({ found: 1, hit: 1 });
    expect(t.branches).toEqual({ found: 0, hit: 0 });
  });

  it('floats and exponents are counts; chunks split anywhere parse the same', async () => {
    const text = 'SF:a.c\nDA:1,1.0e+19\nDA:2,0\nFN:1,f\nFNDA:1.5e+20,f\nend_of_record\n';
    const whole = totals(await parseReport(text, 'a.info'));
    const chunks = text.match(/.{1,3}/gs)!;
    const split = totals(await parseReport(chunks, 'a.info'));
    expect(split).toEqual(whole);
    expect(whole.lines).toEqual({ found: 2, hit: 1 });
  });

  it('shards in different formats of different files merge', async () => {
    const a = await parseReport('SF:a.c\nDA:1,1\nend_of_record\n', 'a.info');
    const b = await parseReport('mode: set\nm/b.go:1.1,2.2 3 0\n', 'b.out');
    expect(totals(mergeReports([a, b])).lines).toEqual({ found: 4, hit: 1 });
  });
});

describe('format detection', () => {
  it('detects every fixture format from its content', async () => {
    const cases: [string, string][] = [
      ['lcov/calc.info', 'lcov'],
      ['gcovr/coverage.xml', 'cobertura'],
      ['coveragepy/coverage.xml', 'cobertura'],
      ['coveragepy/coverage.json', 'coveragepy-json'],
      ['vitest-v8/coverage-final.json', 'istanbul-final'],
      ['vitest-v8/coverage-summary.json', 'istanbul-summary'],
      ['vitest-v8/clover.xml', 'clover'],
      ['vitest-v8/cobertura-coverage.xml', 'cobertura'],
      ['jacoco/jacoco.xml', 'jacoco'],
      ['go/atomic.out', 'go'],
    ];
    for (const [f, fmt] of cases) {
      const r = await parseReport(createReadStream(fixture(f), { encoding: 'utf8', highWaterMark: 64 }), f);
      expect(r.formats, f).toEqual([fmt]);
      expect(reportSize(r), f).toBeGreaterThan(0);
    }
    expect(sniffFormat('{"total": {"lines": {"total": 1')).toBe('istanbul-summary');
  });
});

describe('bad inputs: a clear error naming the file (and line), never a crash', () => {
  const cases: [string, FormatChoice, RegExp][] = [
    ['truncated.xml', 'auto', /^.*truncated\.xml:\d+: not well-formed XML/],
    ['binary.info', 'auto', /binary\.info: this is a binary file, not a coverage report$/],
    ['empty.info', 'auto', /empty\.info: the report is empty$/],
    ['negative.info', 'auto', /negative\.info:4: DA count -3 is negative$/],
    ['nonnumeric.info', 'auto', /nonnumeric\.info:4: DA count 'lots' is not a number$/],
    ['bad-count.out', 'auto', /bad-count\.out:2: count 'x' is not a number$/],
    ['negative-hits.xml', 'auto', /negative-hits\.xml:4: line@hits -2 is negative$/],
    ['coveragepy-bad.json', 'auto', /coveragepy-bad\.json: files\.a\.py\.executed_lines\[1\]: line must be a non-negative integer, got "two"$/],
    ['html.xml', 'auto', /html\.xml: could not recognise the report format \(XML of an unknown kind\)/],
    ['html.xml', 'cobertura', /html\.xml:1: <html> is not the root of a Cobertura, JaCoCo or Clover report$/],
  ];
  for (const [file, fmt, re] of cases) {
    it(`${file}${fmt === 'auto' ? '' : ` (format ${fmt})`}`, async () => {
      const e = await errorOf(parseReport(createReadStream(bad(file), { encoding: 'utf8' }), bad(file), fmt));
      expect(e.message).toMatch(re);
      expect(e.message).not.toContain('\n');
    });
  }

  it('a forced format that does not fit the content', async () => {
    const e = await errorOf(parseReport(createReadStream(fixture('gcovr/coverage.xml'), { encoding: 'utf8' }), 'coverage.xml', 'lcov'));
    expect(e.message).toBe('coverage.xml: format is set to lcov but this looks like cobertura: fix the format input or the file');
    const j = await errorOf(parseReport(createReadStream(fixture('jacoco/jacoco.xml'), { encoding: 'utf8' }), 'jacoco.xml', 'clover'));
    expect(j.message).toMatch(/jacoco\.xml: format is set to clover but this looks like jacoco/);
  });

  it('reports with no executable lines are empty (the gate fails on them by default)', async () => {
    for (const f of ['zero-lines.info', 'unknown-summary.json']) {
      const r = await parseReport(createReadStream(bad(f), { encoding: 'utf8' }), f);
      expect(reportSize(r), f).toBe(0);
    }
  });

  it('an lcov record outside a file, and garbage lines, name the line', async () => {
    expect((await errorOf(parseReport('TN:\nDA:1,1\n', 'x.info'))).message).toBe('x.info:2: DA record outside a file section (no SF: before it)');
    expect((await errorOf(parseReport('SF:a\nDA:1,1\nthis is not lcov\n', 'y.info'))).message).toBe("y.info:3: 'this is not lcov' is not an lcov record");
  });

  it('XML never resolves external entities', async () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE coverage [<!ENTITY x SYSTEM "file:///etc/passwd">]><coverage><packages><package><classes><class filename="&x;"><lines/></class></classes></package></packages></coverage>';
    const e = await errorOf(parseReport(xxe, 'xxe.xml'));
    expect(e.message).toMatch(/^xxe\.xml:1: not well-formed XML/);
  });
});
