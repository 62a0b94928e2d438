/**
 * nginx: Slipway renders the upstream include file, checks the whole config with `nginx -t`
 * and reloads gracefully (`nginx -s reload`). On any refusal the previous include is restored,
 * so nginx keeps serving the live color.
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
    write(renderUpstream(upstream, to, endpoint));
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
