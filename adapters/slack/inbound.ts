import type { Addressed, AddressedBy, Identity, Message } from '../../src/core/types.js';
import { slackToPlain } from './escape.js';

/** The parts of a Slack message, mention or slash command the core needs. */
export interface SlackChat {
  /** Workspace (team) id; part of the identity, so the same user id in two workspaces is two people. */
  team?: string;
  user: string;
  name?: string;
  /** A workspace admin or owner: counts as channel operator. */
  operator?: boolean;
  /** The zone of their Slack profile (`users.info` tz). */
  zone?: string;
  channel: string;
  /** im for a direct message; channel, group, mpim otherwise. */
  channelType?: string;
  /** Slack's `ts` (seconds with a fraction), or absent for slash commands. */
  ts?: string;
  /** The delivery's id: event_id, or trigger_id for a slash command. */
  id?: string;
}

/** Permissions key on the Slack user id within its workspace, never on the display name. */
export function slackIdentity(team: string | undefined, user: string, name?: string): Identity {
  return { id: team ? `${team}/${user}` : user, name: name || user, verified: true };
}

/** What was said, mentions as plain text, and the command line in it when the adapter found one. */
export interface SlackSaid {
  text: string;
  addressed?: Addressed;
  /** A `me_message` (`/me`): heard by a meeting, never a question. */
  emote?: boolean;
}

/** Whether a Slack conversation is a direct message with the bot. */
export function isSlackPrivate(chat: Pick<SlackChat, 'channel' | 'channelType'>): boolean {
  return chat.channelType === 'im' || chat.channel.startsWith('D');
}

/** Whether a Slack conversation is not open to the workspace: a private channel ('group', ids G…), a DM or group DM. */
export function isSlackRoomPrivate(chat: Pick<SlackChat, 'channel' | 'channelType'>): boolean {
  return isSlackPrivate(chat) || chat.channelType === 'group' || chat.channelType === 'mpim' || chat.channel.startsWith('G');
}

/**
 * A Slack message for the core. `command` is the app's slash command (`/rdo`): help, suggestions and hints then
 * name commands as Slack users type them (`/rdo interview latest`), not with the IRC prefix.
 */
export function slackMessage(chat: SlackChat, said: SlackSaid, command = '/rdo'): Message {
  return {
    syntax: `${command} `,
    network: 'slack',
    room: chat.channel,
    isPrivate: isSlackPrivate(chat),
    ...(isSlackRoomPrivate(chat) ? { roomPrivate: true } : {}),
    user: slackIdentity(chat.team, chat.user, chat.name),
    text: said.text,
    ...(said.addressed ? { addressed: said.addressed } : {}),
    ...(said.emote ? { emote: true } : {}),
    time: chat.ts ? new Date(Math.round(Number(chat.ts) * 1000)) : new Date(),
    id: chat.id,
    roles: chat.operator ? ['operator'] : [],
    ...(chat.zone ? { userZone: chat.zone } : {}),
  };
}

/**
 * A line given to the bot outright (the slash command, a leading mention, a share button): nothing at all asks for
 * help, and a prefix typed out of habit (`/rdo !help`) is dropped.
 */
export function toBot(line: string, by: AddressedBy, prefix: string): Addressed {
  const rest = line.trim();
  const bare = prefix && rest.startsWith(prefix) ? rest.slice(prefix.length).trim() : rest;
  return { line: bare || 'help', by };
}

/**
 * The command in a mention: only a leading `<@BOT>` addresses the bot ("<@U0BOT> interview latest");
 * a mention further on is people talking about it, and null.
 */
export function mentionCommand(text: string, botUserId: string | undefined): string | null {
  const lead = /^\s*<@([A-Z0-9]+)(?:\|[^>]*)?>[\s:,]*/.exec(text);
  if (!lead || (botUserId && lead[1] !== botUserId)) return null;
  return slackToPlain(text.slice(lead[0].length));
}

/** Whether a message mentions the bot anywhere (then its app_mention event answers it, not the message event). */
export function mentionsBot(text: string, botUserId: string | undefined): boolean {
  return botUserId !== undefined && new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`).test(text);
}

export interface CommandRequest {
  /** Router input: the family command prepended for `/interview latest`. */
  line: string;
  /** Post in the channel (in_channel) rather than only to the asker (ephemeral). */
  inChannel: boolean;
}

/**
 * What `/rdo public interview latest` or `/interview latest --public` asks: a leading `public`/`private`
 * word or a `--public`/`--private` option chooses where the answer goes; the rest is the router's.
 */
export function parseSlashCommand(text: string, family: string | undefined, publicByDefault: boolean): CommandRequest {
  let inChannel = publicByDefault;
  const words = slackToPlain(text).trim().split(/\s+/).filter((w) => w.length > 0);
  const kept: string[] = [];
  words.forEach((word, i) => {
    const lower = word.toLowerCase();
    if (lower === '--public' || (i === 0 && lower === 'public')) inChannel = true;
    else if (lower === '--private' || (i === 0 && lower === 'private')) inChannel = false;
    else kept.push(word);
  });
  const line = [family, ...kept].filter((w) => w !== undefined).join(' ');
  return { line, inChannel };
}
