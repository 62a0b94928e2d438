import { describe, expect, it } from 'vitest';
import { lineStatuses, totals } from '../../../src/coverage/model.js';
import { parseLcov } from '../../../src/coverage/parsers/lcov.js';

// Per-test captures repeat each file's records section after section; the parser matches a
// section against the previous one by position. These reports change the order, the names and
// the keys between sections, so every guess is wrong somewhere and must fall back correctly.
const sections = [
  'TN:a\nSF:src/x.c\nFN:1,alpha\nFN:5,7,beta\nFNDA:2,alpha\nFNDA:0,beta\nBRDA:1,0,0,1\nBRDA:1,0,1,-\nDA:1,3\nDA:2,0\nend_of_record\n',
  // same file, reordered, a prefix of a known name, a longer name, a new branch
  'TN:b\nSF:src/x.c\nFN:5,7,beta\nFN:1,alph\nFNDA:1,beta\nFNDA:4,alphab\nFNDA:1,alpha\nBRDA:1,0,1,2\nBRDA:1,0,0,-\nBRDA:2,0,0,0\nDA:2,1\r\nend_of_record\n',
  // another file in between, then the first one again as in section one
  'TN:c\nSF:src/y.c\nFN:3,gamma\nFNDA:0,gamma\nDA:3,0\nend_of_record\n',
  'TN:d\nSF:src/x.c\nFN:1,alpha\nFN:5,7,beta\nFNDA:2,alpha\nFNDA:0,beta\nBRDA:1,0,0,1\nBRDA:1,0,1,-\nDA:1,3\nDA:2,0\nend_of_record\n',
];
const text = sections.join('');

function summary(r: Awaited<ReturnType<typeof parseLcov>>) {
  const files = [...r.files.values()].map((f) => ({
    path: f.path,
    lines: [...f.lines.entries()],
    branches: [...f.branches.values()].map((b) => [b.line, b.taken]),
    functions: [...f.functions.values()].map((fn) => [fn.name, fn.line, fn.hits]),
    status: [...lineStatuses(f)],
  }));
  return { totals: totals(r), files };
}

describe('lcov: repeated sections', () => {
  it('merges sections whatever their order, as the sum of the sections', async () => {
    const s = summary(await parseLcov(text, 'r.info'));
    const x = s.files.find((f) => f.path === 'src/x.c')!;
    expect(x.lines).toEqual([
      [1, 6],
      [2, 1],
    ]);
    expect(x.branches).toEqual([
      [1, 2],
      [1, 2],
      [2, 0],
    ]);
    expect(x.functions).toEqual([
      ['alpha', 1, 5],
      ['beta', 5, 1],
      ['alph', 1, 0],
      ['alphab', 0, 4],
    ]);
    expect(s.totals.functions).toEqual({ found: 5, hit: 3 });
    expect(s.totals.branches).toEqual({ found: 3, hit: 2 });
  });

  it('gives the same result however the stream is cut into chunks', async () => {
    const whole = summary(await parseLcov(text, 'r.info'));
    const bytes = Buffer.from(text, 'utf8');
    for (let size = 1; size <= 17; size++) {
      const chunks: Uint8Array[] = [];
      for (let o = 0; o < bytes.length; o += size) chunks.push(bytes.subarray(o, o + size));
      async function* stream() {
        yield* chunks;
      }
      expect(summary(await parseLcov(stream(), 'r.info'))).toEqual(whole);
    }
  });

  it('names the line of a bad record after many fast-path lines', async () => {
    const bad = `${sections[0]}SF:src/x.c\nDA:1,1\nBRDA:1,0,0,-5\nend_of_record\n`;
    const lines = sections[0]!.split('\n').length - 1;
    await expect(parseLcov(bad, 'r.info')).rejects.toThrow(`r.info:${lines + 3}`);
  });
});
