import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { ANNOUNCE_STEPS, AnnounceStore } from '../../src/archive/announce-store.js';
import { StateError } from '../../src/base/state-files.js';
import { openStateDb } from '../../src/base/sqlite.js';
import { MEETINGS_STEPS, MeetingStore } from '../../src/meetings/store.js';
import { REMINDER_STEPS, ReminderStore } from '../../src/schedule/reminders/store.js';
import { openUsersDb, USERS_STEPS } from '../../src/state/users-db.js';

const version = (file: string): number => {
  const db = new DatabaseSync(file);
  try {
    return (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  } finally {
    db.close();
  }
};

/**
 * A state file as an older rdobot left it: the tables of the given version (0: the schema from before files had
 * versions, with no user_version at all), one row in it.
 */
function olderFile(file: string, steps: readonly string[], at: number, row: string): void {
  const db = new DatabaseSync(file);
  for (let v = 0; v < Math.max(at, 1); v++) db.exec(steps[v]);
  db.exec(row);
  if (at > 0) db.exec(`PRAGMA user_version = ${at}`);
  db.close();
}

/** Each store, its steps, a row of its oldest shape, how to open it, and how to read that row back. */
const STORES = [
  {
    name: 'users.sqlite',
    steps: USERS_STEPS,
    row: "INSERT INTO user_zones (who, zone, at) VALUES ('irc:alice', 'Europe/Paris', 1)",
    read: (dir: string) => {
      const db = openUsersDb(dir);
      const zone = (db.prepare("SELECT zone FROM user_zones WHERE who = 'irc:alice'").get() as { zone: string }).zone;
      db.close();
      return zone;
    },
    expect: 'Europe/Paris',
  },
  {
    name: 'meetings.sqlite',
    steps: MEETINGS_STEPS,
    row: "INSERT INTO meetings (network, room, name, started, starter, chairs, series) VALUES ('irc', '#rdo', 'weekly', 1, 'alice', '[]', 'weekly')",
    read: (dir: string) => {
      const store = new MeetingStore(join(dir, 'meetings.sqlite'));
      const name = store.meeting(1)?.name;
      store.close();
      return name;
    },
    expect: 'weekly',
  },
  {
    name: 'reminders.sqlite',
    steps: REMINDER_STEPS,
    row: "INSERT INTO reminders (key, target, due, state, at) VALUES ('k1', 'irc:#rdo', 5, 'sent', 6)",
    read: (dir: string) => {
      const store = new ReminderStore(join(dir, 'reminders.sqlite'));
      const rows = store.rows();
      store.close();
      return rows;
    },
    expect: [{ key: 'k1', target: 'irc:#rdo', due: 5, state: 'sent' }],
  },
  {
    name: 'announcements.sqlite',
    steps: ANNOUNCE_STEPS,
    row: `INSERT INTO announcements (identity, target, state, title, at) VALUES ('p1', '*', 'baseline', 'A post', '2026-01-01T10:00:00.000Z');
      INSERT INTO announcements (identity, target, state, title, at) VALUES ('p2', 'irc:#rdo', 'sent', 'Another', '2026-01-02T10:00:00.000Z')`,
    read: (dir: string) => {
      const store = new AnnounceStore(join(dir, 'announcements.sqlite'));
      const rows = { known: store.known('p1'), claims: store.ledger.rows(), baselines: store.count('baseline') };
      store.close();
      return rows;
    },
    expect: { known: true, claims: [{ key: 'p2', target: 'irc:#rdo', due: null, note: 'Another', state: 'sent' }], baselines: 1 },
  },
];

describe('every state file carries a schema version and is upgraded step by step', () => {
  for (const store of STORES) {
    for (let from = 0; from < store.steps.length; from++) {
      it(`upgrades ${store.name} from version ${from} to ${store.steps.length}, keeping its rows`, () => {
        const dir = mkdtempSync(join(tmpdir(), 'rdobot-schema-'));
        const file = join(dir, store.name);
        olderFile(file, store.steps, from, store.row);
        assert.equal(version(file), from);
        assert.deepEqual(JSON.parse(JSON.stringify(store.read(dir))), store.expect);
        assert.equal(version(file), store.steps.length);
      });
    }

    it(`refuses a ${store.name} written by a newer rdobot, naming the file`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'rdobot-schema-'));
      const file = join(dir, store.name);
      olderFile(file, store.steps, store.steps.length, 'SELECT 1');
      const db = new DatabaseSync(file);
      db.exec(`PRAGMA user_version = ${store.steps.length + 1}`);
      db.close();
      assert.throws(
        () => store.read(dir),
        (e: Error) => e instanceof StateError && e.message.startsWith(`${file} has schema version ${store.steps.length + 1}, newer than this rdobot knows (${store.steps.length})`),
      );
    });
  }

  it('runs only the steps a file has not had, in order, from each earlier version', () => {
    const steps = [
      'CREATE TABLE IF NOT EXISTS t (a TEXT)',
      "ALTER TABLE t ADD COLUMN b TEXT NOT NULL DEFAULT 'one'",
      "UPDATE t SET b = b || '+two'",
    ];
    for (let from = 0; from <= steps.length; from++) {
      const file = join(mkdtempSync(join(tmpdir(), 'rdobot-schema-')), 'x.sqlite');
      olderFile(file, steps, from, "INSERT INTO t (a) VALUES ('row')");
      const db = openStateDb(file, { steps, holds: 'test rows' });
      const row = db.prepare('SELECT * FROM t').get() as { a: string; b?: string };
      db.close();
      assert.equal(version(file), 3, `from ${from}`);
      assert.equal(row.b, { 0: 'one+two', 1: 'one+two', 2: 'one+two', 3: 'one' }[from], `from ${from}`);
    }
  });

  it('a step that fails leaves the file at the version it really has, and names the file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rdobot-schema-')), 'x.sqlite');
    const steps = ['CREATE TABLE IF NOT EXISTS t (a TEXT)', 'ALTER TABLE nope ADD COLUMN b TEXT'];
    assert.throws(() => openStateDb(file, { steps, holds: 'test rows' }), (e: Error) => e instanceof StateError && e.message.startsWith(`${file}: no such table: nope`));
    assert.equal(version(file), 1);
  });
});
