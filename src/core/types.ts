import type { DateTime } from 'luxon';

/** Who may run a command; higher roles include the lower ones. */
export type Role = 'everyone' | 'operator' | 'admin';

/** A person (or bot) as a network knows them. `id` is the stable identity used for permissions. */
export interface Identity {
  /** Stable identity: IRC services account, Matrix MXID, Slack user id, or the shell user. */
  id: string;
  /** What to call them in a reply (nick, display name). Never used for permissions. */
  name: string;
  /** False where the network gave no verified identity (an IRC nick without an account). */
  verified: boolean;
  isBot?: boolean;
  /**
   * Where the network has no verified identity (an IRC nick without a services account): one person's connection as
   * the adapter follows it, kept across nick changes and never given to whoever takes a nick later. Absent elsewhere.
   */
  session?: string;
}

/**
 * Someone now goes by another name in the rooms the bot shares with them (an IRC NICK): what shows people by name (a
 * meeting's chairs) learns it at once, before they speak again. `user` is who they are now, as a message would say.
 */
export interface Rename {
  network: string;
  from: string;
  user: Identity;
}

/** One incoming chat line, as every adapter translates it for the core. */
export interface Message {
  /** Adapter name: shell, irc, matrix, slack, test. */
  network: string;
  /** Channel/room id; for a private message, the conversation id. */
  room: string;
  isPrivate: boolean;
  /**
   * The room is not open to all, as its network says (an IRC channel +k/+i/+s/+p, a Matrix room whose join rule is not
   * "public", a Slack private channel or DM): what is recorded there is not shown elsewhere. Absent: public.
   */
  roomPrivate?: boolean;
  user: Identity;
  /** The line as said (listeners such as the meeting recorder read it), mentions decoded to plain text. */
  text: string;
  /** Set by the adapter when the line is for the bot: its command line, prefix or name already removed. */
  addressed?: Addressed;
  time: Date;
  /** Network event id, for threading and de-duplication. */
  id?: string;
  /**
   * The names of the people in the room now, where the network lists them (IRC NAMES kept up to date): any of them
   * named in a meeting's `#action` is one of its owners.
   */
  roomPeople?: () => string[];
  /** The network's id of the person in the room going by this name (Matrix user id, Slack user id): an owner's identity. */
  roomPerson?: (name: string) => string | undefined;
  /** An action said in the third person (IRC `/me`, Matrix `m.emote`, Slack `me_message`): logged as `* nick text`. */
  emote?: boolean;
  /** Roles the network itself grants in this room (channel operator, power level >= 50). */
  roles?: Role[];
  /** The zone the network knows for this user (Slack profile), used when they have not set one with !tz. */
  userZone?: string;
  /**
   * How commands are written where this message came from, put before a command line in help, suggestions and
   * "Try …" hints: the prefix on IRC and Matrix (`!`), the slash command in Slack (`/rdo `).
   */
  syntax: string;
  /**
   * Most lines one answer may take here (an IRC channel: 4; a private query: more). Longer lists are cut and the
   * rest kept for `!more`. Absent: the core's item limit alone.
   */
  maxLines?: number;
  /** Typed by the person running the bot, at its own terminal or command line: not held to the abuse limits unless configured. */
  local?: boolean;
}

/**
 * How a line reached the bot. Only the adapter knows its network's conventions (a prefix, a nick, a mention pill, a
 * slash command), so it decides; the core reads only the result.
 */
export type AddressedBy = 'prefix' | 'name' | 'private' | 'slash';

export interface Addressed {
  /** The command line or question, without the prefix or the bot's name. */
  line: string;
  /** A `prefix` line is command syntax, so a typo gets a "did you mean"; the others may be questions in plain words. */
  by: AddressedBy;
}

export interface ReplyField {
  label: string;
  value: string;
}

/** One entry of a list answer (a post, a meeting, a test day). */
export interface ReplyItem {
  title: string;
  link?: string;
  /** Short context: date, author, person. */
  meta?: string;
  summary?: string;
  fields?: ReplyField[];
  /** Why a search matched, for search answers. */
  match?: string;
  /** Instant the item is about (a post's date, a meeting's start), for --json and calendar rendering. */
  when?: DateTime;
}

export type ReplyKind = 'answer' | 'list' | 'help' | 'error' | 'notice';

/** What is left of a cut reply: how many items, the command that shows them, and a page listing all, if one exists. */
export interface ReplyMore {
  count: number;
  /** The command, as written where it was asked (`!more`, `/rdo more`), when the rest is kept for it. */
  command?: string;
  /** A page that really lists them all; never a site's front page standing in for one. */
  link?: string;
}

/**
 * A typed answer. Adapters render it natively (IRC text, Slack blocks, Matrix HTML);
 * `text` alone must always make sense as a plain fallback.
 */
export interface Reply {
  kind: ReplyKind;
  text: string;
  link?: string;
  fields?: ReplyField[];
  items?: ReplyItem[];
  /**
   * `inline`: the items are short names (a command list) that line-based networks put on one line after the text;
   * rich renderers still list them with their summaries. Default: one item per line.
   */
  layout?: 'lines' | 'inline';
  /** A closing remark after the items (how to get details), said once. */
  note?: string;
  /** Items that were cut by length limits, and how to see them. */
  more?: ReplyMore;
  /** Error code for kind 'error'. */
  code?: ErrorCode;
  /** One piece that is never cut for `!more` (the help for one command): read whole or not at all. */
  whole?: boolean;
  /** A later page of a cut list (`!more`): line-based renderers leave out its "(continued)" header to save a line. */
  continued?: boolean;
  /** Instants shown in the text, exactly as written there, so an adapter can render them natively (Slack's date token). */
  times?: ShownTime[];
  /**
   * An acknowledgement (a meeting command noted): a send queue that is full sheds it before anything else, and it is
   * never worth waiting for. Minutes, answers and reminders are not droppable.
   */
  droppable?: boolean;
  /** Called by the adapter once the reply has left for the network (after any send queue), for a log of what was said when. */
  sent?: () => void;
  /** Set the room's topic to this (IRC, where allowed by a setting); `restore` puts back the topic it replaced. */
  topic?: { set: string } | { restore: true };
}

/** One instant as a reply shows it: `text` occurs verbatim in the reply's text, items or fields. */
export interface ShownTime {
  text: string;
  /** Epoch milliseconds. */
  at: number;
}

export type ErrorCode =
  | 'UNKNOWN_COMMAND'
  | 'BAD_ARGUMENTS'
  | 'BAD_OPTION'
  | 'NOT_FOUND'
  | 'DENIED'
  | 'RATE_LIMITED'
  | 'TOO_LONG'
  | 'INTERNAL';

/** A user-facing failure: its message is shown as is, in one line. */
export class BotError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BotError';
  }
}

export type { Clock } from './clock.js';

export interface ArgSpec {
  name: string;
  description: string;
  required?: boolean;
  /** Takes the rest of the line (search words). */
  rest?: boolean;
  /** Free text said on as typed (an announcement): a trailing '!' or '?' is part of it. */
  verbatim?: boolean;
  /** Accepts only a positive whole number. */
  integer?: boolean;
}

export type OptionType = 'string' | 'flag' | 'zone' | 'integer';

export interface OptionSpec {
  name: string;
  type: OptionType;
  description: string;
}

export type OptionValues = Record<string, string | number | boolean | undefined>;

export interface CommandContext {
  message: Message;
  /** Positional arguments, by ArgSpec name; a `rest` arg joins the remaining words. */
  args: Record<string, string | number | undefined>;
  options: OptionValues;
  now: DateTime;
  /** The reply's time zone: --tz if given, else the asker's own (!tz, their Slack profile), else the configured default. */
  zone: string;
  /** Where `zone` came from, so an answer can say "in your zone (set with !tz)". */
  zoneSource?: ZoneSource;
  /** The asker's role here (help shows admin commands to admins only). */
  role: Role;
  /** A command line as the asker writes it here: `command('help meeting')` is `!help meeting` on IRC, `/rdo help meeting` in Slack. */
  command(line: string): string;
}

export type ZoneSource = 'option' | 'user' | 'session' | 'network' | 'default';

export interface CommandSpec {
  family: string;
  /** Subcommand; '' for the family's default action. */
  name: string;
  summary: string;
  args?: ArgSpec[];
  options?: OptionSpec[];
  examples?: string[];
  aliases?: string[];
  /** The family's default: what the family name alone runs (`!interview` is `!interview latest`). */
  isDefault?: boolean;
  /** What the whole family is about, for the command list (given on one of its specs). */
  familySummary?: string;
  permission?: Role;
  /**
   * Running it changes what the bot keeps (a subscription, a zone, a reminder): a question about how to do it ("how do
   * I subscribe …?") is answered with its help, never by running it.
   */
  changesState?: boolean;
  /** How people ask for this command in plain words; the question matcher reads only these (src/core/intents.ts). */
  intents?: IntentSpec[];
  /** Set on the commands of a plugin loaded from outside (RDOBOT_PLUGINS): !help and the log name it. */
  plugin?: { name: string; version: string };
  handler(ctx: CommandContext): Reply | Promise<Reply>;
}

/**
 * A plain-language way of asking for a command. The matcher adds up the weights of the cues a question contains;
 * a command is a candidate only when one of its `needs` appears. Words left over (not cues, not filler, not a zone
 * or a day) fill `slot`.
 */
export interface IntentSpec {
  /** Example questions, written as people ask them; each must map back to this command (tested). */
  phrasings: string[];
  /** At least one of these (words or phrases, root forms) must be in the question. */
  needs: string[];
  /** Words or phrases and how much each points to this command (default 1 each for `needs`). */
  cues?: Record<string, number>;
  /**
   * The argument that takes the leftover words (a person, topic or meeting), and whether the intent needs them;
   * `after`: everything typed after the last cue instead, as typed ("remind me <in 10 minutes to call Bob>").
   */
  slot?: { arg: string; required?: boolean; after?: boolean };
  /** The argument a day named in the question fills (today, tomorrow, a weekday). */
  daySlot?: string;
  /** The argument a zone named in the question fills (`!tz set`); otherwise a named zone becomes `--tz`. */
  zoneSlot?: string;
  /** Arguments added as given when this intent is chosen. */
  fixed?: string[];
}

/** What every network adapter implements. Adapters translate (what addresses the bot is part of their network's language); the core decides. */
export interface Adapter {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Proactive send (reminders, announcements) into a room of this network. With a handoff the message is promised:
   * the adapter calls `handoff.claim()` at the instant it hands the message to a live connection and sends what that
   * returns as exactly one message (nothing when it returns null); if it stops first it rejects with SendAborted.
   */
  send(room: string, reply: Reply, handoff?: Handoff): Promise<void>;
  /**
   * Proactive send to one person, privately (IRC query, Matrix direct room, Slack DM): the reminders they asked for.
   * `user` is their identity id (IRC services account, MXID, Slack team/user id), `name` the name last seen for them.
   * A handoff is claimed as for send().
   */
  sendPrivate?(user: string, name: string, reply: Reply, handoff?: Handoff): Promise<void>;
  /** Connection state for /healthz, /metrics and !status (optional: an adapter without it counts as connected). */
  status?(): AdapterStatus;
}

export interface AdapterStatus {
  connected: boolean;
  /** Reconnections since start. */
  reconnects: number;
  /** A short human note: server, rooms joined, last error. Never a secret. */
  detail?: string;
}

/**
 * A promised message (a reminder, an announcement) on its way to a network. It is claimed at the moment an adapter
 * hands it to a live connection, never while it merely waits in a queue: a crash then costs at most the one message
 * being written, and whatever was still queued is simply due again at the next start.
 */
export interface Handoff {
  /**
   * Called by the adapter at most once, right before the message goes onto a live connection (IRC: as its line
   * leaves the flood queue onto a socket that has shown it is alive). Returns the reply as of this instant (a
   * reminder counts "starts in" from here), or null when it must not be sent (claimed before, or too late). With a
   * handoff an adapter sends exactly one message — one IRC line, one Matrix event, one Slack message — so a promised
   * message is never cut in half.
   */
  claim(): Reply | null;
}
