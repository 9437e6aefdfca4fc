/**
 * .env.example, generated: the words from env-docs.ts, every setting of the settings schemas (the core's and each
 * network's), and each default as the schema has it. A setting added to a schema shows up here without being
 * described yet, and test/config/env-example.test.ts says so. `npm run env:example` writes the file.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from '../base/zod.js';
import { ircEnvSchema } from '../../adapters/irc/config.js';
import { matrixEnvSchema } from '../../adapters/matrix/config.js';
import { slackEnvSchema } from '../../adapters/slack/config.js';
import { envSchema } from '../config/env-schema.js';
import { ENV_DOCS, ENV_PREAMBLE, type EnvDocSection } from './env-docs.js';

/** Each section's schema: its settings are all listed, with their defaults. Sections without one are words only. */
export const SECTION_SCHEMAS: Record<string, z.ZodObject> = {
  Core: envSchema,
  IRC: ircEnvSchema,
  Slack: slackEnvSchema,
  Matrix: matrixEnvSchema,
};

interface Def {
  type: string;
  defaultValue?: unknown;
  innerType?: z.ZodType;
  in?: z.ZodType;
}

/** A setting's default as the schema gives it, or undefined (required, or optional without one). */
export function schemaDefault(schema: z.ZodType | undefined): unknown {
  const def = (schema as unknown as { def?: Def } | undefined)?.def;
  if (!def) return undefined;
  if (def.type === 'default' || def.type === 'prefault') return def.defaultValue;
  if (def.type === 'pipe') return schemaDefault(def.in);
  return undefined;
}

/** A default written as the file writes values: a list with commas, a switch as the example writes it (on, true). */
function written(value: unknown, example: string): string {
  if (Array.isArray(value)) return value.join(',');
  if (typeof value === 'boolean') return /^(?:on|off)$/.test(example) ? (value ? 'on' : 'off') : String(value);
  return String(value);
}

/** Every setting the schemas define, by section. */
export function schemaKeys(section: string): string[] {
  return Object.keys(SECTION_SCHEMAS[section]?.shape ?? {});
}

/** The value .env.example shows for a setting: its default from the schema, else the example. */
export function shownValue(section: string, key: string, example: string): string {
  const fallback = schemaDefault(SECTION_SCHEMAS[section]?.shape[key] as z.ZodType | undefined);
  const value = fallback === undefined ? '' : written(fallback, example);
  // An empty default (no admins, nobody ignored) shows the example of what to write instead.
  return value === '' ? example : value;
}

const comment = (line: string) => (line ? `# ${line}` : '#');

function sectionText(section: EnvDocSection): string[] {
  const out = [`# ---- ${section.title} ----`];
  const described = new Set<string>();
  for (const block of section.blocks) {
    out.push(...block.notes.map(comment));
    for (const [key, example] of block.keys) {
      described.add(key);
      out.push(`#${key}=${shownValue(section.title, key, example)}`);
    }
  }
  const missing = schemaKeys(section.title).filter((k) => !described.has(k));
  if (missing.length) {
    out.push('# Not described yet (add them to src/main/env-docs.ts):');
    for (const key of missing) out.push(`#${key}=${shownValue(section.title, key, '')}`);
  }
  return out;
}

/** The whole file. */
export function envExample(): string {
  return [ENV_PREAMBLE.map(comment).join('\n'), ...ENV_DOCS.map((s) => sectionText(s).join('\n'))].join('\n\n') + '\n';
}

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const ENV_EXAMPLE_FILE = join(ROOT, '.env.example');

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(ENV_EXAMPLE_FILE, envExample());
  console.log(`wrote ${ENV_EXAMPLE_FILE}`);
}
