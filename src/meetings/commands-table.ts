/**
 * The MeetBot command set as one table: the word people type after '#', what it does, whether only a chair may use
 * it and whether it needs text. Aliases are rows of their own, so `#agree` and `#agreed` read the same.
 */
export type Does = 'start' | 'end' | 'topic' | 'item' | 'action' | 'chair' | 'unchair' | 'undo' | 'name' | 'here' | 'nick' | 'commands' | 'done';

/** Kinds of what a meeting records, as the minutes group them. */
/** `present`: people listed with #nick (kept for the people present, not shown as an item). */
export type ItemKind = 'topic' | 'info' | 'idea' | 'link' | 'help' | 'action' | 'agreed' | 'accepted' | 'rejected' | 'done' | 'present';

export interface MeetbotCommand {
  does: Does;
  /** For `item` rows: the kind of item recorded. */
  kind?: ItemKind;
  /** Only a chair may use it (MeetBot's rule: topic, name, end, chairs, undo). */
  chair?: boolean;
  /** It needs words after it. */
  text?: boolean;
  /** One line for #commands and the documentation. */
  summary: string;
}

export const MEETBOT_COMMANDS: Readonly<Record<string, MeetbotCommand>> = {
  startmeeting: { does: 'start', summary: 'start a meeting here (a name is optional when a scheduled meeting is due)' },
  endmeeting: { does: 'end', chair: true, summary: 'end the meeting and publish the minutes' },
  topic: { does: 'topic', chair: true, text: true, summary: 'start a new topic' },
  info: { does: 'item', kind: 'info', text: true, summary: 'record a piece of information' },
  idea: { does: 'item', kind: 'idea', text: true, summary: 'record an idea' },
  link: { does: 'item', kind: 'link', text: true, summary: 'record a link' },
  help: { does: 'item', kind: 'help', text: true, summary: 'record a call for help' },
  action: { does: 'action', text: true, summary: 'record an action: #action nick[, nick2]: what to do' },
  agreed: { does: 'item', kind: 'agreed', text: true, summary: 'record a decision' },
  agree: { does: 'item', kind: 'agreed', text: true, summary: 'same as #agreed' },
  accepted: { does: 'item', kind: 'accepted', text: true, summary: 'record something accepted' },
  accept: { does: 'item', kind: 'accepted', text: true, summary: 'same as #accepted' },
  rejected: { does: 'item', kind: 'rejected', text: true, summary: 'record something rejected' },
  reject: { does: 'item', kind: 'rejected', text: true, summary: 'same as #rejected' },
  chair: { does: 'chair', chair: true, text: true, summary: 'make people chairs: #chair nick1 nick2' },
  unchair: { does: 'unchair', chair: true, text: true, summary: 'take people off the chairs' },
  undo: { does: 'undo', chair: true, summary: 'remove the last item recorded' },
  meetingname: { does: 'name', chair: true, text: true, summary: 'rename the meeting (and its files)' },
  here: { does: 'here', summary: 'say you are present' },
  nick: { does: 'nick', text: true, summary: 'list people as present: #nick nick1 nick2' },
  commands: { does: 'commands', summary: 'list these commands' },
  done: { does: 'done', text: true, summary: 'close an action carried from last time: #done 2' },
};

/** `#action` and friends, as people type them: any case, a space or not after the '#'. */
const LINE = /^#\s?([a-z]+)\b\s*(.*)$/is;

/** The command a channel line gives, or null for chat (and for words that only look like one, "#rdo is great"). */
export function meetbotLine(text: string): { word: string; command: MeetbotCommand; rest: string } | null {
  const m = LINE.exec(text.trim());
  if (!m) return null;
  const word = m[1].toLowerCase();
  const command = MEETBOT_COMMANDS[word];
  return command ? { word, command, rest: m[2].trim() } : null;
}
