import { join } from 'node:path';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { openStateDb } from '../base/sqlite.js';
import type { ItemKind } from './commands-table.js';

/**
 * Meetings as they happen, in `RDOBOT_DATA_DIR/meetings.sqlite`: every line and every item is written when it
 * arrives, before the bot acknowledges it, so a crash (kill -9) mid-meeting loses nothing already acknowledged.
 * Write-ahead log with synchronous=NORMAL: a committed row survives the process dying (not a power cut).
 */
/**
 * Its schema versions (src/base/migrations.ts): step 1 is the schema from before files had versions. To change the
 * schema, add one step at the end of this list (`'ALTER TABLE meetings ADD COLUMN topic TEXT'`), and a row of the
 * older version to test/state/schema-versions.test.ts; never edit a step that has shipped.
 */
export const MEETINGS_STEPS = [
  `
  CREATE TABLE IF NOT EXISTS meetings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    network TEXT NOT NULL,
    room TEXT NOT NULL,
    name TEXT NOT NULL,
    started INTEGER NOT NULL,
    ended INTEGER,
    starter TEXT NOT NULL,
    chairs TEXT NOT NULL,
    definition TEXT,
    series TEXT NOT NULL,
    note TEXT,
    base TEXT
  );
  CREATE INDEX IF NOT EXISTS meetings_open ON meetings (ended);
  CREATE TABLE IF NOT EXISTS lines (
    meeting INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    at INTEGER NOT NULL,
    nick TEXT NOT NULL,
    who TEXT NOT NULL,
    text TEXT NOT NULL,
    bot INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (meeting, seq)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting INTEGER NOT NULL,
    at INTEGER NOT NULL,
    kind TEXT NOT NULL,
    nick TEXT NOT NULL,
    text TEXT NOT NULL,
    owners TEXT NOT NULL DEFAULT '[]',
    removed INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX IF NOT EXISTS items_meeting ON items (meeting);
  CREATE TABLE IF NOT EXISTS actions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    series TEXT NOT NULL,
    meeting INTEGER NOT NULL,
    item INTEGER NOT NULL,
    owner TEXT NOT NULL,
    owner_key TEXT NOT NULL,
    text TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'open',
    closed_meeting INTEGER
  );
  CREATE INDEX IF NOT EXISTS actions_open ON actions (state, series);
  CREATE TABLE IF NOT EXISTS carried (
    meeting INTEGER NOT NULL,
    n INTEGER NOT NULL,
    item INTEGER NOT NULL,
    PRIMARY KEY (meeting, n)
  ) WITHOUT ROWID;`,
  // 2: the room was not public (IRC +k/+i/+s/+p, a Matrix room not open to all, a Slack private channel or DM).
  `ALTER TABLE meetings ADD COLUMN private INTEGER NOT NULL DEFAULT 0;`,
  // 3: MeetBot parity: votes and their ballots; #meetingname's short name (the title stays what #startmeeting said);
  // chairs' identities (`network:account`, `network~session`) parallel to the `chairs` nicks; #meetingtopic; #lurk;
  // `/me` lines; the log line (its seq) an item was said on, so minutes link an item to its line.
  `CREATE TABLE IF NOT EXISTS votes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting INTEGER NOT NULL,
    question TEXT NOT NULL,
    options TEXT NOT NULL,
    opened INTEGER NOT NULL,
    line INTEGER,
    closed INTEGER
  );
  CREATE INDEX IF NOT EXISTS votes_meeting ON votes (meeting);
  CREATE TABLE IF NOT EXISTS ballots (
    vote INTEGER NOT NULL,
    who TEXT NOT NULL,
    nick TEXT NOT NULL,
    choice TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (vote, who)
  ) WITHOUT ROWID;
  ALTER TABLE meetings ADD COLUMN short_name TEXT;
  ALTER TABLE meetings ADD COLUMN chair_keys TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE meetings ADD COLUMN meeting_topic TEXT;
  ALTER TABLE meetings ADD COLUMN lurk INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE lines ADD COLUMN emote INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE items ADD COLUMN line INTEGER;`,
];

export interface VoteRow {
  id: number;
  meeting: number;
  question: string;
  /** JSON list of the options offered. */
  options: string;
  opened: number;
  line: number | null;
  closed: number | null;
}

export interface BallotRow {
  who: string;
  nick: string;
  choice: string;
  at: number;
}
export interface MeetingRow {
  id: number;
  network: string;
  room: string;
  name: string;
  started: number;
  ended: number | null;
  starter: string;
  /** JSON list of chair nicks. */
  chairs: string;
  /** The irc-meetings definition it was matched to, if any. */
  definition: string | null;
  /** What carries actions from one meeting to the next: the definition id, else network/room/name. */
  series: string;
  /** Why it ended as it did (closed automatically …). */
  note: string | null;
  /** Path of its files under the meetings directory, without extension, once published. */
  base: string | null;
  /**
   * How private its minutes are (PRIVATE in privacy.ts): 0 public; 1 held in a room that is not public (not served over HTTP
   * unless the room is opted in); 2 restricted by a chair's #restrictlogs (never served, whatever the room).
   */
  private: number;
  /** `#meetingname`: the short name for file names (null: made from the title). */
  short_name: string | null;
  /** JSON list of the chairs' identity keys, parallel to `chairs`. */
  chair_keys: string;
  meeting_topic: string | null;
  lurk: number;
}

export interface LineRow {
  seq: number;
  at: number;
  nick: string;
  who: string;
  text: string;
  bot: number;
  /** 1 for a `/me` line. */
  emote: number;
}

/** A log line without its text: only its first characters, enough to read a MeetBot command. */
export interface LineHead {
  seq: number;
  at: number;
  nick: string;
  bot: number;
  head: string;
}

export interface ItemRow {
  id: number;
  at: number;
  kind: ItemKind;
  nick: string;
  text: string;
  owners: string;
  removed: number;
  /** The seq of the log line it was said on. */
  line: number | null;
}

export interface ActionRow {
  id: number;
  series: string;
  meeting: number;
  item: number;
  owner: string;
  owner_key: string;
  text: string;
  state: 'open' | 'done' | 'replaced';
  closed_meeting: number | null;
}

export class MeetingStore {
  readonly db: DatabaseSync;
  private readonly insertLine: StatementSync;

  constructor(file: string) {
    this.db = openStateDb(file, { steps: MEETINGS_STEPS, holds: 'meetings, their lines and action items', pragmas: 'PRAGMA synchronous = NORMAL;' });
    this.insertLine = this.db.prepare('INSERT INTO lines (meeting, seq, at, nick, who, text, bot, emote) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  }

  static inDataDir(dataDir?: string): MeetingStore {
    return new MeetingStore(dataDir ? join(dataDir, 'meetings.sqlite') : ':memory:');
  }

  start(m: Omit<MeetingRow, 'id' | 'ended' | 'note' | 'base' | 'short_name' | 'meeting_topic' | 'lurk' | 'private' | 'chair_keys'> & { private?: number; chair_keys?: string }): MeetingRow {
    const r = this.db
      .prepare('INSERT INTO meetings (network, room, name, started, starter, chairs, definition, series, chair_keys, private) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(m.network, m.room, m.name, m.started, m.starter, m.chairs, m.definition, m.series, m.chair_keys ?? '[]', m.private ?? 0);
    return this.meeting(Number(r.lastInsertRowid))!;
  }

  meeting(id: number): MeetingRow | undefined {
    return this.db.prepare('SELECT * FROM meetings WHERE id = ?').get(id) as MeetingRow | undefined;
  }

  open(): MeetingRow[] {
    return this.db.prepare('SELECT * FROM meetings WHERE ended IS NULL ORDER BY id').all() as unknown as MeetingRow[];
  }

  /** Ended meetings, newest first. */
  ended(limit = 1_000_000): MeetingRow[] {
    return this.db.prepare('SELECT * FROM meetings WHERE ended IS NOT NULL ORDER BY started DESC, id DESC LIMIT ?').all(limit) as unknown as MeetingRow[];
  }

  update(id: number, fields: Partial<Pick<MeetingRow, 'name' | 'chairs' | 'ended' | 'note' | 'base' | 'private' | 'short_name' | 'chair_keys' | 'meeting_topic' | 'lurk'>>): void {
    const keys = Object.keys(fields) as (keyof typeof fields)[];
    if (keys.length === 0) return;
    this.db.prepare(`UPDATE meetings SET ${keys.map((k) => `${k} = ?`).join(', ')} WHERE id = ?`).run(...keys.map((k) => fields[k] ?? null), id);
  }

  line(meeting: number, seq: number, at: number, nick: string, who: string, text: string, bot = false, emote = false): void {
    this.insertLine.run(meeting, seq, at, nick, who, text, bot ? 1 : 0, emote ? 1 : 0);
  }

  lastSeq(meeting: number): number {
    return (this.db.prepare('SELECT MAX(seq) AS s FROM lines WHERE meeting = ?').get(meeting) as { s: number | null }).s ?? 0;
  }

  lastLineAt(meeting: number): number | null {
    return (this.db.prepare('SELECT MAX(at) AS t FROM lines WHERE meeting = ?').get(meeting) as { t: number | null }).t;
  }

  lines(meeting: number): LineRow[] {
    return this.db.prepare('SELECT seq, at, nick, who, text, bot, emote FROM lines WHERE meeting = ? ORDER BY seq').all(meeting) as unknown as LineRow[];
  }

  /** The log one line at a time, never all of it in memory (a meeting may hold 10,000 lines of 4,000 characters). */
  *eachLine(meeting: number): Generator<LineRow> {
    yield* this.db.prepare('SELECT seq, at, nick, who, text, bot, emote FROM lines WHERE meeting = ? ORDER BY seq').iterate(meeting) as Iterable<LineRow>;
  }

  /** Every line's number, time and speaker, without its text: who spoke how often, and where each item was said. */
  lineHeads(meeting: number): LineHead[] {
    return this.db.prepare('SELECT seq, at, nick, bot, substr(ltrim(text), 1, 24) AS head FROM lines WHERE meeting = ? ORDER BY seq').all(meeting) as unknown as LineHead[];
  }

  /** The meeting whose files are at this path (what the site serves is only what a meeting row names). */
  byBase(base: string): MeetingRow | undefined {
    return this.db.prepare('SELECT * FROM meetings WHERE base = ?').get(base) as MeetingRow | undefined;
  }

  /** Ended meetings whose files are not written yet (the disk was full, a descriptor was missing): to publish again. */
  unpublished(): MeetingRow[] {
    return this.db.prepare('SELECT * FROM meetings WHERE ended IS NOT NULL AND base IS NULL ORDER BY id').all() as unknown as MeetingRow[];
  }

  item(meeting: number, at: number, kind: ItemKind, nick: string, text: string, owners: string[] = [], line: number | null = null): number {
    return Number(
      this.db.prepare('INSERT INTO items (meeting, at, kind, nick, text, owners, line) VALUES (?, ?, ?, ?, ?, ?, ?)').run(meeting, at, kind, nick, text, JSON.stringify(owners), line).lastInsertRowid,
    );
  }

  items(meeting: number): ItemRow[] {
    return this.db.prepare('SELECT id, at, kind, nick, text, owners, removed, line FROM items WHERE meeting = ? ORDER BY id').all(meeting) as unknown as ItemRow[];
  }

  /** Take back the last item still standing (#undo): its action rows go with it. */
  undo(meeting: number): ItemRow | undefined {
    const last = this.db.prepare("SELECT id, at, kind, nick, text, owners, removed, line FROM items WHERE meeting = ? AND removed = 0 AND kind NOT IN ('done', 'present') ORDER BY id DESC LIMIT 1").get(meeting) as ItemRow | undefined;
    if (!last) return undefined;
    this.atomically(() => {
      this.db.prepare('UPDATE items SET removed = 1 WHERE id = ?').run(last.id);
      this.db.prepare('DELETE FROM actions WHERE item = ?').run(last.id);
      // An action said again replaced older ones; taking it back leaves them open as they were.
      if (last.kind === 'action') {
        this.db.prepare("UPDATE actions SET state = 'open', closed_meeting = NULL WHERE state = 'replaced' AND closed_meeting = ? AND item IN (SELECT item FROM carried WHERE meeting = ?) AND lower(text) = lower(?)").run(meeting, meeting, last.text);
      }
    });
    return last;
  }

  /**
   * Every write of `fn` or none (a savepoint, so calls nest): a meeting line's log entry, item and actions are
   * stored together, and a line that failed for lack of space is tried again whole, never half recorded.
   */
  atomically<T>(fn: () => T): T {
    this.db.exec('SAVEPOINT atomically');
    try {
      const result = fn();
      this.db.exec('RELEASE atomically');
      return result;
    } catch (err) {
      try {
        this.db.exec('ROLLBACK TO atomically');
        this.db.exec('RELEASE atomically');
      } catch {
        // The connection itself failed: SQLite has rolled back already.
      }
      throw err;
    }
  }

  addAction(a: Omit<ActionRow, 'id' | 'state' | 'closed_meeting'>): number {
    return Number(
      this.db.prepare('INSERT INTO actions (series, meeting, item, owner, owner_key, text) VALUES (?, ?, ?, ?, ?, ?)').run(a.series, a.meeting, a.item, a.owner, a.owner_key, a.text).lastInsertRowid,
    );
  }

  /** Close every owner's row of one action item (done, or said again in a later meeting). */
  closeItem(item: number, state: 'done' | 'replaced', meeting: number): void {
    this.db.prepare("UPDATE actions SET state = ?, closed_meeting = ? WHERE item = ? AND state = 'open'").run(state, meeting, item);
  }

  /** Open actions, oldest first; of one series when given. */
  openActions(series?: string): ActionRow[] {
    return (series
      ? this.db.prepare("SELECT * FROM actions WHERE state = 'open' AND series = ? ORDER BY id").all(series)
      : this.db.prepare("SELECT * FROM actions WHERE state = 'open' ORDER BY id").all()) as unknown as ActionRow[];
  }

  actionsOf(meeting: number): ActionRow[] {
    return this.db.prepare('SELECT * FROM actions WHERE meeting = ? ORDER BY id').all(meeting) as unknown as ActionRow[];
  }

  action(id: number): ActionRow | undefined {
    return this.db.prepare('SELECT * FROM actions WHERE id = ?').get(id) as ActionRow | undefined;
  }

  /** What a meeting carries from earlier ones (action items, by item), numbered for #done. */
  carry(meeting: number, items: number[]): void {
    const ins = this.db.prepare('INSERT INTO carried (meeting, n, item) VALUES (?, ?, ?)');
    items.forEach((item, i) => ins.run(meeting, i + 1, item));
  }

  carried(meeting: number): { n: number; item: number; actions: ActionRow[] }[] {
    const rows = this.db.prepare('SELECT n, item FROM carried WHERE meeting = ? ORDER BY n').all(meeting) as unknown as { n: number; item: number }[];
    const byItem = this.db.prepare('SELECT * FROM actions WHERE item = ? ORDER BY id');
    return rows.map((r) => ({ n: r.n, item: r.item, actions: byItem.all(r.item) as unknown as ActionRow[] }));
  }

  // ---- issue 30: votes ----

  openVote(meeting: number, question: string, options: string[], at: number, line: number | null): VoteRow {
    const id = Number(this.db.prepare('INSERT INTO votes (meeting, question, options, opened, line) VALUES (?, ?, ?, ?, ?)').run(meeting, question, JSON.stringify(options), at, line).lastInsertRowid);
    return this.db.prepare('SELECT * FROM votes WHERE id = ?').get(id) as unknown as VoteRow;
  }

  /** The vote still open in a meeting, if any (one at a time, as MeetBot). */
  runningVote(meeting: number): VoteRow | undefined {
    return this.db.prepare('SELECT * FROM votes WHERE meeting = ? AND closed IS NULL ORDER BY id DESC LIMIT 1').get(meeting) as VoteRow | undefined;
  }

  votes(meeting: number): VoteRow[] {
    return this.db.prepare('SELECT * FROM votes WHERE meeting = ? ORDER BY id').all(meeting) as unknown as VoteRow[];
  }

  /** One ballot per person: voting again replaces the earlier choice. */
  ballot(vote: number, who: string, nick: string, choice: string, at: number): void {
    this.db
      .prepare('INSERT INTO ballots (vote, who, nick, choice, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (vote, who) DO UPDATE SET nick = excluded.nick, choice = excluded.choice, at = excluded.at')
      .run(vote, who, nick, choice, at);
  }

  ballots(vote: number): BallotRow[] {
    return this.db.prepare('SELECT who, nick, choice, at FROM ballots WHERE vote = ? ORDER BY lower(nick), who').all(vote) as unknown as BallotRow[];
  }

  closeVote(vote: number, at: number): void {
    this.db.prepare('UPDATE votes SET closed = ? WHERE id = ? AND closed IS NULL').run(at, vote);
  }

  /** Owners' names and identities of actions, for `!actions <nick>`: set when an owner's identity is learnt. */
  setOwnerKey(action: number, key: string): void {
    this.db.prepare('UPDATE actions SET owner_key = ? WHERE id = ?').run(key, action);
  }

  /** Whether anyone of this name (lower case) or identity was ever given an action. */
  isOwner(name: string): boolean {
    return this.db.prepare("SELECT 1 FROM actions WHERE lower(owner) = ? OR lower(substr(owner_key, instr(owner_key, ':') + 1)) = ? LIMIT 1").get(name, name) !== undefined;
  }

  // ---- end of issue 30 store methods ----

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}
