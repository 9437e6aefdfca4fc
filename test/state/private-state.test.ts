import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnnounceStore } from '../../src/archive/announce-store.js';
import { Announcer } from '../../src/archive/announcer.js';
import { PostCache } from '../../src/archive/post-cache.js';
import { StateError, stateProblem } from '../../src/base/state-files.js';
import type { Logger } from '../../src/base/log.js';
import { ReminderStore } from '../../src/schedule/reminders/store.js';
import { openUsersDb } from '../../src/state/users-db.js';
import { CLI, node, run } from '../helpers/run-cli.js';
import { fixtureBot } from '../helpers/bot.js';

const mode = (path: string) => statSync(path).mode & 0o777;
const FINGERPRINTS = { parser: 'p', classifier: 'c' };

/** Run `work` with a permissive umask, as a careless service manager would start the bot. */
function withUmask<T>(mask: number, work: () => T): T {
  const old = process.umask(mask);
  try {
    return work();
  } finally {
    process.umask(old);
  }
}

function capture(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const line = (o: unknown, m?: string) => lines.push(`${m ?? ''} ${JSON.stringify(o)}`);
  const logger = { warn: line, error: line, info() {}, debug() {}, isLevelEnabled: () => false, child: () => logger } as unknown as Logger;
  return { logger, lines };
}

describe('state is private, whatever the umask', () => {
  it('users.sqlite and its -wal/-shm are 0600 in a 0700 data directory under umask 022', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'rdobot-state-')), 'data');
    withUmask(0o022, () => {
      const db = openUsersDb(dir);
      db.prepare('INSERT INTO user_zones (who, zone, at) VALUES (?, ?, ?)').run('irc:alice', 'Europe/Paris', 1);
      for (const f of ['users.sqlite', 'users.sqlite-wal', 'users.sqlite-shm']) assert.equal(mode(join(dir, f)).toString(8), '600', f);
      assert.equal(mode(dir).toString(8), '700');
      db.close();
    });
  });

  it('makes an existing world-readable state file and directory private again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdobot-state-'));
    withUmask(0o022, () => {
      new ReminderStore(join(dir, 'reminders.sqlite')).close?.();
      chmodSync(join(dir, 'reminders.sqlite'), 0o644);
      chmodSync(dir, 0o755);
      const again = new ReminderStore(join(dir, 'reminders.sqlite'));
      assert.equal(mode(join(dir, 'reminders.sqlite')).toString(8), '600');
      assert.equal(mode(dir).toString(8), '700');
      again.close?.();
    });
  });

  it('leaves a shared directory (sticky, as /tmp is) open when a state file is given there by path, the file still 0600', () => {
    const shared = mkdtempSync(join(tmpdir(), 'rdobot-shared-'));
    chmodSync(shared, 0o1777);
    withUmask(0o022, () => {
      const store = PostCache.open(join(shared, 'posts.sqlite'), FINGERPRINTS)!;
      assert.equal((statSync(shared).mode & 0o7777).toString(8), '1777');
      assert.equal(mode(join(shared, 'posts.sqlite')).toString(8), '600');
      store.close();
    });
  });

  it('makes the files an older rdobot left in an adapter\'s state directory private when the adapter starts', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'rdobot-state-')), 'matrix');
    withUmask(0o022, () => {
      mkdirSync(dir, { mode: 0o755 });
      writeFileSync(join(dir, 'matrix-session.json'), '{}', { mode: 0o644 });
      writeFileSync(join(dir, 'direct-rooms.json'), '{}', { mode: 0o644 });
    });
    const t = await fixtureBot();
    t.bot.adapterContext({}, dir);
    assert.equal(mode(dir).toString(8), '700');
    for (const f of ['matrix-session.json', 'direct-rooms.json']) assert.equal(mode(join(dir, f)).toString(8), '600', f);
    t.bot.close();
  });

  it('announcements.sqlite and the post cache are private too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdobot-state-'));
    withUmask(0o000, () => {
      const store = new AnnounceStore(join(dir, 'announcements.sqlite'));
      const cache = PostCache.open(join(dir, 'cache', 'posts.sqlite'), FINGERPRINTS)!;
      assert.equal(mode(join(dir, 'announcements.sqlite')).toString(8), '600');
      assert.equal(mode(join(dir, 'cache', 'posts.sqlite')).toString(8), '600');
      assert.equal(mode(join(dir, 'cache')).toString(8), '700');
      store.close();
      cache.close();
    });
  });
});

describe('state failures are one line naming the file, what is wrong and what to do', function () {
  this.timeout(20_000);

  it('a users.sqlite that is not a database: the file is named, left untouched, and the advice given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdobot-state-'));
    const file = join(dir, 'users.sqlite');
    writeFileSync(file, 'this is not sqlite at all, but it is long enough to have a header of sorts .......');
    assert.throws(
      () => openUsersDb(dir),
      (e: Error) => e instanceof StateError && e.message === `${file} is not a database (corrupt?): move it aside and restart; people's time zones, subscriptions and reminders in it would be lost`,
    );
    assert.equal(readFileSync(file, 'utf8').slice(0, 11), 'this is not', 'never overwritten');
  });

  it('names a full disk and a file that cannot be opened in words', () => {
    assert.equal(stateProblem('/data/users.sqlite', new Error('database or disk is full'), 'x'), '/data/users.sqlite: the disk is full: free some space on /data and restart; users.sqlite was left as it was');
    assert.equal(
      stateProblem('/data/rdobot.lock', new Error('unable to open database file'), 'x'),
      '/data/rdobot.lock: cannot open it for writing (unable to open database file): check that the user running rdobot owns /data and may write there',
    );
  });

  it('`rdobot run` on a corrupt users.sqlite stops with that one line, no stack trace, and leaves the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdobot-state-'));
    writeFileSync(join(dir, 'users.sqlite'), 'garbage '.repeat(100));
    const out = await run(node, [CLI, 'run'], '', { RDOBOT_DATA_DIR: dir, RDOBOT_ADAPTERS: 'shell', HTTP_PORT: 'off' });
    assert.equal(out.code, 1);
    assert.match(out.stderr, new RegExp(`^rdobot: ${join(dir, 'users.sqlite').replace(/[/.]/g, '\\$&')} is not a database \\(corrupt\\?\\): move it aside and restart; people's time zones, subscriptions and reminders in it would be lost$`, 'm'));
    assert.ok(!/\n\s+at /.test(out.stderr), 'no stack trace');
    assert.equal(readFileSync(join(dir, 'users.sqlite'), 'utf8'), 'garbage '.repeat(100));
  });

  it('the post cache on a full disk reports the real error, not "cannot rollback"', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdobot-state-'));
    const { logger, lines } = capture();
    const cache = PostCache.open(join(dir, 'posts.sqlite'), FINGERPRINTS, { logger, settleMs: 0, now: () => Date.now() + 10_000 })!;
    // A database that may not grow is what a full disk looks like to SQLite.
    (cache as unknown as { db: { exec(sql: string): void } }).db.exec('PRAGMA max_page_count = 8');
    const stamp = { size: 1, mtimeMs: 0, ctimeMs: 0, ino: 1, dev: 1 } as never;
    const results = Array.from({ length: 200 }, (_, i) => ({ path: `/p/${i}.md`, stamp, result: { warning: { file: `/p/${i}.md`, reason: 'x'.repeat(2000) } } }));
    cache.store('/p', results);
    assert.equal(lines.length, 1);
    assert.match(lines[0], /post cache not updated: .*posts\.sqlite: the disk is full/);
    assert.ok(!/cannot rollback/.test(lines[0]), lines[0]);
    cache.close();
  });

  it('a state write failing at run time is one log line naming users.sqlite and an answer saying so; the bot keeps answering', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdobot-state-'));
    const { logger, lines } = capture();
    const t = await fixtureBot({ dataDir: dir, logger });
    assert.match((await t.ask('!tz set Europe/Paris'))!.text, /Europe\/Paris/);
    t.bot.users.exec('PRAGMA query_only = 1'); // as a file gone read-only under the bot
    const reply = await t.ask('!tz set Asia/Tokyo');
    assert.equal(reply?.text, 'Sorry, I could not save or read that: my storage has a problem. The operator has it in the log.');
    const logged = lines.filter((l) => l.includes('users.sqlite'));
    assert.equal(logged.length, 1);
    assert.match(logged[0], new RegExp(`^${join(dir, 'users.sqlite').replace(/[/.]/g, '\\$&')}: cannot open it for writing \\(attempt to write a readonly database\\): check that the user running rdobot owns`));
    assert.ok(!/\n\s+at /.test(logged[0]), 'no stack trace');
    assert.ok(await t.ask('!interview latest'), 'still answering');
    t.bot.close();
  });

  it('the announcement record failing at run time is one log line naming announcements.sqlite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdobot-state-'));
    const { logger, lines } = capture();
    const store = new AnnounceStore(join(dir, 'announcements.sqlite'));
    (store as unknown as { db: { exec(sql: string): void } }).db.exec('PRAGMA query_only = 1');
    const t = await fixtureBot();
    const announcer = new Announcer(store, { posts: ['irc:#rdo'], interviews: [] }, async () => {}, logger);
    await announcer.handle({ root: 'x', initial: false, changes: [{ kind: 'added', post: t.bot.archive.latest()! }] });
    assert.equal(lines.length, 1);
    assert.match(lines[0], new RegExp(`announcing failed: ${join(dir, 'announcements.sqlite').replace(/[/.]/g, '\\$&')}: cannot open it for writing \\(attempt to write a readonly database\\)`));
    store.close();
  });
});
