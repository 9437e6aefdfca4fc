import type { Clock, Message, Reply } from '../core/types.js';
import { cleanLine, truncate } from '../core/sanitize.js';
import type { Logger } from '../base/log.js';
import { silentLogger } from '../base/log.js';
import type { Meeting } from '../schedule/types.js';
import { MEETBOT_COMMANDS, meetbotLine, type Does, type MeetbotCommand } from './commands-table.js';
import { chairNicks, definitionAt, definitionNamed, nowUtc } from './definition.js';
import { parseAction } from './owners.js';
import { isStorageFailure } from './storage-failure.js';
import type { MeetingRow, MeetingStore } from './store.js';

/** Where a published meeting's files are reached, one address per format (none: kept privately, not served). */
export interface Published {
  links: { label: string; url: string; in: 'text' | 'field' }[];
}

/** What the end of a meeting says about its files: the main addresses after `lead` in its text, the others as fields. */
export function publishedReply(lead: string, files: Published): Reply {
  if (files.links.length === 0) return notice(`${lead}This room is not public: its minutes are kept, not published (!minutes here shows them).`);
  const text = files.links.filter((l) => l.in === 'text').map((l) => `${l.label}: ${l.url}`).join(' · ');
  return { kind: 'notice', text: `${lead}${text}`, fields: files.links.filter((l) => l.in === 'field').map((l) => ({ label: l.label, value: l.url })) };
}

export interface RecorderOptions {
  store: MeetingStore;
  clock: Clock;
  /** The bot's own name, for its lines in the log. */
  nick: string;
  definitions: () => Meeting[];
  /** Write the minutes and log files of an ended meeting; their addresses. */
  publish: (meeting: MeetingRow) => Published;
  /** Open actions changed (a meeting ended, one was done): reminders plan again. */
  changed?: () => void;
  /** Say something in a room outside a reply (a meeting closed for being left open). */
  say?: (network: string, room: string, reply: Reply) => Promise<void>;
  logger?: Logger;
  /** An action's owner was seen under this name: where their private reminder finds them (an IRC account's nick). */
  seen?: (network: string, id: string, name: string) => void;
  /** A meeting with no line for this long is closed with a note. */
  staleMs?: number;
}

export const DEFAULT_STALE_MS = 4 * 3_600_000;
/** Longest line kept in the log and longest item text (a Slack message may be 40,000 characters). */
const MAX_LINE = 4_000;
const MAX_ITEM = 1_000;

interface Active {
  row: MeetingRow;
  chairs: string[];
  seq: number;
  items: number;
  /** Everyone seen in the meeting, by lower-cased name: their name as written and their identity key. */
  people: Map<string, { nick: string; who: string }>;
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
const notice = (text: string): Reply => ({ kind: 'notice', text });
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
  private readonly handlers: Record<Does, Handler>;
  private pending: Pending[] = [];

  constructor(private readonly o: RecorderOptions) {
    this.log = o.logger ?? silentLogger();
    this.staleMs = o.staleMs ?? DEFAULT_STALE_MS;
    this.handlers = {
      start: (a) => notice(`A meeting is already running here: ${cleanLine(a.row.name)} (started ${nowUtc(a.row.started).toFormat('HH:mm')} UTC).`),
      end: (a, _m, _r, at) => this.end(a, at, null),
      topic: (a, m, rest, at) => (this.item(a, 'topic', m, rest, at), notice(`Topic: ${short(rest, 120)}`)),
      item: () => null, // replaced per kind below
      action: (a, m, rest, at) => this.action(a, m, rest, at),
      chair: (a, _m, rest) => this.setChairs(a, [...a.chairs, ...namesIn(rest).filter((n) => !a.chairs.some((c) => lower(c) === lower(n)))]),
      unchair: (a, _m, rest) => {
        const off = new Set(namesIn(rest).map(lower));
        const left = a.chairs.filter((c) => !off.has(lower(c)));
        if (left.length === 0) return notice('A meeting needs at least one chair; #chair someone else first.');
        return this.setChairs(a, left);
      },
      undo: (a) => {
        const gone = this.o.store.undo(a.row.id);
        if (!gone) return notice('Nothing to undo.');
        a.items--;
        return notice(`Removed the last item: ${gone.kind} “${short(gone.text)}”.`);
      },
      name: (a, _m, rest) => {
        const name = truncate(cleanLine(rest), 100);
        this.o.store.update(a.row.id, { name });
        a.row.name = name;
        return notice(`The meeting name is now: ${name}`);
      },
      here: (_a, m) => notice(`Noted as present: ${cleanLine(m.user.name)}.`),
      nick: (a, m, rest, at) => {
        const names = namesIn(rest);
        for (const n of names) if (!a.people.has(lower(n))) a.people.set(lower(n), { nick: n, who: `${m.network}:${n}` });
        this.o.store.item(a.row.id, at, 'present', m.user.name, names.join(', '), []);
        return notice(`Noted as present: ${list(names)}.`);
      },
      commands: () => notice(`Meeting commands: ${Object.keys(MEETBOT_COMMANDS).map((w) => `#${w}`).join(' ')}`),
      done: (a, m, rest, at) => this.done(a, m, rest, at),
    };
  }

  /** Meetings that were open when the bot stopped (or died): recording goes on. */
  resume(): MeetingRow[] {
    const rows = this.o.store.open();
    for (const row of rows) {
      const people = new Map<string, { nick: string; who: string }>();
      for (const l of this.o.store.lines(row.id)) if (!l.bot) people.set(lower(l.nick), { nick: l.nick, who: l.who });
      const items = this.o.store.items(row.id).filter((i) => !i.removed).length;
      this.active.set(roomKey(row.network, row.room), { row, chairs: JSON.parse(row.chairs) as string[], seq: this.o.store.lastSeq(row.id), items, people });
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

  /** Every line of a room passes here first; a reply acknowledges a meeting command (null: nothing to say). */
  hear(message: Message): Reply | null {
    if (message.isPrivate || message.user.isBot) return null;
    const key = roomKey(message.network, message.room);
    const parsed = meetbotLine(message.text);
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
      if (!a) return notice('I could not start the meeting: storage problem. Say #startmeeting again in a moment.');
      return this.keep(a, message, at, parsed);
    }
  }

  /** A line that could not be recorded: kept to try again, and said so; #endmeeting ends the meeting all the same. */
  private keep(a: Active, message: Message, at: number, parsed: ReturnType<typeof meetbotLine>): Reply | null {
    const first = !this.pending.some((p) => p.a === a);
    this.pending.push({ a, message, at });
    if (this.pending.length > MAX_PENDING) this.log.error({ meeting: this.pending.shift()!.a.row.id }, 'too many meeting lines waiting for the storage: the oldest is dropped');
    if (parsed?.command.does === 'end' && (!parsed.command.chair || this.isChair(a, message.user.name))) {
      this.drop(a);
      return notice(`Meeting ended ${nowUtc(at).toFormat('yyyy-MM-dd HH:mm')} UTC. ${STORAGE_PROBLEM} The minutes will be written then, and I will say so here.`);
    }
    return parsed || first ? notice(STORAGE_PROBLEM) : null;
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
        const reply = this.hearNow(p.a, p.message, p.at, meetbotLine(p.message.text), true);
        this.pending.shift();
        if (reply && !this.active.has(roomKey(p.a.row.network, p.a.row.room)) && meetbotLine(p.message.text)?.command.does === 'end') {
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
    const saved = a && { seq: a.seq, items: a.items, chairs: a.chairs, name: a.row.name, ended: a.row.ended, private: a.row.private, running: this.active.get(roomKey(a.row.network, a.row.room)) === a };
    let started: Active | undefined;
    try {
      const reply = this.o.store.atomically(() => {
        if (!a) {
          if (parsed?.command.does !== 'start') return null;
          started = this.start(message, parsed.rest, at);
          this.record(started, message, at);
          return this.say(started, this.startReply(started), at, false, true);
        }
        this.record(a, message, at);
        if (!parsed) return null;
        // A kept #startmeeting of a meeting already running is only a line of it.
        if (replay && parsed.command.does === 'start') return null;
        return this.say(a, this.run(a, message, parsed.word, parsed.command, parsed.rest, at), at, replay);
      });
      if (started) this.active.set(roomKey(message.network, message.room), started);
      return reply;
    } catch (err) {
      if (a && saved) {
        Object.assign(a, { seq: saved.seq, items: saved.items, chairs: saved.chairs });
        Object.assign(a.row, { name: saved.name, ended: saved.ended, private: saved.private });
        if (saved.running && !this.active.has(roomKey(a.row.network, a.row.room))) this.active.set(roomKey(a.row.network, a.row.room), a);
      }
      throw err;
    }
  }

  private run(a: Active, m: Message, word: string, command: MeetbotCommand, rest: string, at: number): Reply | null {
    if (command.chair && !this.isChair(a, m.user.name)) return notice(`Only a chair (${list(a.chairs)}) can use #${word}.`);
    if (command.text && !rest) return notice(`#${word} needs words after it: ${command.summary}.`);
    if (command.does === 'item') {
      this.item(a, command.kind!, m, rest, at);
      return notice(`Noted (${command.kind} ${a.items}).`);
    }
    return this.handlers[command.does](a, m, rest, at);
  }

  private isChair(a: Active, nick: string): boolean {
    return a.chairs.some((c) => lower(c) === lower(nick));
  }

  private record(a: Active, m: Message, at: number): void {
    const who = `${m.network}:${m.user.id}`;
    this.o.store.line(a.row.id, a.seq + 1, at, truncate(m.user.name, 100), who, truncate(m.text, MAX_LINE));
    a.seq++;
    a.people.set(lower(m.user.name), { nick: m.user.name, who });
    // A room made private during the meeting (a key set, a join rule changed) keeps its minutes private.
    if (m.roomPrivate && !a.row.private) this.o.store.update(a.row.id, { private: 1 }), (a.row.private = 1);
  }

  /** The bot's own acknowledgement goes into the log too, as MeetBot's does. */
  private say(a: Active, reply: Reply | null, at: number, replay = false, starting = false): Reply | null {
    if (reply && (replay ? a.row.ended === null : starting || this.active.get(roomKey(a.row.network, a.row.room)) === a)) {
      this.o.store.line(a.row.id, a.seq + 1, at, this.o.nick, `bot:${this.o.nick}`, reply.text, true);
      a.seq++;
    }
    return reply;
  }

  private item(a: Active, kind: Parameters<MeetingStore['item']>[2], m: Message, text: string, at: number, owners: string[] = []): number {
    const id = this.o.store.item(a.row.id, at, kind, truncate(m.user.name, 100), truncate(text, MAX_ITEM), owners);
    a.items++;
    return id;
  }

  private start(m: Message, rest: string, at: number): Active {
    const occurrence = definitionAt(this.o.definitions(), m.network, m.room, nowUtc(at));
    const def = occurrence?.meeting;
    const name = truncate(cleanLine(rest), 100) || def?.name || 'meeting';
    const chairs = [m.user.name, ...chairNicks(def?.chair).filter((c) => lower(c) !== lower(m.user.name))];
    // Off its time, a meeting still belongs to the series its name says (an extra meeting of the week).
    const ofSeries = def ?? definitionNamed(this.o.definitions(), m.network, m.room, name);
    const series = ofSeries ? `def:${ofSeries.id}` : `${m.network}:${m.room}:${slugName(name)}`;
    const row = this.o.store.start({ network: m.network, room: m.room, name, started: at, starter: m.user.name, chairs: JSON.stringify(chairs), definition: ofSeries?.id ?? null, series, private: m.roomPrivate ? 1 : 0 });
    const a: Active = { row, chairs, seq: 0, items: 0, people: new Map() };
    // Actions still open from earlier meetings of the series are carried, numbered for #done.
    const open = this.o.store.openActions(series);
    this.o.store.carry(row.id, [...new Set(open.map((x) => x.item))]);
    if (def?.agendaUrl) this.item(a, 'link', m, `Agenda: ${def.agendaUrl}`, at);
    this.log.info({ adapter: m.network, channel: m.room, meeting: row.id, name, definition: def?.id }, 'meeting started');
    return a;
  }

  private startReply(a: Active): Reply {
    const carried = this.o.store.carried(a.row.id);
    const items = carried.map((c) => ({ title: `${c.n}. ${list(c.actions.map((x) => x.owner)) || 'unassigned'}: ${short(c.actions[0]?.text ?? '', 100)}` }));
    return {
      kind: 'notice',
      text:
        `Meeting started ${nowUtc(a.row.started).toFormat('yyyy-MM-dd HH:mm')} UTC: ${cleanLine(a.row.name)}. Chairs: ${list(a.chairs)}. ` +
        `Useful commands: #topic #info #idea #link #action #agreed #undo #endmeeting (#commands for all).` +
        (carried.length ? ` Open from last time (#done <n> closes one):` : ''),
      ...(items.length ? { items } : {}),
    };
  }

  private setChairs(a: Active, chairs: string[]): Reply {
    a.chairs = chairs.slice(0, 20);
    this.o.store.update(a.row.id, { chairs: JSON.stringify(a.chairs) });
    return notice(`Chairs: ${list(a.chairs)}.`);
  }

  private ownerKey(a: Active, network: string, owner: string): string {
    const seen = a.people.get(lower(owner));
    if (seen) return seen.who;
    // On IRC a nick without a services account is its own identity; elsewhere a name alone reaches nobody.
    return network === 'irc' ? `irc:${owner}` : '';
  }

  private action(a: Active, m: Message, rest: string, at: number): Reply {
    const { owners: named, text: said } = parseAction(rest, (n) => a.people.has(lower(n)));
    const text = truncate(said, MAX_ITEM);
    const owners = named.map((n) => a.people.get(lower(n))?.nick ?? n);
    if (!text) return notice('#action needs what is to be done: #action nick: what to do.');
    const item = this.item(a, 'action', m, text, at, owners);
    for (const owner of owners.length ? owners : ['']) {
      this.o.store.addAction({ series: a.row.series, meeting: a.row.id, item, owner, owner_key: owner ? this.ownerKey(a, m.network, owner) : '', text });
    }
    // An action said again replaces the same one carried from last time.
    const same = (t: string) => t.toLowerCase().replace(/\s+/g, ' ').trim();
    for (const c of this.o.store.carried(a.row.id)) {
      if (c.actions.some((x) => x.state === 'open' && same(x.text) === same(text))) this.o.store.closeItem(c.item, 'replaced', a.row.id);
    }
    return notice(`Action ${a.items} recorded${owners.length ? ` for ${list(owners)}` : ' (no owner named)'}.`);
  }

  private done(a: Active, m: Message, rest: string, at: number): Reply {
    const n = /^#?(\d{1,4})\b/.exec(rest)?.[1];
    const carried = this.o.store.carried(a.row.id);
    const c = n ? carried.find((x) => x.n === Number(n)) : undefined;
    if (!c) return notice(carried.length ? `#done takes the number of an action open from last time (1–${carried.length}).` : 'Nothing is open from last time.');
    this.o.store.closeItem(c.item, 'done', a.row.id);
    this.item(a, 'done', m, `${c.n}. ${c.actions.map((x) => x.owner).filter(Boolean).join(', ') || 'unassigned'}: ${c.actions[0]?.text ?? ''}`, at);
    return notice(`Done: action ${c.n} from last time.`);
  }

  private end(a: Active, at: number, note: string | null): Reply {
    const store = this.o.store;
    // The meeting is over whatever fails below: the room may start the next one.
    this.drop(a);
    // Owners who spoke after their action was given are now known by their identity.
    for (const action of store.actionsOf(a.row.id)) {
      const seen = a.people.get(lower(action.owner));
      if (!seen) continue;
      if (seen.who !== action.owner_key) store.db.prepare('UPDATE actions SET owner_key = ? WHERE id = ?').run(seen.who, action.id);
      const colon = seen.who.indexOf(':');
      this.o.seen?.(seen.who.slice(0, colon), seen.who.slice(colon + 1), seen.nick);
    }
    store.update(a.row.id, { ended: at, ...(note ? { note } : {}) });
    a.row.ended = at;
    const row = store.meeting(a.row.id)!;
    let reply: Reply;
    try {
      reply = publishedReply(`${note ? `${note} ` : ''}Meeting ended ${nowUtc(at).toFormat('yyyy-MM-dd HH:mm')} UTC. `, this.o.publish(row));
    } catch (err) {
      this.log.error({ err, meeting: row.id }, 'minutes could not be written; they will be written again until they are');
      reply = notice(`Meeting ended ${nowUtc(at).toFormat('yyyy-MM-dd HH:mm')} UTC. The minutes could not be written yet (the error is logged); everything said is kept, and I will write them as soon as I can and say so here.`);
    }
    this.log.info({ adapter: row.network, channel: row.room, meeting: row.id }, 'meeting ended');
    this.o.changed?.();
    store.line(a.row.id, a.seq + 1, at, this.o.nick, `bot:${this.o.nick}`, reply.text, true);
    a.seq++;
    return reply;
  }

  /** Write an ended meeting's minutes again (they could not be written when it ended). */
  republish(row: MeetingRow): Published {
    return this.o.publish(row);
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
      closed++;
      await this.o.say?.(a.row.network, a.row.room, reply).catch((err: unknown) => this.log.warn({ err, meeting: a.row.id }, 'could not say the meeting was closed'));
    }
    return closed;
  }
}
