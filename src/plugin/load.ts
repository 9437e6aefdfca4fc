import { pathToFileURL } from 'node:url';
import type { Logger } from '../base/log.js';
import { firstLine } from '../base/first-line.js';
import type { RdobotPlugin, SettingsOf, SettingsSchema } from './api.js';
import { locatePlugin, type LocateOptions } from './locate.js';
import { nameClash } from './name-clash.js';
import { checkSettings, type SettingSources } from './settings.js';
import { asPlugin } from './shape.js';

/** A plugin from outside the repository, loaded, its settings checked. */
export interface LoadedPlugin {
  plugin: RdobotPlugin;
  settings: SettingsOf<SettingsSchema>;
  /** The folder it was loaded from. */
  source: string;
}

/** A plugin listed but not loaded, and why (one line). */
export interface SkippedPlugin {
  /** As listed in RDOBOT_PLUGINS. */
  given: string;
  /** Its name, when its module said one. */
  name?: string;
  source?: string;
  why: string;
}

export interface LoadOptions extends LocateOptions {
  settings: SettingSources;
  /** The built-in families' names: a plugin cannot take one. */
  builtIn: readonly string[];
  logger: Logger;
}

/** RDOBOT_PLUGINS as a list: comma-separated, blanks ignored. */
export const pluginList = (value: string | undefined): string[] => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/** One plugin, or why not; `earlier` are the ones already loaded (the first listed keeps a name). */
async function loadOne(given: string, options: LoadOptions, earlier: readonly LoadedPlugin[]): Promise<LoadedPlugin | SkippedPlugin> {
  let location;
  try {
    location = locatePlugin(given, options);
  } catch (err) {
    return { given, why: firstLine(err) };
  }
  const source = location.dir;
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(location.entry).href)) as { default?: unknown };
  } catch (err) {
    return { given, source, why: `it failed to load: ${firstLine(err)}` };
  }
  const checked = asPlugin(module.default);
  if ('problem' in checked) return { given, source, why: checked.problem };
  const { plugin } = checked;
  const named = { given, name: plugin.name, source };
  const first = earlier.find((p) => p.plugin.name === plugin.name);
  const taken = nameClash(plugin.name, options.builtIn.includes(plugin.name) ? { builtIn: true } : first && { builtIn: false, by: first.source });
  if (taken) return { ...named, why: taken };
  const settings = checkSettings(plugin, options.settings);
  if ('problems' in settings) return { ...named, why: settings.problems.join('; ') };
  return { plugin, settings: settings.values, source };
}

/**
 * The plugins RDOBOT_PLUGINS lists, imported in order. One that cannot be used (not found, throws on import, not a
 * plugin, a name taken, bad settings) is left out with one log line naming it and why; the others load.
 */
export async function loadPlugins(list: readonly string[], options: LoadOptions): Promise<{ loaded: LoadedPlugin[]; skipped: SkippedPlugin[] }> {
  const loaded: LoadedPlugin[] = [];
  const skipped: SkippedPlugin[] = [];
  for (const given of list) {
    const result = await loadOne(given, options, loaded);
    if ('why' in result) {
      skipped.push(result);
      options.logger.warn({ plugin: result.name ?? given, source: result.source }, `plugin ${result.name ?? given} not loaded: ${result.why}`);
    } else {
      loaded.push(result);
      options.logger.info({ plugin: result.plugin.name, version: result.plugin.version, source: result.source }, `plugin ${result.plugin.name} ${result.plugin.version} loaded`);
    }
  }
  // A section for a plugin that is not listed is most likely a misspelt name: its settings would be silently unused.
  const sections = options.settings.file;
  if (sections && typeof sections === 'object' && !Array.isArray(sections)) {
    const named = new Set([...loaded.map((p) => p.plugin.name), ...skipped.map((p) => p.name ?? p.given)]);
    for (const name of Object.keys(sections)) {
      if (!named.has(name)) options.logger.warn({ plugin: name }, `${options.settings.filePath ?? 'the config file'}: plugins.${name} sets a plugin RDOBOT_PLUGINS does not list; its settings are not used`);
    }
  }
  return { loaded, skipped };
}
