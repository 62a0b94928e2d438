/**
 * nginx: Slipway renders the upstream include file, checks the whole config with `nginx -t`
 * and reloads gracefully (`nginx -s reload`). On any refusal the previous include is restored,
 * so nginx keeps serving the live color. A switch to the route the include already holds (same
 * color, upstream and servers) changes nothing and does not reload.
 *
 * Keep-alive caveat: after a reload, old nginx workers finish the requests they are serving and
 * close idle keep-alive connections; a client request already in flight on an old worker still
 * goes to the old color. Keep the old color running (keep-warm) at least as long as your
 * longest request, which Slipway does by default.
 */
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { NginxConfig } from '../deploy/config.js';
import {
  TargetError,
  isColor,
  type Color,
  type ColorEndpoint,
  type TrafficRouter,
} from '../deploy/target.js';
import { UserError } from '../errors.js';
import { run } from './docker-target-exec.js';

export function renderUpstream(upstream: string, color: Color, endpoint: ColorEndpoint): string {
  const u = new URL(endpoint.url);
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  return [
    `# Managed by Slipway: do not edit. slipway-color: ${color}`,
    `upstream ${upstream} {`,
    `    server ${u.hostname}:${port};`,
    `}`,
    '',
  ].join('\n');
}

/** What an upstream include routes to: its Slipway color marker, upstream name and servers. */
export function parseUpstream(text: string): { color?: string; upstream?: string; servers: string[] } {
  const noComments = text.replace(/#[^\n]*/g, '');
  return {
    color: /slipway-color: (\w+)/.exec(text)?.[1],
    upstream: /\bupstream\s+(\S+)\s*\{/.exec(noComments)?.[1],
    servers: [...noComments.matchAll(/\bserver\s+([^\s;]+)[^;]*;/g)].map((m) => m[1]!),
  };
}

function sameRoute(a: string, b: string): boolean {
  const x = parseUpstream(a);
  const y = parseUpstream(b);
  return (
    x.color !== undefined &&
    x.color === y.color &&
    x.upstream === y.upstream &&
    x.servers.length > 0 &&
    x.servers.join(' ') === y.servers.join(' ')
  );
}

export class NginxRouter implements TrafficRouter {
  readonly kind = 'nginx';
  constructor(private readonly cfg: NginxConfig) {}

  private async exec(cmd: string[], what: string): Promise<void> {
    const r = await run(cmd[0]!, cmd.slice(1), { timeoutMs: 30_000 });
    if (r.code !== 0) {
      const msg = (r.stderr || r.stdout)
        .trim()
        .split('\n')
        .filter((l) => !/syntax is ok|test is successful/.test(l))
        .join(' ');
      throw new TargetError(`${what} (${cmd.join(' ')}) failed with exit ${r.code}: ${msg}`, 'switch');
    }
  }

  async prepare(): Promise<void> {
    const { upstreamFile, testCommand } = this.cfg;
    const dir = dirname(upstreamFile);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new UserError(`directory ${dir} of the upstream file does not exist`, 'proxy.upstream-file');
    }
    if (existsSync(upstreamFile)) {
      try {
        await this.exec(testCommand, 'nginx config test');
      } catch (e) {
        throw new UserError(
          `nginx rejects its current config before any change: ${(e as Error).message}`,
          'proxy.test-command',
        );
      }
    }
  }

  async switch(to: Color, endpoint: ColorEndpoint): Promise<void> {
    const { upstreamFile, upstream, testCommand, reloadCommand } = this.cfg;
    const before = existsSync(upstreamFile) ? readFileSync(upstreamFile, 'utf8') : undefined;
    const write = (text: string): void => {
      const tmp = `${upstreamFile}.slipway-tmp`;
      writeFileSync(tmp, text);
      renameSync(tmp, upstreamFile);
    };
    const next = renderUpstream(upstream, to, endpoint);
    // The include already routes there (a switch back after a refused change, whose include
    // was restored and never loaded): no reload, because every reload closes the old
    // workers' keep-alive connections and can drop a request racing that close.
    if (before !== undefined && sameRoute(before, next)) return;
    write(next);
    try {
      await this.exec(testCommand, 'nginx config test');
      await this.exec(reloadCommand, 'nginx reload');
    } catch (e) {
      if (before !== undefined) write(before);
      throw e;
    }
  }

  async live(): Promise<Color | undefined> {
    if (!existsSync(this.cfg.upstreamFile)) return undefined;
    const m = /slipway-color: (\w+)/.exec(readFileSync(this.cfg.upstreamFile, 'utf8'));
    return m && isColor(m[1]) ? m[1] : undefined;
  }
}
