import { join } from 'node:path';
import type { Logger } from '../base/log.js';
import type { CommandSpec } from '../core/types.js';
import type { MeetingCommandSpec, MinutesSectionSpec, PluginContext, PluginServices, RdobotPlugin, SettingsOf, SettingsSchema } from './api.js';
import { openPluginStore } from './store.js';

/** A plugin the bot runs, and what it gave. */
export interface HostedPlugin {
  name: string;
  version: string;
  description?: string;
  /** One of the families under commands/ (not listed as a plugin by !about). */
  builtIn: boolean;
  /** Its commands wait for the schedule where it is built on first use (RdobotPlugin.readsSchedule). */
  readsSchedule: boolean;
  commands: CommandSpec[];
  meetingCommands: MeetingCommandSpec[];
  minutesSections: readonly MinutesSectionSpec[];
}

export interface HostOptions<Svc extends PluginServices> {
  services: Svc;
  logger: Logger;
  /** Each plugin's store is `plugins/<name>.sqlite` here; in memory without it. */
  dataDir?: string;
  /** The plugins' checked settings; absent: each setting's default. */
  settingsFor?(plugin: RdobotPlugin<SettingsSchema, Svc>): SettingsOf<SettingsSchema>;
  /** The bot's own families (not listed as plugins by !about); absent: none. */
  builtIn?(plugin: RdobotPlugin<SettingsSchema, Svc>): boolean;
}

/** Defaults of a settings table. */
export function defaultSettings(schema: SettingsSchema | undefined): SettingsOf<SettingsSchema> {
  return Object.fromEntries(Object.entries(schema ?? {}).map(([key, spec]) => [key, spec.default])) as SettingsOf<SettingsSchema>;
}

/** Hand each plugin its context and take its commands, in the order given (the order of !help). */
export function hostPlugins<Svc extends PluginServices>(plugins: readonly RdobotPlugin<SettingsSchema, Svc>[], options: HostOptions<Svc>): HostedPlugin[] {
  return plugins.map((plugin) => {
    const logger = options.logger.child({ plugin: plugin.name });
    let store: PluginContext['store'] | undefined;
    const ctx: PluginContext<SettingsSchema, Svc> = {
      name: plugin.name,
      settings: options.settingsFor?.(plugin) ?? defaultSettings(plugin.settings),
      // Opened on first use: most families keep nothing.
      get store() {
        store ??= openPluginStore(options.dataDir ? join(options.dataDir, 'plugins', `${plugin.name}.sqlite`) : ':memory:', plugin.name, plugin.storage?.steps ?? []);
        return store;
      },
      services: options.services,
      logger,
      clock: options.services.clock,
    };
    return {
      name: plugin.name,
      version: plugin.version,
      description: plugin.description,
      builtIn: options.builtIn?.(plugin) ?? false,
      readsSchedule: plugin.readsSchedule ?? true,
      commands: plugin.commands?.(ctx) ?? [],
      meetingCommands: plugin.meetingCommands?.(ctx) ?? [],
      minutesSections: plugin.minutesSections ?? [],
    };
  });
}
