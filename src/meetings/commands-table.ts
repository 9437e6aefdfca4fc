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
  | 'restrictlogs';

/** Kinds of what a meeting records, as the minutes group them. */
/** `present`: people listed with #nick (kept for the people present, not shown as an item). */
export type ItemKind = 'topic' | 'info' | 'idea' | 'link' | 'help' | 'action' | 'agreed' | 'accepted' | 'rejected' | 'done' | 'present';

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

/** The command a channel line gives, or null for chat (and for words that only look like one, "#rdo is great"). */
export function meetbotLine(text: string): { word: string; command: MeetbotCommand; rest: string } | null {
  const m = LINE.exec(text.trim());
  if (!m) return null;
  const word = m[1].toLowerCase();
  const command = MEETBOT_COMMANDS[word];
  return command ? { word, command, rest: m[2].trim() } : null;
}
