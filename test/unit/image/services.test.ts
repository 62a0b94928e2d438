import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseServicesFile } from '../../../src/image/services.js';
import { UserError } from '../../../src/errors.js';
import { repoRoot } from '../../support/harness.js';

const file = '.github/slipway.yml';
const errorOf = (text: string): string => {
  try {
    parseServicesFile(text, file);
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error('expected the services file to be rejected');
};

const django = `
version: 1
images: ghcr.io/acme/site
latest: default-branch
services:
  web: { target: web }
  celery: { target: celery }
  celerybeat: { target: celerybeat }
  flower: { target: flower }
`;

const php = `
flavors:
  gighive: { build-args: { APP_FLAVOR: gighive } }
  stormpigs:
    build-args:
      APP_FLAVOR: stormpigs
services:
  app:
    context: app
    flavors: [gighive, stormpigs]
    build-args: { PHP_VERSION: 8.3 }
`;

describe('services file', () => {
  it('reads a multi-target Django stack', () => {
    const s = parseServicesFile(django, file);
    expect(s.services.map((x) => [x.name, x.target, x.dockerfile])).toEqual([
      ['web', 'web', 'Dockerfile'],
      ['celery', 'celery', 'Dockerfile'],
      ['celerybeat', 'celerybeat', 'Dockerfile'],
      ['flower', 'flower', 'Dockerfile'],
    ]);
    expect(s.latest).toBe('default-branch');
    expect(s.cache).toBe('gha');
    expect(s.images).toBe('ghcr.io/acme/site');
  });

  it('reads declared flavors with their build args, and defaults the Dockerfile to the context', () => {
    const s = parseServicesFile(php, file);
    expect(s.flavors.stormpigs!.buildArgs).toEqual({ APP_FLAVOR: 'stormpigs' });
    expect(s.services[0]).toMatchObject({
      context: 'app',
      dockerfile: 'app/Dockerfile',
      flavors: ['gighive', 'stormpigs'],
    });
    expect(s.services[0]!.buildArgs).toEqual({ PHP_VERSION: '8.3' });
  });

  it.each([
    [
      'unknown key',
      'services:\n  web:\n    target: web\n    tagret: x\n',
      `${file}:4: services.web.tagret: unknown key`,
    ],
    ['unknown top-level key', 'service:\n  web: {}\n', `${file}:1: service: unknown key`],
    [
      'missing target where services share a Dockerfile',
      'services:\n  web: { target: web }\n  worker: {}\n',
      `${file}:3: services.worker.target: missing: 2 services build from Dockerfile`,
    ],
    [
      'duplicate service name',
      'services:\n  web: { target: a }\n  web: { target: b }\n',
      `${file}:3: duplicate key`,
    ],
    [
      'flavor not declared',
      'flavors:\n  a: {}\nservices:\n  app:\n    flavors: [a, b]\n',
      `${file}:5: services.app.flavors[1]: flavor 'b' is not declared under top-level flavors: (declared: a)`,
    ],
    [
      'upper-case service name',
      'services:\n  Web: {}\n',
      `${file}:2: services.Web: service names are lower case`,
    ],
    [
      'bad latest policy',
      'latest: always\nservices:\n  web: {}\n',
      `${file}:1: latest: must be one of release, default-branch, never`,
    ],
    ['no services', 'version: 1\n', 'services: missing'],
    [
      'bad build-arg value',
      'services:\n  web:\n    build-args: { A: [1] }\n',
      `${file}:3: services.web.build-args.A: expected a string`,
    ],
    ['not YAML', 'services: [\n', `${file}:`],
  ])('rejects %s, naming the file, line and field', (_name, text, expected) => {
    expect(errorOf(text)).toContain(expected);
  });

  it('reports every problem at once', () => {
    const msg = errorOf('services:\n  web:\n    tagret: x\n    flavors: [nope]\n');
    expect(msg.split('\n')).toHaveLength(2);
  });

  it('agrees with the JSON Schema shipped for editors', () => {
    const schema = JSON.parse(readFileSync(join(repoRoot, 'schemas', 'slipway.schema.json'), 'utf8'));
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    for (const good of [django, php]) {
      parseServicesFile(good, file);
      expect(validate(parse(good)), JSON.stringify(validate.errors)).toBe(true);
    }
    for (const bad of [
      'services:\n  web:\n    tagret: x\n',
      'latest: always\nservices:\n  web: {}\n',
      'version: 2\nservices:\n  web: {}\n',
    ]) {
      expect(() => parseServicesFile(bad, file)).toThrow(UserError);
      expect(validate(parse(bad))).toBe(false);
    }
  });
});
