import type { Clock, Message, Reply } from '../core/types.js';
import { cleanLine, truncate } from '../core/sanitize.js';
import type { Logger } from '../base/log.js';
import { silentLogger } from '../base/log.js';
import type { Meeting } from '../schedule/types.js';
import { MEETBOT_COMMANDS, meetbotLine, type Does, type MeetbotCommand } from './commands-table.js';
import { chairNicks, definitionAt, definitionNamed, nowUtc } from './definition.js';
import { parseAction } from './owners.js';
import type { MeetingRow, MeetingStore } from './store.js';

/** Where a published meeting's files are reached: the minutes and the log. */
export interface Published {
  minutes: string;
  log: string;
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
    let a = this.active.get(key);
    if (!a && parsed?.command.does !== 'start') return null;
    // The bot's clock, read once per line (not the network's timestamp): tests pin it, and every line of a meeting
    // is on one time line whichever network it came from.
    const at = this.o.clock.now().toMillis();
    if (!a) {
      if (parsed?.command.does !== 'start') return null;
      a = this.start(message, parsed.rest, at);
      this.active.set(key, a);
      this.record(a, message, at);
      return this.say(a, this.startReply(a), at);
    }
    this.record(a, message, at);
    if (!parsed) return null;
    return this.say(a, this.run(a, message, parsed.word, parsed.command, parsed.rest, at), at);
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
    this.o.store.line(a.row.id, ++a.seq, at, truncate(m.user.name, 100), who, truncate(m.text, MAX_LINE));
    a.people.set(lower(m.user.name), { nick: m.user.name, who });
  }

  /** The bot's own acknowledgement goes into the log too, as MeetBot's does. */
  private say(a: Active, reply: Reply | null, at: number): Reply | null {
    if (reply && this.active.has(roomKey(a.row.network, a.row.room))) this.o.store.line(a.row.id, ++a.seq, at, this.o.nick, `bot:${this.o.nick}`, reply.text, true);
    return reply;
  }

  private item(a: Active, kind: Parameters<MeetingStore['item']>[2], m: Message, text: string, at: number, owners: string[] = []): number {
    a.items++;
    return this.o.store.item(a.row.id, at, kind, truncate(m.user.name, 100), truncate(text, MAX_ITEM), owners);
  }

  private start(m: Message, rest: string, at: number): Active {
    const occurrence = definitionAt(this.o.definitions(), m.network, m.room, nowUtc(at));
    const def = occurrence?.meeting;
    const name = truncate(cleanLine(rest), 100) || def?.name || 'meeting';
    const chairs = [m.user.name, ...chairNicks(def?.chair).filter((c) => lower(c) !== lower(m.user.name))];
    // Off its time, a meeting still belongs to the series its name says (an extra meeting of the week).
    const ofSeries = def ?? definitionNamed(this.o.definitions(), m.network, m.room, name);
    const series = ofSeries ? `def:${ofSeries.id}` : `${m.network}:${m.room}:${slugName(name)}`;
    const row = this.o.store.start({ network: m.network, room: m.room, name, started: at, starter: m.user.name, chairs: JSON.stringify(chairs), definition: ofSeries?.id ?? null, series });
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
    // Owners who spoke after their action was given are now known by their identity.
    for (const action of store.actionsOf(a.row.id)) {
      const seen = a.people.get(lower(action.owner));
      if (!seen) continue;
      if (seen.who !== action.owner_key) store.db.prepare('UPDATE actions SET owner_key = ? WHERE id = ?').run(seen.who, action.id);
      const colon = seen.who.indexOf(':');
      this.o.seen?.(seen.who.slice(0, colon), seen.who.slice(colon + 1), seen.nick);
    }
    store.update(a.row.id, { ended: at, ...(note ? { note } : {}) });
    this.active.delete(roomKey(a.row.network, a.row.room));
    const row = store.meeting(a.row.id)!;
    let text: string;
    try {
      const files = this.o.publish(row);
      text = `${note ? `${note} ` : ''}Meeting ended ${nowUtc(at).toFormat('yyyy-MM-dd HH:mm')} UTC. Minutes: ${files.minutes} · Log: ${files.log}`;
    } catch (err) {
      this.log.error({ err, meeting: row.id }, 'minutes could not be written');
      text = `Meeting ended ${nowUtc(at).toFormat('yyyy-MM-dd HH:mm')} UTC. The minutes could not be written (the error is logged); everything said is kept.`;
    }
    this.log.info({ adapter: row.network, channel: row.room, meeting: row.id }, 'meeting ended');
    this.o.changed?.();
    store.line(a.row.id, ++a.seq, at, this.o.nick, `bot:${this.o.nick}`, text, true);
    return notice(text);
  }

  /** Close meetings left open with no line for the configured time; each gets a note in its minutes. */
  async closeStale(): Promise<number> {
    const now = this.o.clock.now().toMillis();
    let closed = 0;
    for (const a of [...this.active.values()]) {
      const last = this.o.store.lastLineAt(a.row.id) ?? a.row.started;
      if (now - last < this.staleMs) continue;
      const hours = Math.round((this.staleMs / 3_600_000) * 10) / 10;
      const reply = this.end(a, last, `Closed automatically: nobody said #endmeeting and nothing was said for ${hours} h.`);
      closed++;
      await this.o.say?.(a.row.network, a.row.room, reply).catch((err: unknown) => this.log.warn({ err, meeting: a.row.id }, 'could not say the meeting was closed'));
    }
    return closed;
  }
}
