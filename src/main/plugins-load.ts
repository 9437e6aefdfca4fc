import { BUILT_IN_PLUGINS } from '../../commands/index.js';
import { ConfigError } from '../base/errors.js';
import { parseDuration } from '../base/duration.js';
import type { Logger } from '../base/log.js';
import { PROJECT_ROOT } from '../base/paths.js';
import type { CoreConfig } from '../config/load.js';
import type { BotOptions } from './settings.js';
import { DEFAULT_PLUGIN_TIMEOUT_MS } from '../plugin/guard.js';
import { loadPlugins, pluginList, type LoadedPlugin, type SkippedPlugin } from '../plugin/load.js';

/** RDOBOT_PLUGIN_TIMEOUT: how long a plugin's command may take ("5s", "1500ms"). */
export function pluginTimeout(env: CoreConfig['env']): number {
  const raw = env.RDOBOT_PLUGIN_TIMEOUT;
  if (raw === undefined || raw.trim() === '') return DEFAULT_PLUGIN_TIMEOUT_MS;
  const ms = parseDuration(raw);
  if (ms === null || ms <= 0) throw new ConfigError(`config error: RDOBOT_PLUGIN_TIMEOUT: got '${raw}', expected a duration such as 5s or 1500ms`);
  return ms;
}

/** The plugins the configuration lists (RDOBOT_PLUGINS), loaded; those that cannot be are logged and listed apart. */
export async function configuredPlugins(config: CoreConfig, cwd: string, logger: Logger): Promise<{ loaded: LoadedPlugin[]; skipped: SkippedPlugin[] }> {
  return loadPlugins(pluginList(config.env.RDOBOT_PLUGINS), {
    cwd,
    pluginDir: config.env.RDOBOT_PLUGIN_DIR || undefined,
    rdobotRoot: PROJECT_ROOT,
    builtIn: BUILT_IN_PLUGINS.map((p) => p.name),
    settings: { env: config.env, file: config.file.plugins, filePath: config.filePath },
    logger,
  });
}

/** The bot's options for plugins: those loaded, and how long their commands may take. */
export async function pluginOptions(config: CoreConfig, cwd: string, logger: Logger): Promise<Pick<BotOptions, 'plugins' | 'pluginTimeoutMs'>> {
  const pluginTimeoutMs = pluginTimeout(config.env);
  const { loaded } = await configuredPlugins(config, cwd, logger);
  return { plugins: loaded, pluginTimeoutMs };
}
