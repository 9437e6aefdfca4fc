import type { z } from './zod.js';

/** The process environment, or a `.env` file merged under it. */
export type Env = Record<string, string | undefined>;

export interface EnvSection<T> {
  /** The settings of the section that are set (empty values count as unset). */
  picked: Record<string, string>;
  /** The parsed settings, when every one is valid. */
  data?: T;
  /** One line per bad setting: `KEY is required`, `KEY must be …`. Never a value (they may be secrets). */
  problems: string[];
}

/** Check the variables of one adapter (`IRC_`, `SLACK_` …) against its schema, collecting every problem at once. */
export function readEnvSection<S extends z.ZodType>(env: Env, prefix: string, schema: S): EnvSection<z.output<S>> {
  const picked = Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[0].startsWith(prefix) && e[1] !== undefined && e[1] !== ''),
  );
  const parsed = schema.safeParse(picked);
  if (parsed.success) return { picked, data: parsed.data, problems: [] };
  const problems = parsed.error.issues.map((i) => {
    const key = String(i.path[0] ?? prefix.replace(/_$/, ''));
    const message = i.code === 'invalid_type' && picked[key] === undefined ? 'is required' : i.message;
    return `${key} ${message}`;
  });
  return { picked, problems };
}
