import type { Logger } from '../base/log.js';
import type { Archive } from '../archive/archive.js';
import type { Clock, CommandSpec } from '../core/types.js';
import type { Meeting, TestDay } from '../schedule/types.js';

/**
 * The plugin API: what every command family is written against, the built-in ones under commands/<family>/ and a
 * community's own, loaded with RDOBOT_PLUGINS. It is exported as `rdobot/plugin`; a plugin written in plain JavaScript
 * needs none of it at run time (a default export of the right shape is enough), only its types.
 */

/** The version of this API; a plugin that says it needs a later one is not loaded. */
export const PLUGIN_API = 1;

/** The kinds of value a plugin's setting may take, read from `RDOBOT_PLUGIN_<NAME>_<SETTING>` or the config file. */
export type SettingType = 'string' | 'integer' | 'boolean' | 'list';

/** A setting as a plugin declares it: one row of its settings table. */
export interface SettingSpec {
  type: SettingType;
  /** One line for `rdobot plugins` and the error that names it. */
  description: string;
  /** Used when not set; a setting without a default and `required` stops the plugin (only it) from loading. */
  default?: string | number | boolean | readonly string[];
  required?: boolean;
  /** Never shown back (a token): `rdobot plugins` says only whether it is set. */
  secret?: boolean;
}

/** A plugin's settings table: setting name (lowercase, `_` between words) to what it is. */
export type SettingsSchema = Readonly<Record<string, SettingSpec>>;

type ValueOf<S extends SettingSpec> = S['type'] extends 'integer'
  ? number
  : S['type'] extends 'boolean'
    ? boolean
    : S['type'] extends 'list'
      ? string[]
      : string;

/** The checked values of a settings table (a setting neither set nor defaulted is undefined). */
export type SettingsOf<S extends SettingsSchema> = { readonly [K in keyof S]: ValueOf<S[K]> | undefined };

/**
 * A plugin's own storage: one SQLite file of its own in the data directory (in memory without one), at the schema
 * version its upgrade steps reach. A key-value table is always there; a plugin that needs tables of its own creates
 * them in its steps.
 */
export interface PluginStore {
  get<T = unknown>(key: string): T | undefined;
  /** Stored as JSON. */
  set(key: string, value: unknown): void;
  delete(key: string): boolean;
  /** Keys in order, those starting with `prefix` when given. */
  keys(prefix?: string): string[];
  /** The plugin's own tables: a statement with `?` parameters. */
  run(sql: string, ...params: (string | number | null)[]): { changes: number };
  all<Row = Record<string, unknown>>(sql: string, ...params: (string | number | null)[]): Row[];
  /** The schema version the plugin's steps brought the store to. */
  readonly version: number;
}

/**
 * What any plugin may read of the bot: settings, the clock, the archive and the schedule (live: read them at each
 * call, a reload replaces them). Built-in families are handed a larger set (commands/shared/services.ts) of which this is a part.
 */
export interface PluginServices {
  settings: {
    version: string;
    nick: string;
    /** Zone of times in replies when the asker has none. */
    defaultZone: string;
    publicUrl?: string;
  };
  clock: Clock;
  logger: Logger;
  posts: { archive(): Archive };
  schedule: { meetings(): Meeting[]; testDays(): TestDay[] };
}

/** What a plugin is handed once at start, to build its commands from. */
export interface PluginContext<S extends SettingsSchema = SettingsSchema, Svc extends PluginServices = PluginServices> {
  /** The plugin's name, as loaded. */
  name: string;
  /** Its settings, checked against its table. */
  settings: SettingsOf<S>;
  store: PluginStore;
  services: Svc;
  /** The bot's logger, every line marked with the plugin's name. */
  logger: Logger;
  clock: Clock;
}

/** What a meeting command of a plugin is told when someone uses it in a running meeting. */
export interface MeetingCommandContext {
  /** The words after the command. */
  text: string;
  /** Who said it, by the name the meeting knows them. */
  nick: string;
  /** The meeting's title and room. */
  meeting: { title: string; room: string };
}

/**
 * A `#word` command for meetings run in channels (MeetBot's set is built in). What it records goes into its minutes
 * section, in every format of the minutes.
 */
export interface MeetingCommandSpec {
  /** The word after `#`, lowercase. */
  word: string;
  summary: string;
  /** Only a chair may use it. */
  chair?: boolean;
  /** It needs words after it. */
  text?: boolean;
  /** The id of the minutes section (one of this plugin's) its text is recorded under; none: it is only answered. */
  section?: string;
  /** What the bot says back in the channel, if anything. */
  handle?(ctx: MeetingCommandContext): string | undefined;
}

/** A section of the minutes for what a plugin's meeting commands record, after the built-in ones. */
export interface MinutesSectionSpec {
  id: string;
  /** Its heading in the minutes ("Release names"). */
  title: string;
}

/**
 * A plugin: the default export of an ES module. `commands` gives the chat commands (with their plain-language
 * phrasings in each spec's `intents`), built once from what the plugin is handed.
 */
export interface RdobotPlugin<S extends SettingsSchema = SettingsSchema, Svc extends PluginServices = PluginServices> {
  /** Lowercase letters, digits and '-', starting with a letter: `release-names`. Its settings and store go by it. */
  name: string;
  version: string;
  /** One line for !about, !help and `rdobot plugins`. */
  description?: string;
  /** The plugin API it was written for (default 1). */
  api?: number;
  /**
   * Its answers read the meetings and test days (the default): where the bot builds the schedule on first use, they
   * wait for it. `false` lets a family that reads none of it answer at once.
   */
  readsSchedule?: boolean;
  /**
   * Its answers read the minutes of meetings run in channels (`services.minutes`, built-in families only): where the
   * meetings are opened on first use (a one-shot answer), they are opened before its commands run. Default false.
   */
  readsMinutes?: boolean;
  settings?: S;
  /** Upgrade steps of its store (SQL, one per version), run in order from the store's version. */
  storage?: { steps: readonly string[] };
  commands?(ctx: PluginContext<S, Svc>): CommandSpec[];
  meetingCommands?(ctx: PluginContext<S, Svc>): MeetingCommandSpec[];
  minutesSections?: readonly MinutesSectionSpec[];
}

/** Types a plugin in TypeScript (it returns what it is given). */
export function definePlugin<S extends SettingsSchema = SettingsSchema, Svc extends PluginServices = PluginServices>(
  plugin: RdobotPlugin<S, Svc>,
): RdobotPlugin<S, Svc> {
  return plugin;
}

export type { CommandSpec, CommandContext, Reply, ReplyItem, ReplyField, IntentSpec, ArgSpec, OptionSpec, Clock } from '../core/types.js';
export { BotError } from '../core/types.js';
