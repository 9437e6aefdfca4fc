import { SECTION_ID, sectionKind, type PluginKind, type PluginMeetingCommand, type PluginSection } from './plugin-additions.js';

/**
 * The MeetBot command set as one table: the word people type after '#', what it does, whether only a chair may use
 * it and whether it needs text. Aliases are rows of their own, so `#agree` and `#agreed` read the same.
 */
export type Does =
  | 'start'
  | 'end'
  | 'topic'
  | 'item'
  | 'action'
  | 'chair'
  | 'unchair'
  | 'undo'
  | 'name'
  | 'here'
  | 'nick'
  | 'commands'
  | 'done'
  | 'meetingtopic'
  | 'startvote'
  | 'vote'
  | 'endvote'
  | 'showvote'
  | 'lurk'
  | 'unlurk'
  | 'save'
  | 'restrictlogs'
  /** A plugin's command (its row says which). */
  | 'plugin';

/** Kinds of what a meeting records, as the minutes group them. */
/** `present`: people listed with #nick (kept for the people present, not shown as an item). */
export type BuiltInKind = 'topic' | 'info' | 'idea' | 'link' | 'help' | 'action' | 'agreed' | 'accepted' | 'rejected' | 'done' | 'present';
/** A plugin section's items are of its own kind (`plugin/section`). */
export type ItemKind = BuiltInKind | PluginKind;

export interface MeetbotCommand {
  does: Does;
  /** For `item` rows: the kind of item recorded. */
  kind?: ItemKind;
  /** Only a chair may use it (MeetBot's rule: topic, name, end, chairs, undo, decisions, votes opened and closed). */
  chair?: boolean;
  /** It needs words after it. */
  text?: boolean;
  /** One line for #commands and the documentation. */
  summary: string;
  /**
   * Said back in the channel when it works (MeetBot acknowledges start, end, topic, chairs, undo, name and votes);
   * the others are recorded silently, so a busy meeting is not drowned in the bot's lines.
   */
  ack?: boolean;
  /** For `plugin` rows: the plugin's command. */
  plugin?: PluginMeetingCommand;
}

export const MEETBOT_COMMANDS: Readonly<Record<string, MeetbotCommand>> = {
  startmeeting: { does: 'start', ack: true, summary: 'start a meeting here; the words after it are its title (optional when a scheduled meeting is due)' },
  endmeeting: { does: 'end', chair: true, ack: true, summary: 'end the meeting and publish the minutes' },
  topic: { does: 'topic', chair: true, text: true, ack: true, summary: 'start a new topic' },
  meetingtopic: { does: 'meetingtopic', chair: true, text: true, ack: true, summary: 'set the topic of the whole meeting (shown before each topic)' },
  info: { does: 'item', kind: 'info', text: true, summary: 'record a piece of information' },
  idea: { does: 'item', kind: 'idea', text: true, summary: 'record an idea' },
  link: { does: 'item', kind: 'link', text: true, summary: 'record a link' },
  help: { does: 'item', kind: 'help', text: true, summary: 'record a call for help' },
  halp: { does: 'item', kind: 'help', text: true, summary: 'same as #help' },
  action: { does: 'action', text: true, summary: 'record an action: #action nick[, nick2]: what to do' },
  agreed: { does: 'item', chair: true, kind: 'agreed', text: true, summary: 'record a decision' },
  agree: { does: 'item', chair: true, kind: 'agreed', text: true, summary: 'same as #agreed' },
  accepted: { does: 'item', chair: true, kind: 'accepted', text: true, summary: 'record something accepted' },
  accept: { does: 'item', chair: true, kind: 'accepted', text: true, summary: 'same as #accepted' },
  rejected: { does: 'item', chair: true, kind: 'rejected', text: true, summary: 'record something rejected' },
  reject: { does: 'item', chair: true, kind: 'rejected', text: true, summary: 'same as #rejected' },
  chair: { does: 'chair', chair: true, text: true, ack: true, summary: 'make people chairs: #chair nick1 nick2' },
  unchair: { does: 'unchair', chair: true, text: true, ack: true, summary: 'take people off the chairs' },
  undo: { does: 'undo', chair: true, ack: true, summary: 'remove the last item recorded' },
  meetingname: { does: 'name', chair: true, text: true, ack: true, summary: 'set the short name used for the files (the title stays what #startmeeting said)' },
  here: { does: 'here', summary: 'say you are present' },
  nick: { does: 'nick', text: true, summary: 'list people as present (and as possible owners of actions): #nick nick1 nick2' },
  commands: { does: 'commands', ack: true, summary: 'list these commands' },
  done: { does: 'done', text: true, ack: true, summary: 'close an action carried from last time: #done 2 (a chair or its owner)' },
  startvote: { does: 'startvote', chair: true, text: true, ack: true, summary: 'open a vote: #startvote Question? option1, option2 (default +1, 0, -1)' },
  vote: { does: 'vote', text: true, summary: 'vote in the open vote: #vote option (your last vote counts)' },
  endvote: { does: 'endvote', chair: true, ack: true, summary: 'close the vote and announce its result' },
  showvote: { does: 'showvote', ack: true, summary: 'show the open vote and who voted for what so far' },
  lurk: { does: 'lurk', chair: true, summary: 'go on recording without saying anything in the channel' },
  unlurk: { does: 'unlurk', chair: true, ack: true, summary: 'speak again (after #lurk)' },
  save: { does: 'save', chair: true, ack: true, summary: 'write the minutes and logs so far, at the meeting’s addresses (#endmeeting writes the final ones)' },
  restrictlogs: { does: 'restrictlogs', chair: true, ack: true, summary: 'keep this meeting’s minutes and logs private: not published, shown only in this room' },
};

/** `#action` and friends, as people type them: any case, a space or not after the '#'. */
const LINE = /^#\s?([a-z]+)\b\s*(.*)$/is;
/** A plugin's word may have digits and '-' (`#release-name`); MeetBot's are read as MeetBot reads them. */
const PLUGIN_WORD = /^[a-z][a-z0-9-]{0,29}$/;
const LONG_LINE = /^#\s?([a-z][a-z0-9-]*)(?![\w-])\s*(.*)$/is;

/** The command a channel line gives, or null for chat (and for words that only look like one, "#rdo is great"). */
export function meetbotLine(text: string, table: Readonly<Record<string, MeetbotCommand>> = MEETBOT_COMMANDS): { word: string; command: MeetbotCommand; rest: string } | null {
  const said = text.trim();
  // Every line of every room comes here: one that does not start with '#' is no MeetBot line, read no further.
  if (said.charCodeAt(0) !== 0x23) return null;
  for (const m of [LONG_LINE.exec(said), LINE.exec(said)]) {
    const word = m?.[1].toLowerCase();
    if (word !== undefined && Object.hasOwn(table, word)) return { word, command: table[word], rest: m![2].trim() };
  }
  return null;
}

/**
 * MeetBot's table with the plugins' commands after it. A plugin's word never replaces one already there (MeetBot's
 * own, or an earlier plugin's), and a command naming a section its plugin does not have is left out: each is reported
 * once through `refused`, with why.
 */
export function commandTable(
  extra: readonly PluginMeetingCommand[],
  sections: readonly PluginSection[],
  refused: (command: PluginMeetingCommand, why: string) => void,
): Record<string, MeetbotCommand> {
  const table: Record<string, MeetbotCommand> = { ...MEETBOT_COMMANDS };
  for (const c of extra) {
    const word = c.word.toLowerCase();
    const section = c.section === undefined ? undefined : sections.find((s) => s.plugin === c.plugin && s.id === c.section);
    if (!PLUGIN_WORD.test(word)) refused(c, `#${c.word} is not a meeting command word (a lowercase letter, then letters, digits or '-')`);
    else if (Object.hasOwn(table, word)) refused(c, Object.hasOwn(MEETBOT_COMMANDS, word) ? `#${word} is MeetBot's, built in` : `#${word} is already plugin ${table[word].plugin?.plugin}'s`);
    else if (c.section !== undefined && (!section || !SECTION_ID.test(section.id))) refused(c, `its section "${c.section}" is not one of the plugin's minutes sections`);
    else table[word] = { does: 'plugin', chair: c.chair, text: c.text, summary: c.summary, ...(section ? { kind: sectionKind(section) } : {}), plugin: c };
  }
  return table;
}
