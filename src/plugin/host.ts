import { join } from 'node:path';
import type { Logger } from '../base/log.js';
import { firstLine } from '../base/first-line.js';
import type { CommandSpec } from '../core/types.js';
import type { MeetingCommandSpec, MinutesSectionSpec, PluginContext, PluginServices, RdobotPlugin, SettingsOf, SettingsSchema } from './api.js';
import { DEFAULT_PLUGIN_TIMEOUT_MS, guarded, guardedMeetingCommand } from './guard.js';
import { nameClash } from './name-clash.js';
import { commandsSchema, firstIssue, meetingCommandsSchema } from './shape.js';
import type { LoadedPlugin } from './load.js';
import { openPluginStore } from './store.js';

/** A plugin the bot runs, and what it gave. */
export interface HostedPlugin {
  name: string;
  version: string;
  description?: string;
  /** One of the families under commands/ (not listed as a plugin by !about). */
  builtIn: boolean;
  /** The folder a plugin from outside was loaded from. */
  source?: string;
  /** Its commands wait for the schedule where it is built on first use (RdobotPlugin.readsSchedule). */
  readsSchedule: boolean;
  /** Its commands open the meetings first where they are opened on first use (RdobotPlugin.readsMinutes). */
  readsMinutes: boolean;
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
  /** The bot's own families (not listed as plugins by !about, run as they are); absent: none. */
  builtIn?(plugin: RdobotPlugin<SettingsSchema, Svc>): boolean;
  /** Where a plugin from outside was loaded from, for `rdobot plugins` and the log. */
  sourceOf?(plugin: RdobotPlugin<SettingsSchema, Svc>): string | undefined;
  /** Command words answered before any plugin (the router's own: help, more …). */
  taken?(word: string): boolean;
  /** How long a command of a plugin from outside may take. */
  timeoutMs?: number;
  /** Told of each plugin left out and why (it is logged too). */
  skipped?(name: string, why: string): void;
}

/** Defaults of a settings table. */
export function defaultSettings(schema: SettingsSchema | undefined): SettingsOf<SettingsSchema> {
  return Object.fromEntries(Object.entries(schema ?? {}).map(([key, spec]) => [key, spec.default])) as SettingsOf<SettingsSchema>;
}

/** The command words (families and their aliases) a plugin's commands would answer to. */
const wordsOf = (specs: readonly CommandSpec[]): string[] => [
  ...new Set(specs.flatMap((s) => [s.family.toLowerCase(), ...(s.name === '' ? (s.aliases ?? []).map((a) => a.toLowerCase()) : [])])),
];

/** Why a plugin from outside cannot be hosted beside those before it, if it cannot. */
function clash(plugin: RdobotPlugin, specs: readonly CommandSpec[], before: readonly HostedPlugin[], taken: (word: string) => boolean): string | undefined {
  const same = before.find((p) => p.name === plugin.name);
  const named = nameClash(plugin.name, same && (same.builtIn ? { builtIn: true } : { builtIn: false, by: `plugin ${same.name}` }));
  if (named) return named;
  const keys = specs.map((s) => `${s.family} ${s.name}`.toLowerCase());
  const twice = keys.find((k, i) => keys.indexOf(k) !== i);
  if (twice) return `it gives the command ${twice.trim()} twice`;
  for (const word of wordsOf(specs)) {
    const owner = before.find((p) => wordsOf(p.commands).includes(word));
    if (owner) return `its command ${word} is ${owner.builtIn ? `built-in family ${owner.name}'s; the built-in wins` : `plugin ${owner.name}'s, listed first; the first listed wins`}`;
    if (taken(word)) return `its command ${word} is one of the bot's own; the bot's wins`;
  }
  return undefined;
}

/**
 * Hand each plugin its context and take its commands, in the order given (the order of !help). A plugin from outside
 * is held apart: one whose name or commands are taken, or whose commands cannot be built, is left out with one log
 * line (the others run), and its commands are guarded (src/plugin/guard.ts). Built-in families run as they are.
 */
export function hostPlugins<Svc extends PluginServices>(plugins: readonly RdobotPlugin<SettingsSchema, Svc>[], options: HostOptions<Svc>): HostedPlugin[] {
  const hosted: HostedPlugin[] = [];
  for (const plugin of plugins) {
    const logger = options.logger.child({ plugin: plugin.name });
    const builtIn = options.builtIn?.(plugin) ?? false;
    const source = options.sourceOf?.(plugin);
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
    const give = () => ({
      name: plugin.name,
      version: plugin.version,
      description: plugin.description,
      builtIn,
      source,
      readsSchedule: plugin.readsSchedule ?? true,
      readsMinutes: plugin.readsMinutes ?? false,
      commands: plugin.commands?.(ctx) ?? [],
      meetingCommands: plugin.meetingCommands?.(ctx) ?? [],
      minutesSections: plugin.minutesSections ?? [],
    });
    if (builtIn) {
      hosted.push(give());
      continue;
    }
    const skip = (why: string) => {
      logger.warn({ source }, `plugin ${plugin.name} not loaded: ${why}`);
      options.skipped?.(plugin.name, why);
    };
    let given: HostedPlugin;
    try {
      given = give();
    } catch (err) {
      skip(`building its commands failed: ${firstLine(err)}`);
      continue;
    }
    const shape = commandsSchema.safeParse(given.commands);
    if (!shape.success) {
      skip(`its commands are not commands: ${firstIssue(shape.error)}`);
      continue;
    }
    const meeting = meetingCommandsSchema.safeParse(given.meetingCommands);
    if (!meeting.success) {
      skip(`its meeting commands are not meeting commands: ${firstIssue(meeting.error)}`);
      continue;
    }
    const why = clash(plugin, given.commands, hosted, options.taken ?? (() => false));
    if (why) {
      skip(why);
      continue;
    }
    const timeoutMs = options.timeoutMs ?? DEFAULT_PLUGIN_TIMEOUT_MS;
    hosted.push({
      ...given,
      commands: given.commands.map((spec) => guarded(spec, plugin, logger, timeoutMs)),
      meetingCommands: given.meetingCommands.map((spec) => guardedMeetingCommand(spec, plugin, logger)),
    });
  }
  return hosted;
}

/** What hostPlugins needs to know of the plugins loaded from outside: their settings and folders. */
export function externalHosting(
  external: readonly LoadedPlugin[],
  taken: (word: string) => boolean,
  timeoutMs?: number,
): Pick<HostOptions<PluginServices>, 'settingsFor' | 'sourceOf' | 'taken' | 'timeoutMs'> {
  const of = (plugin: RdobotPlugin<SettingsSchema, never>) => external.find((e) => e.plugin === (plugin as unknown));
  return {
    settingsFor: (plugin) => of(plugin)?.settings ?? defaultSettings(plugin.settings),
    sourceOf: (plugin) => of(plugin)?.source,
    taken,
    timeoutMs,
  };
}
