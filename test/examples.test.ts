/**
 * The example consumer repositories are real configurations: every services file and deploy
 * config passes Slipway's own validators (the same ones the actions run), and every app a
 * pipeline deploys exists in its deploy config and is built by its services file.
 * (Their workflows are linted with the kit's own in workflows.test.ts.)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseDeployConfig } from '../src/deploy/config.js';
import { targetFactories } from '../src/runner/docker-target-factories.js';
import { gitContext } from '../src/image/context.js';
import { planImages } from '../src/image/plan.js';
import { parseServicesFile } from '../src/image/services.js';
import { repoRoot } from './support/harness.js';

const dir = join(repoRoot, 'examples');
const examples = readdirSync(dir).filter((d) => existsSync(join(dir, d, '.github')));

type Job = { uses?: string; with?: Record<string, unknown>; secrets?: Record<string, unknown> | string };

describe('example consumer repositories', () => {
  it('covers the four reference systems', () => {
    expect(examples.sort()).toEqual([
      'django-caprover',
      'fastapi-react',
      'kubernetes-platform',
      'php-flavors-nginx',
    ]);
  });

  describe.each(examples)('%s', (name) => {
    const gh = join(dir, name, '.github');
    const servicesFile = `examples/${name}/.github/slipway.yml`;
    const deployFile = `examples/${name}/.github/slipway-deploy.yml`;
    const services = parseServicesFile(readFileSync(join(gh, 'slipway.yml'), 'utf8'), servicesFile);
    const deploy = parseDeployConfig(readFileSync(join(gh, 'slipway-deploy.yml'), 'utf8'), deployFile);
    const plan = planImages(
      services,
      gitContext({
        eventName: 'push',
        ref: 'refs/heads/main',
        sha: 'a'.repeat(40),
        repository: 'acme/app',
        payload: {},
      }),
      { images: 'ghcr.io/acme/app', now: 'x' },
    );
    const workflows = readdirSync(join(gh, 'workflows')).map((f) => ({
      file: f,
      doc: parse(readFileSync(join(gh, 'workflows', f), 'utf8')) as { jobs: Record<string, Job> },
    }));

    it('has a deploy config whose target sections are valid', async () => {
      // The same factories the deploy action builds its target with (they only validate and
      // construct: nothing is contacted); every env-from variable reads as set.
      const processEnv = new Proxy({}, { get: () => 'set' }) as Record<string, string>;
      for (const env of deploy.environments) {
        const made = await targetFactories[env.target]!(env, { processEnv, log: () => {} });
        expect(made.target).toBeDefined();
      }
      expect(deploy.environments.length).toBeGreaterThan(0);
    });

    it('calls the kit by its release tag and deploys only apps that exist and images that are built', () => {
      const calls = workflows.flatMap((w) => Object.values(w.doc.jobs).filter((j) => j.uses));
      expect(calls.length).toBeGreaterThan(0);
      for (const job of calls)
        expect(job.uses).toMatch(/^owner\/slipway\/\.github\/workflows\/[a-z-]+\.yml@v1$/);
      const pipeline = calls.find((j) => j.uses!.includes('/pipeline.yml@'));
      expect(pipeline, 'every example runs the pipeline').toBeDefined();
      const apps = JSON.parse(String(pipeline!.with?.apps ?? '{}')) as Record<string, string>;
      const builtKeys = plan.builds.map((b) => b.key);
      for (const [app, key] of Object.entries(apps)) {
        expect(builtKeys, `apps.${app}: image key '${key}'`).toContain(key);
        expect(
          deploy.environments.some((e) => e.app === app),
          `apps.${app} in ${deployFile}`,
        ).toBe(true);
      }
    });

    it('gives every kit workflow that reaches the targets the credentials its deploy config needs', () => {
      const ssh = deploy.environments.some((e) => (e.docker?.host ?? '').startsWith('ssh://'));
      const kube = deploy.environments.some((e) => e.target === 'kubernetes');
      const reaching = /\/(pipeline|deploy|rollback|hotfix|promote|stop-warm)\.yml@/;
      for (const w of workflows)
        for (const [id, job] of Object.entries(w.doc.jobs)) {
          if (!job.uses || !reaching.test(job.uses)) continue;
          const secrets = typeof job.secrets === 'object' ? Object.keys(job.secrets) : [];
          const where = `${w.file}: jobs.${id}`;
          if (ssh)
            expect(secrets, where).toEqual(expect.arrayContaining(['ssh-private-key', 'ssh-known-hosts']));
          if (kube) expect(secrets, where).toContain('kubeconfig');
        }
    });

    it('passes secrets by name, never with secrets: inherit', () => {
      for (const w of workflows)
        expect(readFileSync(join(gh, 'workflows', w.file), 'utf8')).not.toMatch(/secrets:\s*inherit/);
    });
  });
});
