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
 * fetch that reads the whole body before octokit sees the response. Octokit swallows an error
 * while reading a body and hands back `data: ""` with the 200 status, so a connection dropped
 * mid-body would pass as an empty success; read here, the drop fails the request and the retry
 * plugin re-sends it like any other network error.
 */
async function bufferedFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const res = await fetch(input, init);
  const bodyless = [204, 205, 304].includes(res.status) || init?.method === 'HEAD';
  const body = bodyless ? null : await res.arrayBuffer();
  const copy = new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  Object.defineProperty(copy, 'url', { value: res.url });
  return copy;
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
    request: { fetch: bufferedFetch },
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
