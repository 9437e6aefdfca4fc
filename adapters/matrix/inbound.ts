/** Deciding whether a Matrix message is for the bot, and what command text it carries. */

export interface BotAddress {
  userId: string;
  /** Names people address the bot by: local part, display name. */
  names: string[];
  /** The nick the core router knows: a mention is rewritten to "nick: rest". */
  nick: string;
  prefix: string;
}

interface TextContent {
  msgtype?: unknown;
  body?: unknown;
  'm.relates_to'?: { 'm.in_reply_to'?: unknown; rel_type?: unknown };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A reply's body may start with the quoted original ("> <@u:s> text"); that is not what was asked. */
function withoutReplyFallback(body: string, content: TextContent): string {
  if (!content['m.relates_to']?.['m.in_reply_to']) return body;
  const lines = body.split('\n');
  let i = 0;
  while (i < lines.length && lines[i].startsWith('>')) i += 1;
  if (i > 0 && lines[i] === '') i += 1;
  return lines.slice(i).join('\n');
}

/**
 * The command line of a message for the bot — prefixed (`!interview latest`) or addressed by
 * name/MXID/pill (`rdobot: interview latest`) — or null. Only plain text messages count:
 * notices are what bots send, and edits (m.replace) are not new questions.
 */
export function commandText(content: TextContent, bot: BotAddress, isPrivate = false): string | null {
  if (content.msgtype !== 'm.text' || typeof content.body !== 'string') return null;
  if (content['m.relates_to']?.rel_type === 'm.replace') return null;
  const body = withoutReplyFallback(content.body, content).trim();
  if (bot.prefix && body.startsWith(bot.prefix)) return body;
  // Longest first, and the MXID without its '@' (the pattern makes '@' optional for every name).
  const names = [bot.userId.replace(/^@/, ''), ...bot.names]
    .sort((a, b) => b.length - a.length)
    .filter((n) => n.length > 0)
    .map(escapeRegExp);
  // "rdobot: help", "RDO Bot, help", a pill or the MXID address the bot; "rdobot is broken again" talks about it.
  const mxid = escapeRegExp(bot.userId);
  const addressed = new RegExp(`^(?:${mxid}[:,]?\\s+|@?(?:${names.join('|')})\\s*[:,]\\s*)`, 'i').exec(body);
  if (!addressed) return isPrivate && body ? body : null;
  const rest = body.slice(addressed[0].length).trim();
  return rest ? `${bot.nick}: ${rest}` : null;
}

/** What the adapter knows about a room, to tell a direct conversation from a channel. */
export interface RoomShape {
  /** Joined and invited members, the bot included. */
  members: number;
  /** The room is in the bot's m.direct account data. */
  markedDirect?: boolean;
  /** The invite that brought the bot in said `is_direct`. */
  invitedAsDirect?: boolean;
}

/** A direct message: a room the client marked as one, or the bot and one person alone. No prefix is needed there. */
export function isDirectRoom(room: RoomShape): boolean {
  return Boolean(room.markedDirect || room.invitedAsDirect) || room.members === 2;
}

/** The power level a user holds under a room's m.room.power_levels content. */
export function powerLevel(content: Record<string, unknown> | undefined, userId: string): number {
  if (!content) return 0;
  const users = content.users as Record<string, unknown> | undefined;
  const own = users?.[userId];
  if (typeof own === 'number') return own;
  return typeof content.users_default === 'number' ? content.users_default : 0;
}

/**
 * A MeetBot line said in a room (`#startmeeting`, `#action …`): not addressed to the bot, yet the core's meeting
 * recorder needs it. Plain text only, never an edit.
 */
export function meetingLine(content: TextContent): string | null {
  if (content.msgtype !== 'm.text' || typeof content.body !== 'string') return null;
  if (content['m.relates_to']?.rel_type === 'm.replace') return null;
  const body = content.body.trim();
  return /^#\s?[a-z]+\b/i.test(body) ? body : null;
}
