import picomatch from 'picomatch';
import { UserError } from '../errors.js';

/** The retention rules, one set for every selected package. */
export interface RetentionPolicy {
  /** Keep the N newest tagged images per package (by creation time). */
  keepLatest: number;
  /** Glob patterns matched against tags (never digests): an image with a matching tag is kept. */
  keepTags: string[];
  /** Untagged images (orphans) are deleted once older than this many days. */
  untaggedAfterDays: number;
  /** Never delete the current or previous image of any environment. */
  keepDeployed: boolean;
}

export const DEFAULT_POLICY: RetentionPolicy = {
  keepLatest: 5,
  keepTags: ['latest', 'v*'],
  untaggedAfterDays: 7,
  keepDeployed: true,
};

const GLOB_CHARS = /^[A-Za-z0-9_.\-*?[\]{},!+@()^]+$/;

/**
 * Compiles keep-tags patterns. A pattern that is not a valid glob, or that could only ever
 * match a digest, is a UserError naming `where` and the pattern.
 */
export function compileTagPatterns(patterns: string[], where: string): (tag: string) => string | undefined {
  const matchers: { pattern: string; test: (s: string) => boolean }[] = [];
  for (const pattern of patterns) {
    if (pattern.startsWith('sha256:') || /^[0-9a-f]{64}$/.test(pattern)) {
      throw new UserError(
        `'${pattern}' looks like a digest; patterns are matched against tags, never digests`,
        where,
      );
    }
    if (!GLOB_CHARS.test(pattern)) {
      throw new UserError(
        `'${pattern}' is not a valid tag glob (tags use letters, digits, '_', '.', '-'; globs add * ? [...] {a,b})`,
        where,
      );
    }
    let re: RegExp;
    try {
      re = picomatch.makeRe(pattern, { strictBrackets: true, dot: true });
    } catch (e) {
      throw new UserError(`'${pattern}' is not a valid glob: ${(e as Error).message}`, where);
    }
    if (re.source === '$^')
      throw new UserError(`'${pattern}' is not a valid glob (it can never match)`, where);
    matchers.push({ pattern, test: (s) => re.test(s) });
  }
  return (tag) => matchers.find((m) => m.test(tag))?.pattern;
}

/** Checks a policy built from user input; a bad value is a UserError naming the input. */
export function validatePolicy(
  p: RetentionPolicy,
  names: Record<keyof RetentionPolicy, string>,
): RetentionPolicy {
  if (!Number.isInteger(p.keepLatest) || p.keepLatest < 0) {
    throw new UserError(`must be a whole number of images, 0 or more; got ${p.keepLatest}`, names.keepLatest);
  }
  if (!Number.isFinite(p.untaggedAfterDays) || p.untaggedAfterDays < 0) {
    throw new UserError(
      `must be a number of days, 0 or more; got ${p.untaggedAfterDays}`,
      names.untaggedAfterDays,
    );
  }
  compileTagPatterns(p.keepTags, names.keepTags);
  return p;
}
