import type { RdobotPlugin, SettingSpec, SettingsOf, SettingsSchema, SettingType } from './api.js';

/** `RDOBOT_PLUGIN_<NAME>_<SETTING>`: the plugin's name uppercased with '-' as '_', then the setting's. */
export function settingEnvKey(plugin: string, setting: string): string {
  return `RDOBOT_PLUGIN_${plugin.toUpperCase().replace(/-/g, '_')}_${setting.toUpperCase()}`;
}

type Value = string | number | boolean | string[];

const SWITCH: Record<string, boolean> = { true: true, yes: true, on: true, '1': true, false: false, no: false, off: false, '0': false };

/** Each type: how a value given in the environment (text) or the config file (YAML) is read, and what it expects. */
const READERS: Record<SettingType, { expects: string; read(raw: unknown): Value | undefined }> = {
  string: { expects: 'text', read: (raw) => (typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : undefined) },
  integer: {
    expects: 'a whole number',
    read: (raw) => (typeof raw === 'number' && Number.isInteger(raw) ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : undefined),
  },
  boolean: { expects: 'true or false', read: (raw) => (typeof raw === 'boolean' ? raw : typeof raw === 'string' ? SWITCH[raw.trim().toLowerCase()] : undefined) },
  list: {
    expects: 'a comma list',
    read: (raw) =>
      Array.isArray(raw) && raw.every((v) => typeof v === 'string')
        ? raw
        : typeof raw === 'string'
          ? raw.split(',').map((v) => v.trim()).filter(Boolean)
          : undefined,
  },
};

/** Where a plugin's settings come from: the environment, then its section of the config file (`plugins: {<name>: …}`). */
export interface SettingSources {
  env: Record<string, string | undefined>;
  /** The config file's `plugins:` section, as read (checked here). */
  file?: unknown;
  /** The config file, for errors. */
  filePath?: string;
}

export type CheckedSettings = { values: SettingsOf<SettingsSchema> } | { problems: string[] };

function fileSection(sources: SettingSources, plugin: string): { section: Record<string, unknown> } | { problem: string } {
  const all = sources.file;
  if (all === undefined || all === null) return { section: {} };
  const where = sources.filePath ?? 'the config file';
  if (typeof all !== 'object' || Array.isArray(all)) return { problem: `${where}: plugins: expected a mapping of plugin names to their settings` };
  const own = (all as Record<string, unknown>)[plugin];
  if (own === undefined || own === null) return { section: {} };
  if (typeof own !== 'object' || Array.isArray(own)) return { problem: `${where}: plugins.${plugin}: expected a mapping of settings` };
  return { section: own as Record<string, unknown> };
}

/** One setting's value: the environment's, else the file's, else its default; or why it cannot be used. */
function settingValue(name: string, key: string, spec: SettingSpec, sources: SettingSources, section: Record<string, unknown>): { value: Value | undefined } | { problem: string } {
  const reader = READERS[spec.type];
  const envKey = settingEnvKey(name, key);
  const fromEnv = sources.env[envKey];
  const [raw, where] = fromEnv !== undefined ? [fromEnv, envKey] : [section[key], `${sources.filePath ?? 'config file'}: plugins.${name}.${key}`];
  if (raw === undefined || raw === null || raw === '') {
    if (spec.default !== undefined) return { value: spec.default as Value };
    return spec.required ? { problem: `setting ${key} is required (set ${envKey})` } : { value: undefined };
  }
  const value = reader.read(raw);
  const shown = spec.secret ? '(hidden)' : `'${String(raw)}'`;
  return value === undefined ? { problem: `setting ${key} (${where}): got ${shown}, expected ${reader.expects}` } : { value };
}

/** A plugin's settings checked against its table; every problem names the setting. A setting it does not declare is one. */
export function checkSettings(plugin: Pick<RdobotPlugin, 'name' | 'settings'>, sources: SettingSources): CheckedSettings {
  const schema = plugin.settings ?? {};
  const file = fileSection(sources, plugin.name);
  if ('problem' in file) return { problems: [file.problem] };
  const problems: string[] = [];
  const values: Record<string, Value | undefined> = {};
  for (const [key, spec] of Object.entries(schema)) {
    const got = settingValue(plugin.name, key, spec, sources, file.section);
    if ('problem' in got) problems.push(got.problem);
    else values[key] = got.value;
  }
  for (const key of Object.keys(file.section)) if (!(key in schema)) problems.push(`setting ${key} (${sources.filePath}: plugins.${plugin.name}.${key}) is not one of its settings`);
  return problems.length ? { problems } : { values: values as SettingsOf<SettingsSchema> };
}

/** A setting's value as `rdobot plugins` shows it: a secret only says whether it is set. */
export function shownSetting(spec: SettingSpec, value: unknown): string {
  if (value === undefined) return '(not set)';
  if (spec.secret) return '(set, hidden)';
  return Array.isArray(value) ? value.join(',') : String(value);
}
