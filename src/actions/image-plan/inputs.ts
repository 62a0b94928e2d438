import { UserError } from '../../errors.js';
import type { CacheBackend } from '../../image/services.js';

export interface ImagePlanInputs {
  /** Path of the services file, or the YAML itself when it spans several lines. */
  services: string;
  servicesIsInline: boolean;
  images: string;
  defaultBranch: string;
  service?: string;
  flavor?: string;
  cache?: CacheBackend;
  githubToken: string;
}

/** Reads and checks every input before anything happens. */
export function readInputs(read: (name: string) => string, repository: string): ImagePlanInputs {
  const services = read('services').trim() || '.github/slipway.yml';
  const imagesRaw = read('images').trim();
  const images = (imagesRaw || `ghcr.io/${repository}`).toLowerCase();
  if (!/^[a-z0-9.-]+(?::\d+)?(?:\/[a-z0-9._-]+)+$/.test(images)) {
    throw new UserError(
      `'${imagesRaw}' is not an image name prefix such as ghcr.io/owner/repo`,
      'input images',
    );
  }
  const cacheRaw = read('cache').trim();
  if (cacheRaw && !['gha', 'registry', 'none'].includes(cacheRaw)) {
    throw new UserError(
      `must be gha, registry or none (empty: as the services file says), got '${cacheRaw}'`,
      'input cache',
    );
  }
  const out: ImagePlanInputs = {
    services,
    servicesIsInline: services.includes('\n'),
    images,
    defaultBranch: read('default-branch').trim(),
    githubToken: read('github-token').trim(),
  };
  const service = read('service').trim();
  const flavor = read('flavor').trim();
  if (flavor && !service)
    throw new UserError('is set but service is not: name the service too', 'input flavor');
  if (service) out.service = service;
  if (flavor) out.flavor = flavor;
  if (cacheRaw) out.cache = cacheRaw as CacheBackend;
  return out;
}
