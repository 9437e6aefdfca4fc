import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { z } from '../base/zod.js';
import type { Env } from '../core/adapter-context.js';
import { SAMPLE } from '../base/paths.js';
import { parseDotenv, unquoteValue } from '../base/dotenv.js';
import type { RateLimitConfig } from '../core/rate-limit.js';
import { envSchema, type CoreEnv } from './env-schema.js';
import { ConfigError } from '../base/errors.js';
import { firstLine } from '../base/first-line.js';
import { deepAt, MAX_ALIAS_COUNT, MAX_DEPTH, shapeProblem, yaml as yamlLib } from '../base/yaml-shape.js';
import { rateFileSchema, rateLimits } from './rate.js';

export interface CoreConfig {
  /** True when nothing at all names data: the built-in sample archive (examples/) is served. */
  samples: boolean;
  archiveDirs: string[];
  eventsDirs: string[];
  meetingsDirs: string[];
  dataDir: string;
  adapters: CoreEnv['RDOBOT_ADAPTERS'];
  prefix: string;
  nick: string;
  baseUrl: string;
  /** HTTP_PUBLIC_URL: the HTTP endpoint as people reach it; unset, !calendar says the feed is not published. */
  publicUrl?: string;
  permalink: string;
  timezone: string;
  admins: string[];
  logLevel: CoreEnv['LOG_LEVEL'];
  ignore: string[];
  standby: boolean;
  /** Abuse limits (RDOBOT_RATE_*, else the config file's `rate:`). */
  rate: RateLimitConfig;
  /** Whether parsed posts are cached (RDOBOT_CACHE). */
  cache: boolean;
  /** RDOBOT_DATA_DIR was given (rather than defaulted): one-shot mode keeps its cache there. */
  dataDirGiven: boolean;
  /** null when the endpoint is off. */
  http: { host: string; port: number; publicUrl?: string } | null;
  /** The YAML config file's other sections (meetings, reminders, irc, slack, matrix …), for their owners to validate. */
  file: Record<string, unknown>;
  filePath?: string;
  /** The line of a key in the YAML config file, for error messages (`['sources', 2, 'every']`). */
  lineOf(path: PropertyKey[]): number | undefined;
  /** Environment after .env was merged in, for adapters. */
  env: Env;
}

/** Secrets are never echoed back in errors. */
const SECRET = /(TOKEN|SECRET|PASS|PASSWORD|KEY)$/;

export function describeIssue(issue: z.core.$ZodIssue, source: Record<string, unknown>, where: (path: PropertyKey[]) => string): string {
  const lookup = (path: PropertyKey[]) =>
    path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), source);
  // A list setting is split before it is checked: show the setting as the operator wrote it.
  const path = lookup(issue.path) === undefined && typeof source[issue.path[0] as string] === 'string' ? issue.path.slice(0, 1) : issue.path;
  const key = path.map(String).join('.');
  const raw = lookup(path);
  const shown = SECRET.test(key) ? '(hidden)' : raw === undefined ? 'nothing' : raw !== null && typeof raw === 'object' ? JSON.stringify(raw) : `'${String(raw)}'`;
  return `${where(issue.path)}${key}: got ${shown}, ${issue.message}`;
}

/** Read `.env` (if present) under the real environment: the environment wins. */
export function readEnv(cwd: string, env: Env): Env {
  const file = resolve(cwd, '.env');
  const given = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, unquoteValue(k, v)]));
  if (!existsSync(file)) return given;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`config error: cannot read ${file}: ${(err as Error).message}`);
  }
  return { ...parseDotenv(text, file), ...given };
}

interface YamlConfig {
  data: Record<string, unknown>;
  lineOf(path: PropertyKey[]): number | undefined;
}

function readYamlConfig(path: string): YamlConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`config error: RDOBOT_CONFIG: cannot read '${path}' (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const { LineCounter, parseDocument } = yamlLib();
  const lines = new LineCounter();
  const deep = deepAt(text);
  if (deep !== -1) throw new ConfigError(`config error: ${path} line ${text.slice(0, deep).split('\n').length}: nested deeper than ${MAX_DEPTH} levels`);
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, logLevel: 'error' });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const line = lines.linePos(e.pos[0]).line;
    throw new ConfigError(`config error: ${path} line ${line}: ${e.message.split('\n')[0]}`);
  }
  const shape = shapeProblem(doc);
  if (shape) throw new ConfigError(`config error: ${path} line ${lines.linePos(shape.at).line}: ${shape.reason}`);
  let data: unknown;
  try {
    // Aliases bounded as in meeting files: a config of nested aliases is refused, not expanded into the heap.
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    throw new ConfigError(`config error: RDOBOT_CONFIG: ${path}: ${firstLine(err)}`);
  }
  const lineOf = (keys: PropertyKey[]) => {
    for (let n = keys.length; n > 0; n--) {
      const node = doc.getIn(keys.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lines.linePos(node.range[0]).line;
    }
    return undefined;
  };
  if (data == null) return { data: {}, lineOf };
  if (typeof data !== 'object' || Array.isArray(data)) throw new ConfigError(`config error: ${path}: expected a mapping of settings at the top`);
  return { data: data as Record<string, unknown>, lineOf };
}

const dirs = (given: string[] | undefined, fromFile: unknown, fallback: string[], cwd: string, key: string): string[] => {
  if (given) return given.map((d) => resolve(cwd, d));
  if (fromFile === undefined) return fallback;
  const list = Array.isArray(fromFile) ? fromFile : [fromFile];
  if (!list.every((d) => typeof d === 'string')) throw new ConfigError(`config error: ${key}: expected a directory or a list of directories`);
  return list.map((d) => resolve(cwd, d as string));
};

/** One section of the YAML config, checked; errors name the file, the line, the key, the value and what was expected. */
function fileSection<S extends z.ZodType>(file: Record<string, unknown>, key: string, schema: S, filePath: string | undefined, lineOf: YamlConfig['lineOf']): z.output<S> | undefined {
  if (file[key] === undefined) return undefined;
  const parsed = schema.safeParse(file[key]);
  if (parsed.success) return parsed.data;
  const section = { [key]: file[key] };
  throw new ConfigError(
    parsed.error.issues
      .map((i) => {
        const path = [key, ...i.path];
        const line = lineOf(path);
        return `config error: ${describeIssue({ ...i, path }, section, () => `${filePath}${line ? ` line ${line}` : ''}: `)}`;
      })
      .join('\n'),
  );
}

/** Validate the environment (and the YAML file it names); errors name the key, the value and what was expected. */
export function loadConfig(rawEnv: Env, cwd = process.cwd()): CoreConfig {
  const env = readEnv(cwd, rawEnv);
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `config error: ${describeIssue(i, env, () => '')}`).join('\n'));
  }
  const e = parsed.data;
  const filePath = e.RDOBOT_CONFIG ? resolve(cwd, e.RDOBOT_CONFIG) : undefined;
  const yaml = filePath ? readYamlConfig(filePath) : { data: {}, lineOf: () => undefined };
  const file = yaml.data;
  // The samples are a demonstration, never a fallback: once anything names real data, none of them is loaded.
  const samples = !(e.RDOBOT_ARCHIVE || e.RDOBOT_EVENTS || e.RDOBOT_MEETINGS || env.RDOBOT_FEEDS?.trim() || filePath);
  const sample = (dir: string) => (samples ? [dir] : []);
  return {
    rate: rateLimits({ user: e.RDOBOT_RATE_USER, channel: e.RDOBOT_RATE_CHANNEL, shell: e.RDOBOT_RATE_SHELL }, fileSection(file, 'rate', rateFileSchema, filePath, yaml.lineOf)),
    cache: e.RDOBOT_CACHE,
    dataDirGiven: env.RDOBOT_DATA_DIR !== undefined,
    samples,
    archiveDirs: dirs(e.RDOBOT_ARCHIVE, file.archive, sample(SAMPLE.posts), cwd, 'archive'),
    eventsDirs: dirs(e.RDOBOT_EVENTS, file.events, sample(SAMPLE.events), cwd, 'events'),
    meetingsDirs: dirs(e.RDOBOT_MEETINGS, file.meetings_dirs, sample(SAMPLE.meetings), cwd, 'meetings_dirs'),
    dataDir: resolve(cwd, e.RDOBOT_DATA_DIR),
    adapters: e.RDOBOT_ADAPTERS,
    prefix: e.RDOBOT_PREFIX,
    nick: e.RDOBOT_NICK,
    baseUrl: e.RDOBOT_BASE_URL,
    publicUrl: e.HTTP_PUBLIC_URL,
    permalink: e.RDOBOT_PERMALINK,
    timezone: e.RDOBOT_TIMEZONE,
    admins: e.RDOBOT_ADMINS,
    logLevel: e.LOG_LEVEL,
    ignore: e.RDOBOT_IGNORE,
    standby: e.RDOBOT_STANDBY,
    http:
      e.HTTP_PORT === 'off' || (e.HTTP_PORT === undefined && e.RDOBOT_ADAPTERS.every((a) => a === 'shell'))
        ? null
        : { host: e.HTTP_HOST, port: e.HTTP_PORT === undefined ? 8080 : Number(e.HTTP_PORT), publicUrl: e.HTTP_PUBLIC_URL },
    file,
    filePath,
    lineOf: yaml.lineOf,
    env,
  };
}
