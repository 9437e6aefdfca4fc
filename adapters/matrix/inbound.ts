/** Reading a Matrix message: the line said, and whether (and how) it addresses the bot. */
import type { Addressed } from '../../src/core/types.js';
import { addressing } from '../addressing.js';

export interface BotAddress {
  userId: string;
  /** Names people address the bot by: local part, display name. */
  names: string[];
  prefix: string;
}

interface TextContent {
  msgtype?: unknown;
  body?: unknown;
  format?: unknown;
  formatted_body?: unknown;
  'm.relates_to'?: { 'm.in_reply_to'?: unknown; rel_type?: unknown };
}

/** A line of chat for the core: every one reaches the listeners (the meeting recorder); `addressed` when it is for the bot. */
export interface MatrixLine {
  text: string;
  addressed?: Addressed;
  /** An `m.emote` (`/me`): heard by a meeting, never a question. */
  emote?: boolean;
}

/** A reply's body may start with the quoted original ("> <@u:s> text"); that is not what was asked. */
function withoutReplyFallback(body: string, content: TextContent): string {
  if (!content['m.relates_to']?.['m.in_reply_to']) return body;
  const lines = body.split('\n');
  let i = 0;
  while (i < lines.length && lines[i].startsWith('>')) i += 1;
  if (i > 0 && lines[i] === '') i += 1;
  return lines.slice(i).join('\n');
}

const PILL = /^\s*<a href="https:\/\/matrix\.to\/#\/([^"?]+)[^"]*">([^<]*)<\/a>/;
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** The text of a leading mention pill of the bot (whatever name the client showed for it), or undefined. */
function pillName(content: TextContent, userId: string): string | undefined {
  if (content.format !== 'org.matrix.custom.html' || typeof content.formatted_body !== 'string') return undefined;
  const pill = PILL.exec(content.formatted_body);
  if (!pill || safeDecode(pill[1]) !== userId) return undefined;
  return pill[2].replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * A message as a line of chat, addressed when it is prefixed (`!interview latest`) or names the bot by name, MXID
 * or pill (`rdobot: interview latest`), or is said in a direct room; null for what is not chat: notices are what bots
 * send, and edits (m.replace) are not new lines. An emote (`/me`) is chat a meeting records, never addressed.
 */
export function matrixLine(content: TextContent, bot: BotAddress, isPrivate = false): MatrixLine | null {
  if ((content.msgtype !== 'm.text' && content.msgtype !== 'm.emote') || typeof content.body !== 'string') return null;
  if (content['m.relates_to']?.rel_type === 'm.replace') return null;
  if (content.msgtype === 'm.emote') return { text: content.body.trim(), emote: true };
  const text = withoutReplyFallback(content.body, content).trim();
  const pill = pillName(content, bot.userId);
  const names = [bot.userId.replace(/^@/, ''), ...bot.names, ...(pill ? [pill] : [])];
  const addressed = addressing(text, { prefix: bot.prefix, names }, isPrivate);
  return addressed ? { text, addressed } : { text };
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

/** Most members of a room offered as possible owners of a meeting's actions. */
export const MAX_ROOM_PEOPLE = 5_000;

/**
 * The names a room's joined members go by, as people type them in `#action`: each one's display name and the
 * localpart of their user id (`@bob:example.org` → `bob`), once each whatever the case, the bot left out; bounded.
 */
/** The user id of the joined member going by this name (display name or localpart, whatever the case), the bot left out. */
export function roomPersonId(members: { userId: string; rawDisplayName?: string }[], self: string, name: string): string | undefined {
  const wanted = name.trim().toLowerCase();
  const found = members.slice(0, MAX_ROOM_PEOPLE).find((m) => m.userId !== self && [m.userId.slice(1, m.userId.includes(':') ? m.userId.indexOf(':') : undefined), m.rawDisplayName ?? ''].some((n) => n.trim().toLowerCase() === wanted));
  return found?.userId;
}

export function roomPeopleNames(members: { userId: string; rawDisplayName?: string }[], self: string): string[] {
  const names = new Map<string, string>();
  for (const m of members.slice(0, MAX_ROOM_PEOPLE)) {
    if (m.userId === self) continue;
    const localpart = m.userId.slice(1, m.userId.includes(':') ? m.userId.indexOf(':') : undefined);
    for (const name of [localpart, m.rawDisplayName ?? '']) {
      const clean = name.trim().slice(0, 100);
      if (clean && clean !== m.userId && !names.has(clean.toLowerCase())) names.set(clean.toLowerCase(), clean);
    }
  }
  return [...names.values()];
}
