/**
 * The services file (`.github/slipway.yml`): which images one repository builds.
 *
 *   version: 1
 *   images: ghcr.io/acme/shop        # name prefix; default <registry>/<owner>/<repo>
 *   latest: release                  # release | default-branch | never
 *   cache: gha                       # gha | registry | none
 *   platforms: [linux/amd64]
 *   flavors:                         # build-time variants, declared once
 *     gighive: { build-args: { APP_FLAVOR: gighive } }
 *   services:
 *     web: { target: web, context: ., dockerfile: Dockerfile, flavors: [gighive] }
 *
 * Parsing is strict: every problem is reported as `file:line: field: message`, all of them at
 * once, and nothing is built from a file that has one.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import { UserError } from '../errors.js';

export type LatestPolicy = 'release' | 'default-branch' | 'never';
export type CacheBackend = 'gha' | 'registry' | 'none';

export interface FlavorSpec {
  name: string;
  buildArgs: Record<string, string>;
}

export interface ServiceSpec {
  name: string;
  target?: string;
  context: string;
  dockerfile: string;
  /** Full image name (without tag) when the file sets one; otherwise derived from `images`. */
  image?: string;
  buildArgs: Record<string, string>;
  platforms: string[];
  /** Names of declared flavors this service is built in; empty = one plain build. */
  flavors: string[];
}

export interface ServicesFile {
  file: string;
  images?: string;
  latest: LatestPolicy;
  cache: CacheBackend;
  platforms: string[];
  flavors: Record<string, FlavorSpec>;
  services: ServiceSpec[];
}

const NAME = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/;
const ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const IMAGE =
  /^(?:[a-z0-9.-]+(?::[0-9]+)?\/)?[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/;

const TOP_KEYS = ['version', 'images', 'latest', 'cache', 'platforms', 'flavors', 'services'] as const;
const SERVICE_KEYS = [
  'target',
  'context',
  'dockerfile',
  'image',
  'build-args',
  'platforms',
  'flavors',
] as const;
const FLAVOR_KEYS = ['build-args'] as const;

class Problems {
  readonly list: string[] = [];
  constructor(
    private readonly file: string,
    private readonly lines: LineCounter,
  ) {}
  at(node: Node | null | undefined, field: string, message: string): void {
    const offset = node?.range?.[0];
    const pos = offset === undefined ? '' : `:${this.lines.linePos(offset).line}`;
    this.list.push(`${this.file}${pos}: ${field}: ${message}`);
  }
}

function str(p: Problems, node: unknown, field: string): string | undefined {
  if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number'))
    return String(node.value);
  p.at(node as Node, field, 'expected a string');
  return undefined;
}

function strList(p: Problems, node: unknown, field: string): string[] {
  if (isScalar(node) && typeof node.value === 'string') return [node.value];
  if (!isSeq(node)) {
    p.at(node as Node, field, 'expected a list of strings');
    return [];
  }
  return node.items
    .map((item, i) => str(p, item, `${field}[${i}]`))
    .filter((s): s is string => s !== undefined);
}

function args(p: Problems, node: unknown, field: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isMap(node)) {
    p.at(node as Node, field, 'expected a mapping of build-arg names to values');
    return out;
  }
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!ARG_NAME.test(key)) p.at(pair.key as Node, `${field}.${key}`, 'not a valid build-arg name');
    const value = pair.value;
    if (isScalar(value) && ['string', 'number', 'boolean'].includes(typeof value.value))
      out[key] = String(value.value);
    else p.at(value as Node, `${field}.${key}`, 'expected a string, number or boolean');
  }
  return out;
}

function checkKeys(p: Problems, map: YAMLMap, allowed: readonly string[], field: string): void {
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (!allowed.includes(key)) {
      p.at(pair.key as Node, field ? `${field}.${key}` : key, `unknown key (allowed: ${allowed.join(', ')})`);
    }
  }
}

function oneOf<T extends string>(
  p: Problems,
  node: unknown,
  field: string,
  allowed: readonly T[],
  dflt: T,
): T {
  if (node === undefined) return dflt;
  const v = str(p, node, field);
  if (v === undefined) return dflt;
  if (!(allowed as readonly string[]).includes(v)) {
    p.at(node as Node, field, `must be one of ${allowed.join(', ')}, got '${v}'`);
    return dflt;
  }
  return v as T;
}

/** Parses and validates a services file; throws one UserError listing every problem. */
export function parseServicesFile(text: string, file: string): ServicesFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const p = new Problems(file, lines);
  for (const err of doc.errors) {
    const line = err.linePos?.[0]?.line ?? lines.linePos(err.pos[0]).line;
    const what =
      err.code === 'DUPLICATE_KEY'
        ? 'duplicate key (a service or field is named twice)'
        : err.message.replace(/ at line \d+, column \d+.*$/s, '');
    p.list.push(`${file}${line ? `:${line}` : ''}: ${what.split('\n')[0]}`);
  }
  if (p.list.length) throw new UserError(p.list.join('\n'));
  const root = doc.contents;
  if (!isMap(root)) throw new UserError(`${file}: expected a mapping with a 'services' key`);
  checkKeys(p, root, TOP_KEYS, '');

  const version = root.get('version', true);
  if (version !== undefined && !(isScalar(version) && (version.value as unknown) === 1))
    p.at(version, 'version', 'only version 1 is known');

  const imagesNode = root.get('images', true);
  const images = imagesNode === undefined ? undefined : str(p, imagesNode, 'images');
  if (images !== undefined && !IMAGE.test(images)) {
    p.at(
      imagesNode,
      'images',
      `'${images}' is not a valid image name prefix (lower case, e.g. ghcr.io/owner/repo)`,
    );
  }
  const latest = oneOf(
    p,
    root.get('latest', true),
    'latest',
    ['release', 'default-branch', 'never'] as const,
    'release',
  );
  const cache = oneOf(p, root.get('cache', true), 'cache', ['gha', 'registry', 'none'] as const, 'gha');
  const platformsNode = root.get('platforms', true);
  const platforms = platformsNode === undefined ? ['linux/amd64'] : strList(p, platformsNode, 'platforms');
  platforms.forEach((pl, i) => {
    if (!PLATFORM.test(pl))
      p.at(platformsNode as Node, `platforms[${i}]`, `'${pl}' is not a platform like linux/amd64`);
  });

  const flavors: Record<string, FlavorSpec> = {};
  const flavorsNode = root.get('flavors', true);
  if (flavorsNode !== undefined) {
    if (!isMap(flavorsNode)) p.at(flavorsNode, 'flavors', 'expected a mapping of flavor names');
    else
      for (const pair of flavorsNode.items) {
        const name = isScalar(pair.key) ? String(pair.key.value) : '';
        const field = `flavors.${name}`;
        if (!NAME.test(name))
          p.at(pair.key as Node, field, 'flavor names are lower case letters, digits, . _ -');
        let buildArgs: Record<string, string> = {};
        if (pair.value !== null && !(isScalar(pair.value) && pair.value.value === null)) {
          if (!isMap(pair.value)) p.at(pair.value as Node, field, "expected a mapping (with 'build-args')");
          else {
            checkKeys(p, pair.value, FLAVOR_KEYS, field);
            const ba = pair.value.get('build-args', true);
            if (ba !== undefined) buildArgs = args(p, ba, `${field}.build-args`);
          }
        }
        flavors[name] = { name, buildArgs };
      }
  }

  const services: ServiceSpec[] = [];
  const servicesNode = root.get('services', true);
  if (servicesNode === undefined) p.at(root, 'services', 'missing: list the images to build under services:');
  else if (!isMap(servicesNode) || servicesNode.items.length === 0) {
    p.at(servicesNode, 'services', 'expected a non-empty mapping of service names');
  } else {
    for (const pair of servicesNode.items) {
      const name = isScalar(pair.key) ? String(pair.key.value) : '';
      const field = `services.${name}`;
      if (!NAME.test(name)) {
        p.at(
          pair.key as Node,
          field,
          'service names are lower case letters, digits, . _ - (they become image names)',
        );
      }
      const body = pair.value;
      if (!isMap(body)) {
        p.at(
          (body as Node) ?? (pair.key as Node),
          field,
          'expected a mapping (target, context, dockerfile, ...)',
        );
        continue;
      }
      checkKeys(p, body, SERVICE_KEYS, field);
      const get = (k: string) => body.get(k, true);
      const svc: ServiceSpec = {
        name,
        context: get('context') === undefined ? '.' : (str(p, get('context'), `${field}.context`) ?? '.'),
        dockerfile: '',
        buildArgs: get('build-args') === undefined ? {} : args(p, get('build-args'), `${field}.build-args`),
        platforms:
          get('platforms') === undefined ? platforms : strList(p, get('platforms'), `${field}.platforms`),
        flavors: [],
      };
      const target = get('target') === undefined ? undefined : str(p, get('target'), `${field}.target`);
      if (target !== undefined) svc.target = target;
      const dockerfile =
        get('dockerfile') === undefined ? undefined : str(p, get('dockerfile'), `${field}.dockerfile`);
      svc.dockerfile = dockerfile ?? joinPath(svc.context, 'Dockerfile');
      const image = get('image') === undefined ? undefined : str(p, get('image'), `${field}.image`);
      if (image !== undefined) {
        if (!IMAGE.test(image))
          p.at(get('image'), `${field}.image`, `'${image}' is not a valid image name (lower case, no tag)`);
        svc.image = image;
      }
      const fl = get('flavors');
      if (fl !== undefined) {
        svc.flavors = strList(p, fl, `${field}.flavors`);
        svc.flavors.forEach((f, i) => {
          if (!flavors[f]) {
            const declared = Object.keys(flavors);
            p.at(
              isSeq(fl) ? (fl.items[i] as Node) : fl,
              `${field}.flavors[${i}]`,
              `flavor '${f}' is not declared under top-level flavors:` +
                (declared.length ? ` (declared: ${declared.join(', ')})` : ' (none are declared)'),
            );
          }
        });
        if (new Set(svc.flavors).size !== svc.flavors.length)
          p.at(fl, `${field}.flavors`, 'a flavor is listed twice');
      }
      services.push(svc);
    }
    // Several services built from one Dockerfile must each name the stage they are.
    const byDockerfile = new Map<string, ServiceSpec[]>();
    for (const s of services) byDockerfile.set(s.dockerfile, [...(byDockerfile.get(s.dockerfile) ?? []), s]);
    for (const [df, group] of byDockerfile) {
      if (group.length < 2) continue;
      for (const s of group) {
        if (s.target === undefined) {
          p.at(
            servicesNode.get(s.name, true) as Node,
            `services.${s.name}.target`,
            `missing: ${group.length} services build from ${df}, so each needs the target (stage) it is`,
          );
        }
      }
    }
  }
  if (p.list.length) throw new UserError(p.list.join('\n'));
  const out: ServicesFile = { file, latest, cache, platforms, flavors, services };
  if (images !== undefined) out.images = images;
  return out;
}

function joinPath(dir: string, file: string): string {
  if (dir === '.' || dir === '') return file;
  return `${dir.replace(/\/+$/, '')}/${file}`;
}
