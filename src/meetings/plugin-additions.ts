/**
 * What plugins add to meetings run in channels, as this layer knows it (the plugin API sits above and is translated
 * to these by the composition root): `#word` commands, and minutes sections for what those commands record.
 */

/** A section of the minutes a plugin adds: its items are stored with the kind `plugin/id`. */
export interface PluginSection {
  plugin: string;
  /** Lowercase letters, digits and '-', starting with a letter: unique within its plugin. */
  id: string;
  /** Its heading in the minutes. */
  title: string;
}

/** What a plugin's meeting command is told when someone uses it. */
export interface PluginCommandContext {
  text: string;
  nick: string;
  meeting: { title: string; room: string };
}

/** A plugin's `#word` command: chair-only and needs-text as MeetBot's rows; its text recorded under `section`, if any. */
export interface PluginMeetingCommand {
  plugin: string;
  word: string;
  summary: string;
  chair?: boolean;
  text?: boolean;
  /** One of the same plugin's sections (its id). */
  section?: string;
  /** The line said back in the channel, if any. */
  handle?(ctx: PluginCommandContext): string | undefined;
}

/** The item kind a plugin section's items are stored under: never one of MeetBot's words, which have no '/'. */
export type PluginKind = `${string}/${string}`;
export const sectionKind = (s: Pick<PluginSection, 'plugin' | 'id'>): PluginKind => `${s.plugin}/${s.id}`;

/** Section ids as the HTML minutes can use them in an anchor. */
export const SECTION_ID = /^[a-z][a-z0-9-]{0,39}$/;
