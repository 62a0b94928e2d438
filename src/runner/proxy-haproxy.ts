/**
 * HAProxy through its runtime API (the admin socket): no reload, no dropped connections. The
 * backend has one server per color; switching sets the new color's server `ready` first and
 * then puts the old one in `maint`, so there is never a moment without a server. In-flight
 * requests on the old server finish.
 *
 *   backend shop
 *     server blue  127.0.0.1:8081
 *     server green 127.0.0.1:8082 disabled
 */
import { existsSync, statSync } from 'node:fs';
import net from 'node:net';
import type { HaproxyConfig } from '../deploy/config.js';
import { TargetError, type Color, type ColorEndpoint, type TrafficRouter } from '../deploy/target.js';
import { UserError } from '../errors.js';

/** Sends one command over the admin socket and returns HAProxy's answer. */
export function haproxyCommand(socket: string, command: string, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const conn = net.createConnection(socket);
    let out = '';
    const timer = setTimeout(() => {
      conn.destroy();
      reject(new TargetError(`HAProxy did not answer '${command}' within ${timeoutMs} ms`, 'switch'));
    }, timeoutMs);
    conn.setEncoding('utf8');
    conn.on('connect', () => conn.end(`${command}\n`));
    conn.on('data', (d: string) => (out += d));
    conn.on('error', (e) => {
      clearTimeout(timer);
      reject(new TargetError(`HAProxy admin socket ${socket}: ${e.message}`, 'switch'));
    });
    conn.on('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
  });
}

/** Parses `show servers state <backend>` into server name → {admin state, operational state, addr, port}. */
export function parseServersState(
  text: string,
): Map<string, { admin: number; op: number; addr: string; port: number }> {
  const lines = text.split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  const out = new Map<string, { admin: number; op: number; addr: string; port: number }>();
  for (const l of lines.slice(1)) {
    // be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state ... srv_port ...
    const f = l.trim().split(/\s+/);
    if (f.length < 19) continue;
    out.set(f[3]!, { addr: f[4]!, op: Number(f[5]), admin: Number(f[6]), port: Number(f[18]) });
  }
  return out;
}

export class HaproxyRouter implements TrafficRouter {
  readonly kind = 'haproxy';
  constructor(private readonly cfg: HaproxyConfig) {}

  private async cmd(command: string): Promise<string> {
    const out = (await haproxyCommand(this.cfg.socket, command)).trim();
    // The runtime API answers success with an empty line (or a note); errors are plain text.
    if (/^(No such|Unknown|Can't|Require|Permission denied)|not found|invalid|failed/im.test(out)) {
      throw new TargetError(`HAProxy refused '${command}': ${out.split('\n')[0]}`, 'switch');
    }
    return out;
  }

  async prepare(): Promise<void> {
    const { socket, backend, servers } = this.cfg;
    if (!existsSync(socket))
      throw new UserError(`HAProxy admin socket ${socket} does not exist`, 'proxy.socket');
    if (!statSync(socket).isSocket()) throw new UserError(`${socket} is not a unix socket`, 'proxy.socket');
    let state: string;
    try {
      state = await haproxyCommand(socket, `show servers state ${backend}`);
    } catch (e) {
      throw new UserError(`cannot talk to HAProxy: ${(e as Error).message}`, 'proxy.socket');
    }
    if (/Can't find backend|No such backend/i.test(state))
      throw new UserError(`HAProxy has no backend '${backend}'`, 'proxy.backend');
    if (/Permission denied/i.test(state)) {
      throw new UserError(`the socket is not at admin level (stats socket ... level admin)`, 'proxy.socket');
    }
    const parsed = parseServersState(state);
    for (const c of ['blue', 'green'] as const) {
      if (!parsed.has(servers[c])) {
        throw new UserError(
          `HAProxy backend '${backend}' has no server '${servers[c]}' for ${c}`,
          'proxy.servers',
        );
      }
    }
  }

  async switch(to: Color, endpoint: ColorEndpoint): Promise<void> {
    const { backend, servers } = this.cfg;
    const other: Color = to === 'blue' ? 'green' : 'blue';
    const u = new URL(endpoint.url);
    const port = u.port || (u.protocol === 'https:' ? '443' : '80');
    // Point the color's server at where it runs (idempotent), bring it in, then drain the other.
    await this.cmd(`set server ${backend}/${servers[to]} addr ${u.hostname} port ${port}`);
    await this.cmd(`set server ${backend}/${servers[to]} state ready`);
    // With `check` on the server, HAProxy only sends traffic once its own check passes: wait for
    // the server to be running before draining the other one, so there is always a server up.
    await this.waitRunning(servers[to]);
    await this.cmd(`set server ${backend}/${servers[other]} state maint`);
  }

  private async waitRunning(server: string, timeoutMs = 15_000): Promise<void> {
    const t0 = Date.now();
    for (;;) {
      const st = parseServersState(
        await haproxyCommand(this.cfg.socket, `show servers state ${this.cfg.backend}`),
      );
      const s = st.get(server);
      // srv_op_state 2 = running
      if (s && s.op === 2) return;
      if (Date.now() - t0 > timeoutMs) {
        throw new TargetError(
          `HAProxy did not bring ${this.cfg.backend}/${server} up within ${timeoutMs / 1000}s (its health check fails?)`,
          'switch',
        );
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async live(): Promise<Color | undefined> {
    const state = parseServersState(
      await haproxyCommand(this.cfg.socket, `show servers state ${this.cfg.backend}`),
    );
    // Admin state bits 0x01/0x02 = forced/inherited maintenance (set server ... state maint).
    const up = (['blue', 'green'] as const).filter((c) => {
      const s = state.get(this.cfg.servers[c]);
      return s !== undefined && (s.admin & 0x03) === 0;
    });
    return up.length === 1 ? up[0] : undefined;
  }
}
