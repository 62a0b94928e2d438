import { describe, expect, it } from 'vitest';
import { chunksOf } from '../../../src/coverage/parsers/util.js';

async function collect(chunks: (string | Uint8Array)[]): Promise<string[]> {
  async function* stream() {
    yield* chunks;
  }
  const out: string[] = [];
  for await (const s of chunksOf(stream())) out.push(s);
  return out;
}

describe('chunksOf', () => {
  it('decodes a large byte chunk in pieces small enough to stay ordinary heap strings', async () => {
    // 300 KB of text with a 3-byte character on every piece boundary and across chunk ends
    const text = '€abcdefgh'.repeat(30_000);
    const bytes = Buffer.from(text, 'utf8');
    const parts = [bytes.subarray(0, 200_001), bytes.subarray(200_001)];
    const pieces = await collect(parts);
    expect(pieces.join('')).toBe(text);
    expect(pieces.length).toBeGreaterThan(4);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(64 << 10);
  });

  it('passes strings through whole', async () => {
    const big = 'x'.repeat(200_000);
    expect(await collect([big, 'y'])).toEqual([big, 'y']);
  });
});
