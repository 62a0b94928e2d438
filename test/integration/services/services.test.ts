import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/harness.js';
import {
  BASE_IMAGE,
  REGISTRY,
  SERVICES_DIR,
  busyboxBaseImage,
  docker,
  dockerBuild,
  dockerResult,
  ensureServices,
  registryFetch,
  registryTags,
  uniqueSuffix,
} from '../../support/services.js';

function services(cmd: string) {
  return spawnSync('bash', [join(repoRoot, 'scripts/services.sh'), cmd], { encoding: 'utf8' });
}

describe('scripts/services.sh', () => {
  beforeAll(async () => {
    await ensureServices();
  });

  it('up is idempotent: a second run restarts nothing', () => {
    const startedFile = join(SERVICES_DIR, 'started');
    const started = () => (existsSync(startedFile) ? readFileSync(startedFile, 'utf8') : '');
    const pidsBefore = started();
    const daemonId = docker(['info', '--format', '{{.ID}}']);
    const r = services('up');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/starting (dockerd|registry)/);
    expect(started()).toBe(pidsBefore);
    expect(docker(['info', '--format', '{{.ID}}'])).toBe(daemonId);
  });

  it('status reports dockerd, the registry, the BuildKit client, haproxy and nginx', () => {
    const r = services('status');
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^dockerd: +running/m);
    expect(r.stdout).toMatch(new RegExp(`^registry: +running on ${REGISTRY.replace(/\./g, '\\.')}`, 'm'));
    expect(r.stdout).toMatch(/^haproxy: +HAProxy version/m);
    expect(r.stdout).toMatch(/^nginx: +nginx version/m);
  });

  it('rejects an unknown command', () => {
    const r = services('sideways');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/usage/);
  });

  it('the daemon runs containers with host networking only', () => {
    const out = docker(['run', '--rm', '--network', 'host', BASE_IMAGE, 'sh', '-c', 'echo $((6*7))']);
    expect(out.trim()).toBe('42');
    const info = docker(['network', 'ls', '--format', '{{.Name}}']).split('\n');
    expect(info).not.toContain('bridge');
  });

  it('builds FROM the busybox base with BuildKit, pushes, removes and pulls back', async () => {
    const base = await busyboxBaseImage();
    const ctx = mkdtempSync(join(tmpdir(), 'services-build-'));
    const id = uniqueSuffix();
    writeFileSync(
      join(ctx, 'Dockerfile'),
      `FROM ${base}\nRUN echo ${id} > /id.txt\nCMD ["cat", "/id.txt"]\n`,
    );
    const ref = `${REGISTRY}/services-test/roundtrip:${id}`;
    const build = dockerBuild(['--network', 'host', '--progress', 'plain', '-t', ref, ctx]);
    // BuildKit's plain progress numbers its steps: "#5 [2/2] RUN ..."
    expect(build.stderr + build.stdout).toMatch(/#\d+ \[\d\/\d\] RUN echo/);
    docker(['push', ref]);
    expect(await registryTags('services-test/roundtrip')).toContain(id);
    docker(['image', 'rm', ref]);
    expect(dockerResult(['image', 'inspect', ref]).status).not.toBe(0);
    docker(['pull', ref]);
    expect(docker(['run', '--rm', '--network', 'host', ref]).trim()).toBe(id);
  });

  it('the registry deletes manifests by digest', async () => {
    const base = await busyboxBaseImage();
    const id = uniqueSuffix();
    const ref = `${REGISTRY}/services-test/delete:${id}`;
    docker(['tag', base, ref]);
    docker(['push', ref]);
    docker(['image', 'rm', ref]);
    const head = await registryFetch(`services-test/delete/manifests/${id}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    const digest = head.headers.get('docker-content-digest');
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const del = await registryFetch(`services-test/delete/manifests/${digest}`, { method: 'DELETE' });
    expect(del.status).toBe(202);
    const after = await registryFetch(`services-test/delete/manifests/${digest}`, { method: 'HEAD' });
    expect(after.status).toBe(404);
    expect(dockerResult(['pull', ref]).status).not.toBe(0);
  });
});
