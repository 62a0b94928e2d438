import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configDigest, parseDeployConfig, selectEnvironment } from '../../../src/deploy/config.js';
import { buildDeployPlan, buildRollbackPlan } from '../../../src/deploy/plan.js';
import { HaproxyRouter } from '../../../src/runner/proxy-haproxy.js';

export const EXAMPLE = `# .github/slipway-deploy.yml
version: 1
apps:
  shop:
    image: ghcr.io/acme/shop
    environments:
      production:
        target: docker
        url: https://shop.example.com
        health:
          path: /health
          expect-status: [200, 204]
          json-field: status
          json-equals: ok
          interval-seconds: 1
          timeout-seconds: 2
          healthy-threshold: 2
          unhealthy-threshold: 3
          start-period-seconds: 10
          deadline-seconds: 120
        version:
          header: X-App-Version
        smoke:
          command: ./scripts/smoke.sh "$SLIPWAY_URL"
          timeout-seconds: 120
        bake-seconds: 60
        keep-warm-minutes: 30
        error-rate: { max-percent: 5, min-probes: 10 }
        docker:
          host: ssh://deploy@shop-1.example.com
          network: host
          ports: { blue: 8081, green: 8082 }
          env: { RAILS_ENV: production }
          env-from: [DATABASE_URL]
          run-options: [--memory=512m]
          proxy:
            kind: haproxy
            socket: /run/haproxy/admin.sock
            backend: shop
      staging:
        target: docker
        url: https://staging.shop.example.com
        health: { path: /health }
        docker:
          host: ssh://deploy@shop-1.example.com
          ports: { blue: 9081, green: 9082 }
          proxy:
            kind: nginx
            upstream-file: /etc/nginx/conf.d/shop-staging-upstream.conf
            upstream: shop_staging
  admin:
    environments:
      production:
        target: kubernetes
        url: https://admin.example.com
        kubernetes: { namespace: admin }
`;

const schema = JSON.parse(
  readFileSync(new URL('../../../schemas/slipway-deploy.schema.json', import.meta.url), 'utf8'),
) as object;
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

function bad(text: string): string {
  try {
    parseDeployConfig(text, '.github/slipway-deploy.yml');
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the config to be refused');
}

const minimal = (env: string): string => `apps:\n  shop:\n    environments:\n      production:\n${env}`;

describe('deploy config', () => {
  it('parses the documented example, which the JSON Schema accepts too', () => {
    expect(validate(parse(EXAMPLE)), JSON.stringify(validate.errors)).toBe(true);
    const cfg = parseDeployConfig(EXAMPLE, '.github/slipway-deploy.yml');
    expect(cfg.environments.map((e) => `${e.app}/${e.environment}:${e.target}`)).toEqual([
      'shop/production:docker',
      'shop/staging:docker',
      'admin/production:kubernetes',
    ]);
    const prod = selectEnvironment(cfg, 'shop', 'production');
    expect(prod.health).toMatchObject({
      path: '/health',
      expectStatus: [200, 204],
      json: { field: 'status', equals: 'ok' },
      deadlineMs: 120_000,
    });
    expect(prod.docker).toMatchObject({
      host: 'ssh://deploy@shop-1.example.com',
      network: 'host',
      ports: { blue: 8081, green: 8082 },
    });
    expect(prod.docker!.proxy).toEqual({
      kind: 'haproxy',
      socket: '/run/haproxy/admin.sock',
      backend: 'shop',
      servers: { blue: 'blue', green: 'green' },
    });
    expect(prod.version).toMatchObject({ kind: 'header', name: 'X-App-Version', consecutive: 3 });
    expect(prod.image).toBe('ghcr.io/acme/shop');
    const staging = selectEnvironment(cfg, 'shop', 'staging');
    expect(staging.docker!.proxy).toMatchObject({
      kind: 'nginx',
      testCommand: ['nginx', '-t'],
      reloadCommand: ['nginx', '-s', 'reload'],
    });
    expect(staging.bakeMs).toBe(60_000);
    expect(selectEnvironment(cfg, 'admin', 'production').targetSection).toEqual({ namespace: 'admin' });
  });

  it('names the file, line and field of each mistake', () => {
    expect(bad(minimal('        target: nomad\n        url: http://x\n'))).toBe(
      ".github/slipway-deploy.yml:5: apps.shop.environments.production.target: unknown target 'nomad' (known: docker, swarm, kubernetes, command)",
    );
    expect(
      bad(
        minimal('        target: docker\n        url: http://x\n        health: { interval-seconds: 1 }\n'),
      ),
    ).toMatch(/slipway-deploy.yml:7: apps.shop.environments.production.health: a health check needs a path/);
    expect(bad(minimal('        target: docker\n        url: http://x\n        helth: {}\n'))).toMatch(
      /:7: apps.shop.environments.production.helth: unknown field 'helth'/,
    );
    expect(bad(minimal('        target: docker\n        url: ftp://x\n'))).toMatch(
      /:6: .*url: must be an http\(s\) URL/,
    );
    expect(
      bad(
        minimal(
          '        target: docker\n        url: http://x\n        docker:\n          ports: { blue: 1, green: 1 }\n          proxy: { kind: haproxy, socket: /s, backend: b }\n',
        ),
      ),
    ).toMatch(/docker.ports: blue and green need different ports/);
    expect(
      bad(
        minimal(
          '        target: docker\n        url: http://x\n        docker:\n          ports: { blue: 1, green: 2 }\n          proxy: { kind: nginx, upstream-file: up.conf, upstream: u }\n',
        ),
      ),
    ).toMatch(/proxy.upstream-file: must be an absolute path/);
    expect(
      bad(
        minimal(
          '        target: docker\n        url: http://x\n        health: { path: /h, interval-seconds: fast }\n',
        ),
      ),
    ).toMatch(/health.interval-seconds: must be a number, got "fast"/);
    expect(bad('apps: [\n')).toMatch(/^\.github\/slipway-deploy\.yml:\d+: not valid YAML/);
  });

  it('refuses two apps on one port of the same Docker host', () => {
    const two = `apps:
  shop:
    environments:
      production:
        target: docker
        url: http://a
        docker: { ports: { blue: 8081, green: 8082 }, proxy: { kind: haproxy, socket: /s, backend: shop } }
  blog:
    environments:
      production:
        target: docker
        url: http://b
        docker: { ports: { blue: 8082, green: 8083 }, proxy: { kind: haproxy, socket: /s, backend: blog } }
`;
    expect(bad(two)).toBe(
      '.github/slipway-deploy.yml:13: apps.blog.environments.production.docker.ports.blue: port 8082 is also used by shop/production green',
    );
    expect(validate(parse(two))).toBe(true); // the schema cannot see this; the parser does
  });

  it('builds plans: inputs override the config, config digests are stable', () => {
    const env = selectEnvironment(parseDeployConfig(EXAMPLE, 'f'), 'shop', 'production');
    const runtime = { env: { B: '2', A: '1' }, network: 'host' };
    const plan = buildDeployPlan(
      env,
      {
        image: 'ghcr.io/acme/shop@sha256:' + 'a'.repeat(64),
        health: { 'interval-seconds': '0.5', path: '' },
        bakeSeconds: 5,
        ref: 'main',
      },
      runtime,
    );
    expect(plan.health.intervalMs).toBe(500);
    expect(plan.health.path).toBe('/health');
    expect(plan.bakeMs).toBe(5000);
    expect(plan.keepWarmMs).toBe(30 * 60_000);
    expect(plan.smoke?.command).toMatch(/smoke.sh/);
    expect(plan.release.configDigest).toBe(configDigest({ network: 'host', env: { A: '1', B: '2' } }));
    expect(() =>
      buildDeployPlan(env, { image: 'x', target: 'swarm', health: {}, ref: 'main' }, runtime),
    ).toThrow(/^target: is 'swarm' but shop\/production is configured with target 'docker'/);
    expect(() =>
      buildDeployPlan(env, { image: 'x', health: { 'healthy-threshold': '0' }, ref: 'main' }, runtime),
    ).toThrow(/^health-healthy-threshold: must be at least 1/);
    expect(buildRollbackPlan(env, { to: 'green', health: {}, ref: 'main' }, runtime).to).toEqual({
      kind: 'color',
      color: 'green',
    });
    expect(
      buildRollbackPlan(env, { to: 'ghcr.io/acme/shop:1.2.3', health: {}, ref: 'main' }, runtime).to,
    ).toEqual({ kind: 'image', image: 'ghcr.io/acme/shop:1.2.3' });
    expect(() => buildRollbackPlan(env, { to: 'not an image', health: {}, ref: 'main' }, runtime)).toThrow(
      /^to: must be previous, blue, green or an image/,
    );
  });

  it('a HAProxy socket that does not exist fails in prepare', async () => {
    await expect(
      new HaproxyRouter({
        kind: 'haproxy',
        socket: '/nonexistent/admin.sock',
        backend: 'b',
        servers: { blue: 'blue', green: 'green' },
      }).prepare(),
    ).rejects.toThrow('proxy.socket: HAProxy admin socket /nonexistent/admin.sock does not exist');
  });
});
