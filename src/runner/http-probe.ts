/**
 * One HTTP probe with a hard per-try timeout, no keep-alive (each probe is a fresh connection,
 * as a new client would make) and a bounded body read. Never throws: failures are results.
 */
import http from 'node:http';
import https from 'node:https';
import type { ProbeRequest, ProbeResult } from '../deploy/types.js';

const MAX_BODY = 64 * 1024;

export function httpProbe(req: ProbeRequest): Promise<ProbeResult> {
  const t0 = performance.now();
  const ms = (): number => Math.round(performance.now() - t0);
  return new Promise((resolve) => {
    let done = false;
    const finish = (r: ProbeResult): void => {
      if (!done) {
        done = true;
        resolve(r);
      }
    };
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      finish({ ok: false, error: `bad URL ${req.url}`, ms: 0 });
      return;
    }
    const mod = url.protocol === 'https:' ? https : http;
    const r = mod.request(
      url,
      {
        method: req.method,
        headers: { connection: 'close', ...req.headers },
        agent: false,
        timeout: req.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (size < MAX_BODY) chunks.push(c);
          size += c.length;
        });
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) {
            if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
          }
          finish({
            ok: true,
            status: res.statusCode ?? 0,
            headers,
            body: Buffer.concat(chunks).toString('utf8').slice(0, MAX_BODY),
            ms: ms(),
          });
        });
        res.on('error', (e) => finish({ ok: false, error: e.message, ms: ms() }));
      },
    );
    const timer = setTimeout(() => {
      r.destroy(new Error(`timed out after ${req.timeoutMs} ms`));
    }, req.timeoutMs);
    r.on('timeout', () => r.destroy(new Error(`timed out after ${req.timeoutMs} ms`)));
    r.on('error', (e: NodeJS.ErrnoException) =>
      finish({ ok: false, error: e.code ? `${e.code}: ${e.message}` : e.message, ms: ms() }),
    );
    r.on('close', () => clearTimeout(timer));
    r.end();
  });
}
