import { resolve } from 'node:path';
import { z } from '../../base/zod.js';
import type { AnnounceTargets } from '../announcer.js';
import type { FeedOptions } from './feed-source.js';
import type { GitOptions } from './git-source.js';
import { checkTarget, targetProblem } from '../../../adapters/targets.js';
import { parseDuration } from '../../base/duration.js';
import { ConfigError } from '../../base/errors.js';
import type { CoreConfig } from '../../config/load.js';

const duration = (what: string) =>
  z.union([z.string(), z.number()]).transform((v, ctx) => {
    const ms = parseDuration(v);
    if (ms === null) {
      ctx.addIssue({ code: 'custom', message: `expected a duration for ${what}, such as 30s, 15m or 1h` });
      return z.NEVER;
    }
    return ms;
  });

const target = z.string().superRefine((t, ctx) => {
  const problem = targetProblem(t);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const SOURCE_KINDS = {
  dir: z.strictObject({ dir: z.string().min(1) }),
  git: z.strictObject({ git: z.string().min(1), path: z.string().default('source/blog'), pull_every: duration('pull_every').optional() }),
  feed: z.strictObject({ feed: z.url({ error: 'expected the feed URL (http or https)' }), every: duration('every').optional(), timeout: duration('timeout').optional() }),
};

type SourceEntry = { [K in keyof typeof SOURCE_KINDS]: z.output<(typeof SOURCE_KINDS)[K]> }[keyof typeof SOURCE_KINDS];

/** Chosen by its key (dir, git or feed), so an error speaks of that kind's fields rather than of a union. */
const sourceSchema = z.unknown().transform((value, ctx): SourceEntry => {
  const kind = value && typeof value === 'object' ? (Object.keys(SOURCE_KINDS) as (keyof typeof SOURCE_KINDS)[]).find((k) => k in value) : undefined;
  if (!kind) {
    ctx.addIssue({ code: 'custom', message: 'expected one of {dir: …}, {git: …, path: …, pull_every: …} or {feed: URL, every: …, timeout: …}' });
    return z.NEVER;
  }
  const parsed = SOURCE_KINDS[kind].safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  }
  return parsed.data;
});

const fileSchema = z.object({
  sources: z.array(sourceSchema).optional(),
  announce: z.strictObject({ posts: z.array(target).default([]), interviews: z.array(target).default([]) }).optional(),
});

const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);

export interface SourcesConfig {
  extraDirs: string[];
  gitSources: GitOptions[];
  feeds: (Partial<FeedOptions> & { url: string })[];
  announce: AnnounceTargets;
}

/** Archive sources and announcement targets from RDOBOT_CONFIG's `sources:`/`announce:` and RDOBOT_FEEDS / RDOBOT_ANNOUNCE_*. */
export function sourcesConfig(config: CoreConfig, cwd = process.cwd()): SourcesConfig {
  const parsed = fileSchema.safeParse(config.file);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const line = config.lineOf(issue.path);
    throw new ConfigError(`config error: ${config.filePath}${line ? ` line ${line}` : ''}: ${issue.path.map(String).join('.')}: ${issue.message}`);
  }
  const every = config.env.RDOBOT_FEED_INTERVAL === undefined ? undefined : parseDuration(config.env.RDOBOT_FEED_INTERVAL);
  if (every === null) throw new ConfigError(`config error: RDOBOT_FEED_INTERVAL: got '${config.env.RDOBOT_FEED_INTERVAL}', expected a duration such as 15m`);
  const result: SourcesConfig = { extraDirs: [], gitSources: [], feeds: [], announce: { posts: [], interviews: [] } };
  for (const url of list(config.env.RDOBOT_FEEDS)) {
    if (!z.url().safeParse(url).success || !/^https?:/.test(url)) throw new ConfigError(`config error: RDOBOT_FEEDS: got '${url}', expected http(s) feed URLs separated by commas`);
    result.feeds.push({ url, intervalMs: every });
  }
  for (const s of parsed.data.sources ?? []) {
    if ('dir' in s) result.extraDirs.push(resolve(cwd, s.dir));
    else if ('git' in s) result.gitSources.push({ repo: resolve(cwd, s.git), path: s.path, pullEveryMs: s.pull_every ?? 0 });
    else result.feeds.push({ url: s.feed, intervalMs: s.every ?? every, timeoutMs: s.timeout });
  }
  for (const [key, field] of [['RDOBOT_ANNOUNCE_POSTS', 'posts'], ['RDOBOT_ANNOUNCE_INTERVIEWS', 'interviews']] as const) {
    for (const t of list(config.env[key])) result.announce[field].push(checkTarget(t, key));
    result.announce[field].push(...(parsed.data.announce?.[field] ?? []));
  }
  return result;
}
