import type { Clock, Identity, Message, Rename, Reply, Role } from '../core/types.js';
import { meetingMayHear } from './heard.js';
import { cleanLine, truncate } from '../core/sanitize.js';
import type { Logger } from '../base/log.js';
import { DEFAULT_STALE_MS } from '../config/meetings.js';
import { silentLogger } from '../base/log.js';
import type { Meeting } from '../schedule/types.js';
import { commandTable, MEETBOT_COMMANDS, meetbotLine, type Does, type MeetbotCommand } from './commands-table.js';
import { chairNicks, definitionAt, definitionNamed, nowUtc } from './definition.js';
import { parseAction } from './owners.js';
import { isStorageFailure } from './storage-failure.js';
import { ballotChoice, parseVote, voteResults, voteText } from './votes.js';
import { PRIVATE } from './privacy.js';
import type { PluginMeetingCommand, PluginSection } from './plugin-additions.js';
import type { MeetingRow, MeetingStore } from './store.js';
import type { MinutesPublisher, Published } from './publish.js';

/**
 * What the end of a meeting says about its files: the main addresses after `lead` in its text, the others as fields.
 * Never droppable: it is the one line of a meeting that must reach the room.
 */
export function publishedReply(lead: string, files: Published): Reply {
  if (files.links.length === 0) return { kind: 'notice', text: `${lead}This room is not public: its minutes are kept, not published (!minutes here shows them).` };
  const text = files.links.filter((l) => l.in === 'text').map((l) => `${l.label}: ${l.url}`).join(' · ');
  return { kind: 'notice', text: `${lead}${text}`, fields: files.links.filter((l) => l.in === 'field').map((l) => ({ label: l.label, value: l.url })) };
}

export interface RecorderOptions {
  store: MeetingStore;
  clock: Clock;
  /** The bot's own name, for its lines in the log. */
  nick: string;
  definitions: () => Meeting[];
  /**
   * The minutes and log files: written at #endmeeting; at #save, of a meeting still running, at the same addresses
   * (replaced by the final files at #endmeeting); taken away from the web server's reach at #restrictlogs.
   */
  files: MinutesPublisher;
  /** Open actions changed (a meeting ended, one was done): reminders plan again. */
  changed?: () => void;
  /** Say something in a room outside a reply (a meeting closed for being left open). */
  say?: (network: string, room: string, reply: Reply) => Promise<void>;
  logger?: Logger;
  /** An action's owner was seen under this name: where their private reminder finds them (an IRC account's nick). */
  seen?: (network: string, id: string, name: string) => void;
  /** A meeting with no line for this long is closed with a note. */
  staleMs?: number;
  /** The role the network and the configured admins give this person here: admins and channel operators may end or take over any meeting. */
  role?: (message: Message) => Role;
}

/** Longest line kept in the log and longest item text (a Slack message may be 40,000 characters). */
const MAX_LINE = 4_000;
const MAX_ITEM = 1_000;

/** A chair: the name shown, and the identity that holds the chair ('' until the named person first speaks). */
interface Chair {
  nick: string;
  key: string;
}

interface Active {
  row: MeetingRow;
  chairs: Chair[];
  seq: number;
  items: number;
  /** Everyone seen in the meeting, by lower-cased name: their name as written, their identity (`network:id`) and chair key. */
  people: Map<string, { nick: string; who: string; key: string }>;
  /** The seq of the line being handled: items record the line they were said on. */
  line: number;
}

/**
 * Who a person is for chairs: the account where the network has one; on IRC without services, the connection the
 * adapter follows across nick changes (never inherited by whoever takes the nick); else the name.
 */
export function chairKey(m: { network: string; user: Identity }): string {
  if (m.user.verified) return `${m.network}:${m.user.id}`;
  if (m.user.session) return `${m.network}~${m.user.session}`;
  return `${m.network}:${m.user.id}`;
}

/** Lines kept to record again while the storage fails, at most (beyond this the oldest are dropped, and logged). */
const MAX_PENDING = 5_000;
const STORAGE_PROBLEM = 'I could not record that: storage problem. I keep it and will record it when the storage works again.';

/** A line that could not be recorded, kept in order to record again: with the meeting it belongs to. */
interface Pending {
  a: Active;
  message: Message;
  at: number;
}

const roomKey = (network: string, room: string) => `${network}\u0000${room}`;
const lower = (s: string) => s.toLowerCase();
const slugName = (name: string) => name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'meeting';
const short = (text: string, n = 60) => truncate(cleanLine(text), n);
/**
 * An acknowledgement: obeys the rate guard and is shed first by a full send queue. Only the end of a meeting (its
 * minutes' addresses) is never dropped.
 */
const notice = (text: string): Reply => ({ kind: 'notice', text, droppable: true });
/** A refusal or a usage hint. */
const hint = notice;
/** Said about the storage: not an acknowledgement, so neither shed nor rate-limited. */
const firm = (text: string): Reply => ({ kind: 'notice', text });
const nicksOf = (chairs: Chair[]) => chairs.map((c) => c.nick);
/** URLs at the start of a line are links, as MeetBot records them without #link. */
const URL_LINE = /^\s*(?:https?|ftp|irc|ircs|ssh|mailto):\/\/\S+/i;
/** People's names as a list in a reply: each one cleaned of control characters. */
const list = (names: string[]) => names.map((n) => cleanLine(n)).join(', ');
/** "#rdo"-style names or words in `#chair a b`, `#nick a, b`. */
const namesIn = (rest: string) => rest.split(/[\s,]+/).map((n) => n.replace(/^@/, '')).filter((n) => /^[\p{L}\p{N}_\-\[\]\\`^{}|.]+$/u.test(n)).slice(0, 20);

type Handler = (a: Active, m: Message, rest: string, at: number) => Reply | null;

/**
 * Runs MeetBot-style meetings: sees every line of a room, records lines and items as they arrive (persisted before
 * acknowledged), and publishes the minutes at #endmeeting.
 */
export class MeetingRecorder {
  private readonly active = new Map<string, Active>();
  private readonly log: Logger;
  private readonly staleMs: number;
  /** Rows of the item kinds (#info …) and of plugins' commands are run by run() itself. */
  private readonly handlers: Record<Exclude<Does, 'item' | 'plugin'>, Handler>;
  /** MeetBot's commands, then the plugins'. */
  private commands: Readonly<Record<string, MeetbotCommand>> = MEETBOT_COMMANDS;
  private pending: Pending[] = [];

  constructor(private readonly o: RecorderOptions) {
    this.log = o.logger ?? silentLogger();
    this.staleMs = o.staleMs ?? DEFAULT_STALE_MS;
    this.handlers = {
      start: (a, m) => {
        // Admins and channel operators take over a meeting someone else holds (a squatter's): they become its chair.
        if (this.overrides(m) && !this.isChair(a, m)) return this.setChairs(a, [...a.chairs, { nick: m.user.name, key: chairKey(m) }]);
        return hint(`A meeting is already running here: ${cleanLine(a.row.name)} (started ${nowUtc(a.row.started).toFormat('HH:mm')} UTC).`);
      },
      end: (a, m, rest, at) => {
        // A vote still open is closed first, its result kept with the minutes, as MeetBot does.
        const open = this.o.store.runningVote(a.row.id) ? this.handlers.endvote(a, m, rest, at) : null;
        const ended = this.end(a, at, null);
        return open ? { ...ended, text: `${open.text} ${ended.text}` } : ended;
      },
      topic: (a, m, rest, at) => {
        this.item(a, 'topic', m, rest, at);
        const title = a.row.meeting_topic ? `${a.row.meeting_topic} (Meeting topic: ${rest})` : rest;
        return { ...notice(`Topic: ${short(rest, 120)}`), topic: { set: short(title, 300) } };
      },
      meetingtopic: (a, _m, rest) => {
        // `#meetingtopic none` (or unset) takes it away, as in MeetBot.
        const topic = /^(?:none|unset)$/i.test(rest.trim()) ? null : truncate(cleanLine(rest), 200);
        if (topic === null) {
          this.o.store.update(a.row.id, { meeting_topic: null });
          a.row.meeting_topic = null;
          return notice('Meeting topic removed.');
        }
        this.o.store.update(a.row.id, { meeting_topic: topic });
        a.row.meeting_topic = topic;
        return { ...notice(`Meeting topic: ${topic}`), topic: { set: topic } };
      },
      action: (a, m, rest, at) => this.action(a, m, rest, at),
      chair: (a, _m, rest) =>
        this.setChairs(a, [
          ...a.chairs,
          // Someone seen in the meeting is named by who they are; a name not seen yet is bound when it first speaks.
          ...namesIn(rest)
            .filter((n) => !a.chairs.some((c) => lower(c.nick) === lower(n)))
            .map((n) => ({ nick: a.people.get(lower(n))?.nick ?? n, key: a.people.get(lower(n))?.key ?? '' })),
        ]),
      unchair: (a, _m, rest) => {
        const off = new Set(namesIn(rest).map(lower));
        const left = a.chairs.filter((c) => !off.has(lower(c.nick)));
        if (left.length === 0) return hint('A meeting needs at least one chair; #chair someone else first.');
        return this.setChairs(a, left);
      },
      undo: (a) => {
        const gone = this.o.store.undo(a.row.id);
        if (!gone) return hint('Nothing to undo.');
        a.items--;
        // A plugin's item is named by its section (`release-names/releases`: releases).
        return notice(`Removed the last item: ${gone.kind.slice(gone.kind.indexOf('/') + 1)} “${short(gone.text)}”.`);
      },
      // MeetBot's #meetingname names the files; the title stays what #startmeeting said.
      name: (a, _m, rest) => {
        const short = truncate(cleanLine(rest), 100);
        this.o.store.update(a.row.id, { short_name: short });
        a.row.short_name = short;
        return notice(`Meeting name set to: ${short}`);
      },
      here: () => null,
      nick: (a, m, rest, at) => {
        const names = namesIn(rest);
        for (const n of names) if (!a.people.has(lower(n))) a.people.set(lower(n), { nick: n, who: `${m.network}:${n}`, key: '' });
        this.o.store.item(a.row.id, at, 'present', m.user.name, names.join(', '), [], a.line);
        return null;
      },
      commands: () => {
        const hashed = (words: string[]) => words.map((w) => `#${w}`).join(' ');
        const plugins = Object.keys(this.commands).filter((w) => this.commands[w].plugin);
        // The plugins' words on a line of their own: MeetBot's alone nearly fill a line.
        return { ...notice(`Meeting commands: ${hashed(Object.keys(MEETBOT_COMMANDS))}`), ...(plugins.length ? { fields: [{ label: 'From plugins', value: hashed(plugins) }] } : {}) };
      },
      done: (a, m, rest, at) => this.done(a, m, rest, at),
      startvote: (a, m, rest, at) => {
        if (this.o.store.runningVote(a.row.id)) return hint('A vote is already open here: #endvote closes it first.');
        const { question, options } = parseVote(rest);
        const vote = this.o.store.openVote(a.row.id, truncate(cleanLine(question), 300), options.map((o) => truncate(cleanLine(o), 40)), at, a.line);
        this.item(a, 'info', m, `Vote: ${vote.question} (${options.join(', ')})`, at);
        return notice(voteText.opened(vote));
      },
      vote: (a, m, rest, at) => {
        const vote = this.o.store.runningVote(a.row.id);
        if (!vote) return hint('No vote is open (#startvote Question? option1, option2).');
        const choice = ballotChoice(vote, rest);
        if (!choice) return hint(`Not an option of this vote: ${short(rest, 40)}. The options: ${list(JSON.parse(vote.options) as string[])}.`);
        // One vote per person, by who they are: voting again (under another nick too) replaces the first.
        this.o.store.ballot(vote.id, chairKey(m), truncate(m.user.name, 100), choice, at);
        return null;
      },
      showvote: (a) => {
        const vote = this.o.store.runningVote(a.row.id);
        if (!vote) return hint('No vote is open.');
        return notice(voteText.results(vote, voteResults(vote, this.o.store.ballots(vote.id)), false));
      },
      endvote: (a, m, _rest, at) => {
        const vote = this.o.store.runningVote(a.row.id);
        if (!vote) return hint('No vote is open.');
        this.o.store.closeVote(vote.id, at);
        const text = voteText.results(vote, voteResults(vote, this.o.store.ballots(vote.id)), true);
        this.item(a, 'agreed', m, text, at);
        return notice(text);
      },
      lurk: (a) => {
        this.o.store.update(a.row.id, { lurk: 1 });
        a.row.lurk = 1;
        return null;
      },
      unlurk: (a) => {
        this.o.store.update(a.row.id, { lurk: 0 });
        a.row.lurk = 0;
        return notice('Speaking again: meeting commands are acknowledged.');
      },
      // As MeetBot's: the minutes and logs so far, at the meeting's addresses (every line is in the database already).
      save: (a) => this.saveSoFar(a),
      // MeetBot takes the read permissions off the files; here the minutes become private like a private room's, and
      // stay so whatever the room's settings: not served, not listed, shown by !minutes and !actions only here.
      restrictlogs: (a) => {
        this.o.store.update(a.row.id, { private: PRIVATE.restricted });
        a.row.private = PRIVATE.restricted;
        try {
          this.o.files.restrict(a.row);
        } catch (err) {
          this.log.error({ err, meeting: a.row.id }, 'minutes saved so far could not be taken away');
          return firm('Restricted: the minutes of this meeting are private, but files saved so far could not all be removed (the error is logged).');
        }
        return notice('Restricted: the minutes and logs of this meeting are kept privately, not published; !minutes here shows them.');
      },
    };
  }

  /**
   * The plugins' meeting commands, after MeetBot's (a word already taken is left out, and logged once). Given once,
   * after the plugins are hosted: the meeting commands then are MeetBot's and these.
   */
  addPluginCommands(commands: readonly PluginMeetingCommand[], sections: readonly PluginSection[]): void {
    this.commands = commandTable(commands, sections, (c, why) => this.log.warn({ plugin: c.plugin, word: c.word }, `meeting command #${c.word} of plugin ${c.plugin} left out: ${why}`));
  }

  /** A `/me` line is said about oneself, never a command ("/me #info …" is chat). */
  private commandOf(m: Message) {
    return m.emote ? null : meetbotLine(m.text, this.commands);
  }

  /** Meetings that were open when the bot stopped (or died): recording goes on. */
  resume(): MeetingRow[] {
    const rows = this.o.store.open();
    for (const row of rows) {
      const people = new Map<string, { nick: string; who: string; key: string }>();
      for (const l of this.o.store.lines(row.id)) if (!l.bot) people.set(lower(l.nick), { nick: l.nick, who: l.who, key: '' });
      const items = this.o.store.items(row.id).filter((i) => !i.removed).length;
      const nicks = JSON.parse(row.chairs) as string[];
      const keys = JSON.parse(row.chair_keys || '[]') as string[];
      // A connection followed on IRC ends with the process: such a chair is bound again by name when they next speak.
      const chairs = nicks.map((nick, i) => ({ nick, key: keys[i]?.includes('~') ? '' : (keys[i] ?? '') }));
      this.active.set(roomKey(row.network, row.room), { row, chairs, seq: this.o.store.lastSeq(row.id), items, people, line: 0 });
    }
    return rows;
  }

  /** The meeting running in a room, if any. */
  running(network: string, room: string): MeetingRow | undefined {
    return this.active.get(roomKey(network, room))?.row;
  }

  openMeetings(): MeetingRow[] {
    return [...this.active.values()].map((a) => a.row);
  }

  /**
   * Someone changed name (IRC NICK): a chair known by who they are is shown under the new name at once (refusals, the
   * chairs list, the minutes); a chair named before they spoke, or not yet bound again after a restart, is bound to
   * the one who held the name and carried it away, so whoever takes the old name next is no chair.
   */
  renamed(r: Rename): void {
    const key = chairKey(r);
    const name = truncate(r.user.name, 100);
    for (const a of this.active.values()) {
      if (a.row.network !== r.network) continue;
      const seen = a.people.get(lower(r.from));
      if (seen && seen.key === key) a.people.set(lower(name), { ...seen, nick: name });
      const chair = a.chairs.find((c) => c.key === key) ?? a.chairs.find((c) => c.key === '' && lower(c.nick) === lower(r.from));
      if (!chair || (chair.nick === name && chair.key === key)) continue;
      chair.nick = name;
      chair.key = key;
      try {
        this.saveChairs(a);
      } catch (err) {
        // Kept in memory: stored with the next change of chairs or line that works.
        this.log.error({ err, meeting: a.row.id }, 'a chair\'s new name could not be stored');
      }
    }
  }

  /** Every line of a room passes here first; a reply acknowledges a meeting command (null: nothing to say). */
  hear(message: Message): Reply | null {
    if (!meetingMayHear(message)) return null;
    const key = roomKey(message.network, message.room);
    const parsed = this.commandOf(message);
    const a = this.active.get(key);
    if (!a && parsed?.command.does !== 'start') return null;
    // The bot's clock, read once per line (not the network's timestamp): tests pin it, and every line of a meeting
    // is on one time line whichever network it came from.
    const at = this.o.clock.now().toMillis();
    this.retry();
    // Lines of a meeting with lines still waiting are kept behind them, in order.
    if (a && this.pending.some((p) => p.a === a)) return this.keep(a, message, at, parsed);
    try {
      return this.hearNow(a, message, at, parsed);
    } catch (err) {
      if (!isStorageFailure(err)) throw err;
      this.log.error({ err, adapter: message.network, channel: message.room, meeting: a?.row.id }, 'a meeting line could not be recorded; kept to try again');
      if (!a) return firm('I could not start the meeting: storage problem. Say #startmeeting again in a moment.');
      return this.keep(a, message, at, parsed);
    }
  }

  /** A line that could not be recorded: kept to try again, and said so; #endmeeting ends the meeting all the same. */
  private keep(a: Active, message: Message, at: number, parsed: ReturnType<typeof meetbotLine>): Reply | null {
    const first = !this.pending.some((p) => p.a === a);
    this.pending.push({ a, message, at });
    if (this.pending.length > MAX_PENDING) this.log.error({ meeting: this.pending.shift()!.a.row.id }, 'too many meeting lines waiting for the storage: the oldest is dropped');
    if (parsed?.command.does === 'end' && (!parsed.command.chair || this.isChair(a, message) || this.overrides(message))) {
      this.drop(a);
      return firm(`Meeting ended ${nowUtc(at).toFormat('yyyy-MM-dd HH:mm')} UTC. ${STORAGE_PROBLEM} The minutes will be written then, and I will say so here.`);
    }
    return parsed || first ? firm(STORAGE_PROBLEM) : null;
  }

  /** The meeting is no longer the room's running one (its end may still be waiting to be recorded). */
  private drop(a: Active): void {
    const key = roomKey(a.row.network, a.row.room);
    if (this.active.get(key) === a) this.active.delete(key);
  }

  /**
   * Record the lines kept while the storage failed, in order, as they would have been; stops at the first that still
   * fails. An #endmeeting among them ends its meeting and says where the minutes are. Returns how many remain.
   */
  retry(): number {
    while (this.pending.length) {
      const p = this.pending[0];
      try {
        const parsed = this.commandOf(p.message);
        const reply = this.hearNow(p.a, p.message, p.at, parsed, true);
        this.pending.shift();
        if (reply && !this.active.has(roomKey(p.a.row.network, p.a.row.room)) && parsed?.command.does === 'end') {
          void this.o.say?.(p.a.row.network, p.a.row.room, { ...reply, text: `The storage works again: ${reply.text}` }).catch((err: unknown) => this.log.warn({ err, meeting: p.a.row.id }, 'could not say the minutes are written'));
        }
      } catch (err) {
        if (!isStorageFailure(err)) {
          this.pending.shift();
          this.log.error({ err, meeting: p.a.row.id }, 'a kept meeting line could not be recorded and is dropped');
          continue;
        }
        break;
      }
    }
    return this.pending.length;
  }

  /** Record one line (and what it says) together or not at all. `replay`: a kept line, of a meeting maybe ended since. */
  private hearNow(a: Active | undefined, message: Message, at: number, parsed: ReturnType<typeof meetbotLine>, replay = false): Reply | null {
    // What is in memory follows what is stored: if the writes are rolled back (even at the commit), so is this.
    const saved = a && { seq: a.seq, line: a.line, items: a.items, chairs: a.chairs.map((c) => ({ ...c })), row: { ...a.row }, running: this.active.get(roomKey(a.row.network, a.row.room)) === a };
    let started: Active | undefined;
    try {
      const reply = this.o.store.atomically(() => {
        if (!a) {
          if (parsed?.command.does !== 'start') return null;
          started = this.start(message, parsed.rest, at);
          this.record(started, message, at);
          return this.say(started, this.startReply(started));
        }
        this.record(a, message, at);
        if (!parsed) {
          // A line that starts with an address is a link, as in MeetBot.
          if (!message.emote && URL_LINE.test(message.text)) this.item(a, 'link', message, message.text.trim(), at);
          return null;
        }
        // A kept #startmeeting of a meeting already running is only a line of it.
        if (replay && parsed.command.does === 'start') return null;
        const reply = this.run(a, message, parsed.word, parsed.command, parsed.rest, at);
        // #lurk: recorded, not said (refusals and hints included); the end of the meeting is always said.
        if (reply && a.row.lurk && parsed.command.does !== 'end' && parsed.command.does !== 'unlurk') return null;
        return this.say(a, reply);
      });
      if (started) this.active.set(roomKey(message.network, message.room), started);
      return reply;
    } catch (err) {
      if (a && saved) {
        Object.assign(a, { seq: saved.seq, line: saved.line, items: saved.items, chairs: saved.chairs });
        Object.assign(a.row, saved.row);
        if (saved.running && !this.active.has(roomKey(a.row.network, a.row.room))) this.active.set(roomKey(a.row.network, a.row.room), a);
      }
      throw err;
    }
  }

  private run(a: Active, m: Message, word: string, command: MeetbotCommand, rest: string, at: number): Reply | null {
    if (command.chair && !this.isChair(a, m) && !this.overrides(m)) return hint(`Only a chair (${list(nicksOf(a.chairs))}) can use #${word}.`);
    if (command.text && !rest) return hint(`#${word} needs words after it: ${command.summary}.`);
    if (command.does === 'item') {
      this.item(a, command.kind!, m, rest, at);
      return null;
    }
    if (command.does === 'plugin') return this.pluginCommand(a, m, word, command, rest, at);
    return this.handlers[command.does](a, m, rest, at);
  }

  /**
   * A plugin's command: its text recorded in its section first (what the meeting said is kept whatever the plugin does),
   * then what the plugin says back, as one line cleaned of line breaks and controls like every reply. A plugin that
   * throws is named in the channel and logged.
   */
  private pluginCommand(a: Active, m: Message, word: string, command: MeetbotCommand, rest: string, at: number): Reply | null {
    const c = command.plugin!;
    if (command.kind && rest) this.item(a, command.kind, m, rest, at);
    let said: unknown;
    try {
      said = c.handle?.({ text: rest, nick: m.user.name, meeting: { title: a.row.name, room: a.row.room } });
    } catch (err) {
      this.log.error({ err, plugin: c.plugin, word }, `meeting command #${word} of plugin ${c.plugin} failed`);
      return hint(`#${word} did not work: plugin ${c.plugin} failed (the error is logged).`);
    }
    const text = typeof said === 'string' ? truncate(cleanLine(said), 300) : '';
    return text ? notice(text) : null;
  }

  /** Admins and channel operators may end or take over any meeting. */
  private overrides(m: Message): boolean {
    const role = this.o.role?.(m) ?? 'everyone';
    return role === 'admin' || role === 'operator';
  }

  private isChair(a: Active, m: Message): boolean {
    const key = chairKey(m);
    if (a.chairs.some((c) => c.key === key)) return true;
    // A chair named before they spoke is bound to the first one to speak under that name.
    const pending = a.chairs.find((c) => c.key === '' && lower(c.nick) === lower(m.user.name));
    if (!pending) return false;
    pending.key = key;
    this.saveChairs(a);
    return true;
  }

  private record(a: Active, m: Message, at: number): void {
    const who = `${m.network}:${m.user.id}`;
    const key = chairKey(m);
    a.line = ++a.seq;
    // Text kept as said (no folding of spaces); only its length is bounded.
    this.o.store.line(a.row.id, a.line, at, truncate(m.user.name, 100), who, truncate(m.text, MAX_LINE), false, m.emote === true);
    a.people.set(lower(m.user.name), { nick: m.user.name, who, key });
    // A room made private during the meeting (a key set, a join rule changed) keeps its minutes private.
    if (m.roomPrivate && !a.row.private) this.o.store.update(a.row.id, { private: PRIVATE.room }), (a.row.private = PRIVATE.room);
    // A chair who changed nick is still the chair, shown under the new one; a pending chair is bound by name on first word.
    const chair = a.chairs.find((c) => c.key === key) ?? a.chairs.find((c) => c.key === '' && lower(c.nick) === lower(m.user.name));
    if (chair && (chair.nick !== m.user.name || chair.key !== key)) {
      chair.nick = truncate(m.user.name, 100);
      chair.key = key;
      this.saveChairs(a);
    }
  }

  /**
   * The bot's own line goes into the log too, as MeetBot's does, stamped when it is actually sent (after the send
   * queue), so it sits where it was said: an acknowledgement that leaves after #endmeeting is logged after it. A line
   * shed by a full queue, or never sent (a muted room), is not logged.
   */
  private say(a: Active, reply: Reply | null): Reply | null {
    if (!reply) return null;
    const sent = () => {
      // Called by the adapter once the line left: a storage failure then is logged, never thrown into the network.
      try {
        this.o.store.line(a.row.id, a.seq + 1, this.o.clock.now().toMillis(), this.o.nick, `bot:${this.o.nick}`, reply.text, true);
        a.seq++;
      } catch (err) {
        this.log.error({ err, meeting: a.row.id }, 'the bot\'s own meeting line could not be logged');
      }
    };
    return { ...reply, sent };
  }

  private item(a: Active, kind: Parameters<MeetingStore['item']>[2], m: Message, text: string, at: number, owners: string[] = []): number {
    const id = this.o.store.item(a.row.id, at, kind, truncate(m.user.name, 100), truncate(text, MAX_ITEM), owners, a.line || null);
    a.items++;
    return id;
  }

  private saveChairs(a: Active): void {
    this.o.store.update(a.row.id, { chairs: JSON.stringify(nicksOf(a.chairs)), chair_keys: JSON.stringify(a.chairs.map((c) => c.key)) });
  }

  private start(m: Message, rest: string, at: number): Active {
    const occurrence = definitionAt(this.o.definitions(), m.network, m.room, nowUtc(at));
    const def = occurrence?.meeting;
    const name = truncate(cleanLine(rest), 100) || def?.name || 'meeting';
    const defChairs = chairNicks(def?.chair);
    const chairs: Chair[] = [{ nick: truncate(m.user.name, 100), key: chairKey(m) }, ...defChairs.filter((c) => lower(c) !== lower(m.user.name)).map((nick) => ({ nick, key: '' }))];
    // Off its time, a meeting still belongs to the series its name says (an extra meeting of the week).
    const ofSeries = def ?? definitionNamed(this.o.definitions(), m.network, m.room, name);
    const named = ofSeries ? `def:${ofSeries.id}` : `${m.network}:${m.room}:${slugName(name)}`;
    // Someone who is no chair of the series (a squatter) starts a meeting of their own: it neither carries the series'
    // open actions nor adds to them, nor makes its chairs the series' chairs.
    const entitled = this.mayCarry(m, named, defChairs);
    const series = entitled ? named : `${named}~${chairKey(m)}`;
    const row = this.o.store.start({
      network: m.network,
      room: m.room,
      name,
      started: at,
      starter: m.user.name,
      chairs: JSON.stringify(nicksOf(chairs)),
      chair_keys: JSON.stringify(chairs.map((c) => c.key)),
      definition: ofSeries?.id ?? null,
      series,
      private: m.roomPrivate ? PRIVATE.room : PRIVATE.no,
    });
    const a: Active = { row, chairs, seq: 0, items: 0, people: new Map(), line: 0 };
    // Actions still open from earlier meetings of the series are carried, numbered for #done.
    const open = this.o.store.openActions(series);
    this.o.store.carry(row.id, [...new Set(open.map((x) => x.item))]);
    if (def?.agendaUrl) this.item(a, 'link', m, `Agenda: ${def.agendaUrl}`, at);
    this.log.info({ adapter: m.network, channel: m.room, meeting: row.id, name, definition: def?.id }, 'meeting started');
    return a;
  }

  /**
   * Whether the one starting a meeting of a series may hold it (and its open actions): a chair of its definition or of
   * its last meeting, an admin or an operator; anyone for a series' first meeting.
   */
  private mayCarry(m: Message, series: string, defChairs: string[]): boolean {
    if (this.overrides(m) || defChairs.some((c) => lower(c) === lower(m.user.name))) return true;
    const last = this.o.store.ended().find((r) => r.series === series);
    if (!last) return true;
    const key = chairKey(m);
    const keys = JSON.parse(last.chair_keys || '[]') as string[];
    return (JSON.parse(last.chairs) as string[]).some((nick, i) => {
      const k = keys[i] ?? '';
      if (k === key) return true;
      // A chair known by an account must come back with it; one known by name only, or by an IRC connection that has
      // since ended, is known by that name again.
      const byAccount = k !== '' && !k.includes('~') && k !== `${last.network}:${nick}`;
      return !byAccount && lower(nick) === lower(m.user.name);
    });
  }

  private startReply(a: Active): Reply {
    const carried = this.o.store.carried(a.row.id);
    // One line per open action, numbered as #done takes them. A list, not a notice: a notice's items are details every
    // renderer may leave out, a list's items are its lines.
    const items = carried.map((c) => ({ title: `${c.n}. ${list(c.actions.map((x) => x.owner).filter(Boolean)) || 'unassigned'}: ${short(c.actions[0]?.text ?? '', 150)}` }));
    return {
      kind: items.length ? 'list' : 'notice',
      droppable: true,
      text:
        `Meeting started ${nowUtc(a.row.started).toFormat('yyyy-MM-dd HH:mm:ss')} UTC: ${cleanLine(a.row.name)}. Chairs: ${list(nicksOf(a.chairs))}. ` +
        `Useful commands: #topic #info #idea #link #action #agreed #startvote #undo #endmeeting (#commands for all).` +
        (carried.length ? ` Open from last time (#done <n> closes one):` : ''),
      ...(items.length ? { items } : {}),
    };
  }

  private setChairs(a: Active, chairs: Chair[]): Reply {
    a.chairs = chairs.slice(0, 20);
    this.saveChairs(a);
    return notice(`Current chairs: ${list(nicksOf(a.chairs))}.`);
  }

  private ownerKey(a: Active, m: Message, owner: string): string {
    const seen = a.people.get(lower(owner));
    if (seen) return seen.who;
    // Someone in the room who has not spoken: their id where the network lists the room's people (Matrix, Slack).
    const inRoom = m.roomPerson?.(owner);
    if (inRoom) return `${m.network}:${inRoom}`;
    // On IRC a nick without a services account is its own identity; elsewhere a name alone reaches nobody.
    return m.network === 'irc' ? `irc:${owner}` : '';
  }

  private action(a: Active, m: Message, rest: string, at: number): Reply | null {
    // Possible owners: everyone seen in the meeting or listed with #nick, and everyone in the room now.
    const inRoom = m.roomPeople?.() ?? [];
    const people = [...new Set([...[...a.people.values()].map((p) => p.nick), ...inRoom])].filter((n) => lower(n) !== lower(this.o.nick));
    // Someone in the room is known as one seen in the meeting is: "#action bob check the mirrors" is bob's "check the mirrors".
    const present = new Set(inRoom.map(lower));
    const { owners: named, text: said } = parseAction(rest, (n) => a.people.has(lower(n)) || present.has(lower(n)), people);
    const text = truncate(said, MAX_ITEM);
    const owners = named.map((n) => a.people.get(lower(n))?.nick ?? n);
    if (!text) return hint('#action needs what is to be done: #action nick: what to do.');
    const item = this.item(a, 'action', m, text, at, owners);
    for (const owner of owners.length ? owners : ['']) {
      this.o.store.addAction({ series: a.row.series, meeting: a.row.id, item, owner, owner_key: owner ? this.ownerKey(a, m, owner) : '', text });
    }
    // An action said again replaces the same one carried from last time.
    const same = (t: string) => t.toLowerCase().replace(/\s+/g, ' ').trim();
    for (const c of this.o.store.carried(a.row.id)) {
      if (c.actions.some((x) => x.state === 'open' && same(x.text) === same(text))) this.o.store.closeItem(c.item, 'replaced', a.row.id);
    }
    return null;
  }

  private done(a: Active, m: Message, rest: string, at: number): Reply {
    const n = /^#?(\d{1,4})\b/.exec(rest)?.[1];
    const carried = this.o.store.carried(a.row.id);
    const c = n ? carried.find((x) => x.n === Number(n)) : undefined;
    if (!c) return hint(carried.length ? `#done takes the number of an action open from last time (1–${carried.length}).` : 'Nothing is open from last time.');
    if (!this.isChair(a, m) && !this.overrides(m) && !c.actions.some((x) => this.owns(x, m))) {
      return hint(`Only a chair (${list(nicksOf(a.chairs))}) or the action's owner can close action ${c.n}.`);
    }
    this.o.store.closeItem(c.item, 'done', a.row.id);
    this.item(a, 'done', m, `${c.n}. ${c.actions.map((x) => x.owner).filter(Boolean).join(', ') || 'unassigned'}: ${c.actions[0]?.text ?? ''}`, at);
    return notice(`Done: action ${c.n} from last time.`);
  }

  /** Whether this person owns an action: by identity where it is known, else (a name alone on IRC) by that name. */
  private owns(action: { owner: string; owner_key: string }, m: Message): boolean {
    if (!action.owner) return false;
    if (action.owner_key === `${m.network}:${m.user.id}`) return m.user.verified || lower(action.owner) === lower(m.user.name);
    return !m.user.verified && action.owner_key === '' && lower(action.owner) === lower(m.user.name);
  }

  private end(a: Active, at: number, note: string | null): Reply {
    const store = this.o.store;
    // The meeting is over whatever fails below: the room may start the next one.
    this.drop(a);
    // Owners who spoke after their action was given are now known by their identity.
    for (const action of store.actionsOf(a.row.id)) {
      const seen = a.people.get(lower(action.owner));
      if (!seen) continue;
      if (seen.who !== action.owner_key) store.setOwnerKey(action.id, seen.who);
      const colon = seen.who.indexOf(':');
      this.o.seen?.(seen.who.slice(0, colon), seen.who.slice(colon + 1), seen.nick);
    }
    store.update(a.row.id, { ended: at, ...(note ? { note } : {}) });
    a.row.ended = at;
    const row = store.meeting(a.row.id)!;
    let reply: Reply;
    try {
      reply = publishedReply(`${note ? `${note} ` : ''}Meeting ended ${nowUtc(at).toFormat('yyyy-MM-dd HH:mm')} UTC. `, this.o.files.publish(row));
    } catch (err) {
      this.log.error({ err, meeting: row.id }, 'minutes could not be written; they will be written again until they are');
      reply = firm(`Meeting ended ${nowUtc(at).toFormat('yyyy-MM-dd HH:mm')} UTC. The minutes could not be written yet (the error is logged); everything said is kept, and I will write them as soon as I can and say so here.`);
    }
    this.log.info({ adapter: row.network, channel: row.room, meeting: row.id }, 'meeting ended');
    this.o.changed?.();
    // The channel topic the meeting set (where the adapter may set it) is put back.
    return this.say(a, { ...reply, topic: { restore: true } })!;
  }

  /** #save: write the minutes so far where the final ones will be, and say where (a private room's: kept, not published). */
  private saveSoFar(a: Active): Reply {
    const row = this.o.store.meeting(a.row.id) ?? a.row;
    try {
      return { ...publishedReply('Minutes so far saved. ', this.o.files.publish(row, true)), droppable: true };
    } catch (err) {
      this.log.error({ err, meeting: row.id }, 'minutes so far could not be written');
      return firm('I could not write the minutes so far (the error is logged); everything said is kept, and #endmeeting writes them.');
    }
  }

  /** Write an ended meeting's minutes again (they could not be written when it ended). */
  republish(row: MeetingRow): Published {
    return this.o.files.publish(row);
  }

  /** Close meetings left open with no line for the configured time; each gets a note in its minutes. */
  async closeStale(): Promise<number> {
    const now = this.o.clock.now().toMillis();
    let closed = 0;
    for (const a of [...this.active.values()]) {
      const last = this.o.store.lastLineAt(a.row.id) ?? a.row.started;
      if (now - last < this.staleMs) continue;
      const hours = Math.round((this.staleMs / 3_600_000) * 10) / 10;
      let reply: Reply;
      try {
        reply = this.o.store.atomically(() => this.end(a, last, `Closed automatically: nobody said #endmeeting and nothing was said for ${hours} h.`));
      } catch (err) {
        if (!isStorageFailure(err)) throw err;
        // Still open in the store: it is closed at a later check, when the storage works again.
        this.active.set(roomKey(a.row.network, a.row.room), a);
        a.row.ended = null;
        this.log.error({ err, meeting: a.row.id }, 'a stale meeting could not be closed (storage); trying again later');
        continue;
      }
      reply.sent?.();
      closed++;
      await this.o.say?.(a.row.network, a.row.room, reply).catch((err: unknown) => this.log.warn({ err, meeting: a.row.id }, 'could not say the meeting was closed'));
    }
    return closed;
  }
}
