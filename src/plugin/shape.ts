import { z } from '../base/zod.js';
import { PLUGIN_API, type RdobotPlugin } from './api.js';

/** What a plugin's name may be: it names its settings (RDOBOT_PLUGIN_<NAME>_…), its store file and its log lines. */
export const PLUGIN_NAME = /^[a-z][a-z0-9-]{0,39}$/;

const settingSpec = z.object({
  type: z.enum(['string', 'integer', 'boolean', 'list']),
  description: z.string(),
  default: z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]).optional(),
  required: z.boolean().optional(),
  secret: z.boolean().optional(),
});

const fn = z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', { error: 'expected a function' });

/** The RdobotPlugin shape, checked on a default export before anything of it runs. */
export const pluginSchema = z.object({
  name: z.string().regex(PLUGIN_NAME, 'expected lowercase letters, digits and -, starting with a letter'),
  version: z.string().min(1, 'expected a version such as 1.0.0'),
  description: z.string().optional(),
  api: z.number().int().min(1).max(PLUGIN_API, `needs a later rdobot: this one has plugin API ${PLUGIN_API}`).optional(),
  readsSchedule: z.boolean().optional(),
  readsMinutes: z.boolean().optional(),
  settings: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected a setting name in lowercase with _ between words'), settingSpec).optional(),
  storage: z.object({ steps: z.array(z.string()) }).optional(),
  commands: fn.optional(),
  meetingCommands: fn.optional(),
  minutesSections: z.array(z.object({ id: z.string(), title: z.string() })).optional(),
});

/** What a plugin's `commands` gave: checked before any of it is registered. */
export const commandsSchema = z.array(
  z.looseObject({
    family: z.string().regex(/^[a-z][a-z0-9-]*$/i, 'expected a command word'),
    name: z.string(),
    summary: z.string(),
    handler: fn,
  }),
);

/** The first problem zod found, as one short phrase naming where. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue.path.length ? `${issue.path.map(String).join('.')}: ` : '';
  return `${where}${issue.message}`;
}

/** A module's default export as a plugin, or why it is not one. */
export function asPlugin(value: unknown): { plugin: RdobotPlugin } | { problem: string } {
  if (value === undefined) return { problem: 'the module has no default export' };
  const parsed = pluginSchema.safeParse(value);
  if (!parsed.success) return { problem: `not a plugin: ${firstIssue(parsed.error)}` };
  // The object itself, not zod's copy: its functions keep their `this`.
  return { plugin: value as RdobotPlugin };
}

/** What a plugin's `meetingCommands` gave. */
export const meetingCommandsSchema = z.array(
  z.looseObject({
    word: z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a lowercase word'),
    summary: z.string(),
    section: z.string().optional(),
    handle: fn.optional(),
  }),
);
