import { Octokit } from '@octokit/core';
import { restEndpointMethods } from '@octokit/plugin-rest-endpoint-methods';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

export const SlipwayOctokit = Octokit.plugin(restEndpointMethods, paginateRest, retry, throttling);
export type GitHubClient = InstanceType<typeof SlipwayOctokit>;

export interface ClientOptions {
  token: string;
  /** REST base URL: GITHUB_API_URL on a runner (GHES, or the test rig's fake). */
  baseUrl?: string;
  /** How many times a failed request is retried (5xx, resets) and a rate-limited one re-sent. */
  retries?: number;
  /** Called with each warning the client has (rate limits hit, retries); defaults to none. */
  log?: (message: string) => void;
  userAgent?: string;
}

/**
 * The one way Slipway talks to GitHub: throttled (primary and secondary rate limits honoured,
 * `retry-after` respected) and retried on transient failures.
 */
export function createGitHubClient(opts: ClientOptions): GitHubClient {
  const retries = opts.retries ?? 4;
  const log = opts.log ?? (() => {});
  return new SlipwayOctokit({
    auth: opts.token,
    baseUrl: (opts.baseUrl ?? 'https://api.github.com').replace(/\/+$/, ''),
    userAgent: opts.userAgent ?? 'slipway',
    retry: { retries },
    throttle: {
      onRateLimit: (retryAfter, options, _octokit, retryCount) => {
        log(`rate limit hit for ${options.method} ${options.url}; retrying after ${retryAfter}s`);
        return retryCount < retries;
      },
      onSecondaryRateLimit: (retryAfter, options, _octokit, retryCount) => {
        log(`secondary rate limit hit for ${options.method} ${options.url}; retrying after ${retryAfter}s`);
        return retryCount < retries;
      },
    },
  });
}
