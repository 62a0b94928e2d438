/**
 * Baselines: the base branch's findings, as the SARIF this gate wrote there (its results carry
 * `partialFingerprints["slipway/v1"]`) or any report the parsers read. Only the fingerprints matter.
 */
import type { Finding } from './finding.js';
import { detectFormat, parseJson, parseReport } from './parse.js';
import { FINGERPRINT_KEY } from './sarif-out.js';

export function baselineFingerprints(texts: { text: string; file: string }[], root?: string): Set<string> {
  const out = new Set<string>();
  for (const { text, file } of texts) {
    const doc = parseJson(text, file);
    const format = detectFormat(doc, file);
    // Our own SARIF: take the fingerprints as written, so a baseline survives parser changes.
    const own = format === 'sarif' ? ownFingerprints(doc) : undefined;
    if (own && own.length > 0) {
      for (const fp of own) out.add(fp);
      continue;
    }
    const findings: Finding[] = parseReport(text, file, root ? { root } : {});
    for (const f of findings) out.add(f.fingerprint);
  }
  return out;
}

function ownFingerprints(doc: unknown): string[] | undefined {
  const runs = (doc as { runs?: { results?: { partialFingerprints?: Record<string, string> }[] }[] }).runs;
  if (!Array.isArray(runs)) return undefined;
  const fps: string[] = [];
  let foreign = false;
  for (const run of runs) {
    for (const r of run?.results ?? []) {
      const fp = r?.partialFingerprints?.[FINGERPRINT_KEY];
      if (typeof fp === 'string') fps.push(fp);
      else foreign = true;
    }
  }
  return foreign ? undefined : fps;
}
