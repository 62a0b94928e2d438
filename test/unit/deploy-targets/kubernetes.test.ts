import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubernetesTarget, kubernetesOptions } from '../../../src/deploy/targets/kubernetes.js';
import { createKubectl } from '../../../src/runner/kubectl.js';
import type { ProbeRequest, ProbeResult } from '../../../src/deploy/types.js';
import { UserError } from '../../../src/errors.js';
import { startKubeFake, type KubeFake } from '../../support/kube-fake/server.js';
import { release, runSequence } from './sequence.js';

let kube: KubeFake;
beforeEach(async () => {
  kube = await startKubeFake({ readyAfterMs: 150 });
});
afterEach(async () => kube.close());

function target(over: Record<string, unknown> = {}) {
  const opts = kubernetesOptions('shop', 'production', { 'color-url': 'http://kube.test/{color}', ...over });
  return new KubernetesTarget(opts, createKubectl({ kubeconfig: kube.kubeconfig }));
}

/** Answers as the pods would: a color (or the public Service) serves when it has Ready pods. */
function probe(req: ProbeRequest): Promise<ProbeResult> {
  const u = new URL(req.url);
  const which = u.pathname.split('/')[1]!;
  const selector =
    which === 'public' ? kube.object('services', 'shop')?.spec?.selector : { 'slipway.dev/color': which };
  const pods = selector
    ? kube
        .list('pods')
        .filter((p) => Object.entries(selector).every(([k, v]) => p.metadata.labels?.[k] === v))
        .filter((p) => p.status?.conditions?.[0]?.status === 'True')
    : [];
  if (pods.length === 0) return Promise.resolve({ ok: false, error: 'connection refused', ms: 1 });
  const version = String(pods[0]!.spec.containers[0].image).split(':').pop()!;
  return Promise.resolve({
    ok: true,
    status: 200,
    headers: { 'x-version': version },
    body: '{"ok":true}',
    ms: 1,
  });
}

describe('kubernetes target (real kubectl, API fake)', () => {
  it('runs v1 -> v2 -> failing v3 through the engine', async () => {
    const t = target({ replicas: 2 });
    await runSequence(
      t,
      probe,
      { v1: 'shop:v1', v2: 'shop:v2', v3: 'shop:broken' },
      'http://kube.test/public',
    );
    const svc = kube.object('services', 'shop')!;
    expect(svc.spec.selector).toEqual({ 'app.kubernetes.io/name': 'shop', 'slipway.dev/color': 'green' });
    expect(kube.object('deployments', 'shop-blue')!.spec.replicas).toBe(0); // v3 went to blue and was stopped
    const green = kube.object('deployments', 'shop-green')!;
    expect(green.metadata.annotations['slipway.dev/image']).toBe('shop:v2');
    expect(green.spec.template.spec.containers[0].env).toEqual([{ name: 'GREETING', value: 'hi' }]);
    // The public Service never pointed at a color without Ready endpoints.
    const patches = kube.requests.filter((r) => r.method === 'PATCH' && r.path.includes('/services/shop?'));
    // First deploy creates it (server-side apply) on blue; the v2 switch patches it to green; v3 never touches it.
    expect(
      patches.map((p) => `${p.contentType.split(';')[0]} ${p.body?.spec?.selector?.['slipway.dev/color']}`),
    ).toEqual(['application/apply-patch+yaml blue', 'application/merge-patch+json green']);
  });

  it('refuses to switch the selector to a color without Ready endpoints', async () => {
    const t = target();
    await t.start('blue', release('shop:v1'));
    kube.setReady({ 'slipway.dev/color': 'blue' }, false);
    await expect(t.switch('blue')).rejects.toThrow(/refusing to point shop at blue: 0\/1 Ready endpoints/);
    expect(kube.object('services', 'shop')).toBeUndefined();
    kube.setReady({ 'slipway.dev/color': 'blue' }, undefined);
    await new Promise((r) => setTimeout(r, 200));
    expect((await t.health('blue')).state).toBe('ok');
    await t.switch('blue');
    expect(await t.verify('blue')).toMatchObject({ ok: true, live: 'blue' });
  });

  it('verify sees endpoints of the old color that are still listed', async () => {
    const t = target();
    await t.start('blue', release('shop:v1'));
    await new Promise((r) => setTimeout(r, 200));
    await t.switch('blue');
    expect(await t.verify('green')).toMatchObject({ ok: false, live: 'blue' });
  });

  it('stop keeps the Deployment at 0 replicas and reuse scales it back without a new template', async () => {
    const t = target();
    await t.start('blue', release('shop:v1'));
    const gen = kube.object('deployments', 'shop-blue')!.metadata.generation;
    await t.stop('blue');
    expect((await t.status()).colors.blue.state).toBe('stopped');
    await t.start('blue', release('shop:v1'), { reuse: true });
    const d = kube.object('deployments', 'shop-blue')!;
    expect(d.spec.replicas).toBe(1);
    expect(d.metadata.generation).toBe(gen + 2);
  });

  it('prepare refuses a Service it did not create, before changing anything', async () => {
    const { execFile } = await import('node:child_process');
    await new Promise<void>((res, rej) => {
      const c = execFile(
        'kubectl',
        [`--kubeconfig=${kube.kubeconfig}`, 'create', '--validate=false', '-f', '-'],
        (e) => (e ? rej(e) : res()),
      );
      c.stdin!.end(
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'shop' },
          spec: { selector: { x: 'y' } },
        }),
      );
    });
    const writes = kube.requests.length;
    await expect(target().prepare()).rejects.toThrow(UserError);
    await expect(target().prepare()).rejects.toThrow(/Service 'shop' exists but was not created by slipway/);
    expect(kube.requests.slice(writes).every((r) => r.method === 'GET')).toBe(true);
  });

  it('kubectl missing is a clear user error', async () => {
    const t = new KubernetesTarget(
      kubernetesOptions('shop', 'production'),
      createKubectl({ bin: 'kubectl-not-installed' }),
    );
    await expect(t.prepare()).rejects.toThrow(/'kubectl-not-installed' was not found on PATH/);
  });

  it('bad settings name the field', () => {
    expect(() => kubernetesOptions('Shop', 'p')).toThrow(/app: app 'Shop' is not a valid Kubernetes name/);
    expect(() => kubernetesOptions('shop', 'p', { replicas: 0 })).toThrow(
      /kubernetes.replicas: expected an integer 1..100/,
    );
    expect(() => kubernetesOptions('shop', 'p', { port: 1 })).toThrow(/kubernetes.port: unknown setting/);
    expect(() => kubernetesOptions('shop', 'p', { 'color-url': 'http://x' })).toThrow(/color-url/);
  });
});
