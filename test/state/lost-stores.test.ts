import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Logger } from '../../src/base/log.js';
import { SNAPSHOTS_KEPT, stateKeeper } from '../../src/base/state-keeper.js';
import { MeetingStore } from '../../src/meetings/store.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { fixtureBot } from '../helpers/bot.js';

const mode = (path: string) => statSync(path).mode & 0o777;

function capture(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const line = (o: unknown, m?: string) => lines.push(typeof o === 'string' ? o : `${m ?? ''} ${JSON.stringify(o)}`);
  const logger = { warn: line, error: line, info() {}, debug() {}, trace() {}, fatal: line, isLevelEnabled: () => false, child: () => logger } as unknown as Logger;
  return { logger, lines };
}

/** A meetings.sqlite with one ended meeting in it, as a bot leaves it when it stops. */
function meetingsWithData(dir: string, name = 'weekly'): string {
  const file = join(dir, 'meetings.sqlite');
  const store = new MeetingStore(file);
  const row = store.start({ network: 'irc', room: '#rdo', name, started: 1, starter: 'alice', chairs: '["alice"]', definition: null, series: name });
  store.update(row.id, { ended: 2 });
  store.close();
  return file;
}

/** Garbage over every page but the first: the header still says SQLite, the tables are gone. */
function corruptPages(file: string): void {
  const size = statSync(file).size;
  const fd = openSync(file, 'r+');
  const junk = Buffer.alloc(Math.max(size - 4096, 4096) + 8192, 0xa5);
  writeSync(fd, junk, 0, junk.length, 4096);
  closeSync(fd);
}

describe('a store that held data is never silently started afresh', function () {
  this.timeout(20_000);

  it('a mid-run error of meetings.sqlite names meetings.sqlite, not users.sqlite', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rdobot-lost-'));
    const { logger, lines } = capture();
    const t = await fixtureBot({ dataDir, logger });
    // What a corrupt or replaced file looks like to a running query: an SQLite error from the meetings store.
    t.bot.meetings.store.db.exec('DROP TABLE meetings');
    const reply = await t.ask('!minutes');
    t.bot.close();
    const said = lines.join('\n');
    assert.ok(said.includes(join(dataDir, 'meetings.sqlite')), said);
    assert.ok(!said.includes('users.sqlite'), said);
    assert.ok(reply?.text, 'still answered');
  });

  it('a corrupt meetings.sqlite at start is named as meetings.sqlite, never users.sqlite', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rdobot-lost-'));
    const file = meetingsWithData(dataDir);
    corruptPages(file);
    const { logger, lines } = capture();
    let said = '';
    try {
      const t = await fixtureBot({ dataDir, logger });
      await t.ask('!minutes');
      t.bot.close();
    } catch (err) {
      said = (err as Error).message;
    }
    said += lines.join('\n');
    assert.ok(said.includes(file), said);
    assert.ok(!said.includes('users.sqlite'), said);
  });

  for (const [how, lose] of [
    ['zero bytes', (file: string) => truncateSync(file, 0)],
    ['deleted', (file: string) => rmSync(file)],
  ] as const) {
    it(`a meetings.sqlite that held data and is now ${how} is reported on /healthz and in the log, and what remains is kept`, async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'rdobot-lost-'));
      const first = await fixtureBot({ dataDir });
      const row = first.bot.meetings.store.start({ network: 'irc', room: '#rdo', name: 'weekly', started: 1, starter: 'alice', chairs: '[]', definition: null, series: 'weekly' });
      first.bot.meetings.store.update(row.id, { ended: 2 });
      first.bot.close();
      const file = join(dataDir, 'meetings.sqlite');
      lose(file);

      const { logger, lines } = capture();
      const again = await fixtureBot({ dataDir, logger });
      const health = again.bot.health() as { stores?: { count: number; first: { store: string; kind: string; message: string }[] } };
      again.bot.close();
      assert.equal(health.stores?.count, 1, JSON.stringify(health));
      assert.equal(health.stores.first[0].store, 'meetings.sqlite');
      assert.equal(health.stores.first[0].kind, how === 'deleted' ? 'missing' : 'empty');
      const line = lines.find((l) => l.includes(file));
      assert.ok(line, lines.join('\n'));
      assert.match(line, how === 'deleted' ? /held data and is missing/ : /held data and is empty \(zero bytes\)/);
      assert.match(line, /no snapshot to restore: it starts empty/);
      if (how === 'zero bytes') {
        const aside = readdirSync(join(dataDir, 'set-aside')).filter((n) => /^meetings\.sqlite\.empty-[^.]+$/.test(n));
        assert.equal(aside.length, 1, 'the empty file is kept aside');
      }
    });
  }

  it('a store that never held data may be deleted without a word', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rdobot-lost-'));
    new MeetingStore(join(dataDir, 'meetings.sqlite')).close();
    rmSync(join(dataDir, 'meetings.sqlite'));
    new MeetingStore(join(dataDir, 'meetings.sqlite')).close();
    assert.equal(stateKeeper(dataDir).problems().count, 0);
  });
});

describe('stores are snapshotted daily and a corrupt one is restored from the latest snapshot', function () {
  this.timeout(20_000);

  it('takes one private snapshot a day by the bot clock and keeps the last few', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rdobot-snap-'));
    const store = new MeetingStore(join(dataDir, 'meetings.sqlite'));
    store.start({ network: 'irc', room: '#rdo', name: 'weekly', started: 1, starter: 'alice', chairs: '[]', definition: null, series: 'weekly' });
    const clock = new FakeClock(Date.parse('2026-11-25T03:00:00Z'));
    const keeper = stateKeeper(dataDir);
    for (let day = 0; day < 5; day++) {
      keeper.tick(clock.now().toMillis());
      clock.jump(6 * 3600_000);
      keeper.tick(clock.now().toMillis());
      clock.jump(18 * 3600_000);
    }
    store.close();
    const snapshots = readdirSync(join(dataDir, 'snapshots')).sort();
    assert.deepEqual(snapshots, ['meetings.sqlite.2026-11-27', 'meetings.sqlite.2026-11-28', 'meetings.sqlite.2026-11-29']);
    assert.equal(SNAPSHOTS_KEPT, 3);
    assert.equal(mode(join(dataDir, 'snapshots')), 0o700);
    for (const s of snapshots) assert.equal(mode(join(dataDir, 'snapshots', s)), 0o600);
    const copy = new DatabaseSync(join(dataDir, 'snapshots', snapshots[2]), { readOnly: true });
    assert.equal((copy.prepare('SELECT name FROM meetings').get() as { name: string }).name, 'weekly');
    copy.close();
  });

  it('moves a corrupt store aside and restores the latest snapshot, in one line saying from when', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rdobot-snap-'));
    const { logger, lines } = capture();
    const keeper = stateKeeper(dataDir, logger);
    const file = join(dataDir, 'meetings.sqlite');
    const store = new MeetingStore(file);
    store.start({ network: 'irc', room: '#rdo', name: 'in the snapshot', started: 1, starter: 'alice', chairs: '[]', definition: null, series: 'a' });
    keeper.tick(Date.parse('2026-11-24T03:00:00Z'));
    store.start({ network: 'irc', room: '#rdo', name: 'after it', started: 2, starter: 'alice', chairs: '[]', definition: null, series: 'b' });
    store.close();
    writeFileSync(file, 'not a database any more '.repeat(400));

    const restored = new MeetingStore(file);
    assert.deepEqual(
      restored.open().map((m) => m.name),
      ['in the snapshot'],
    );
    restored.close();
    const said = lines.filter((l) => l.includes(file));
    assert.equal(said.length, 1, lines.join('\n'));
    assert.match(said[0], /is not a database \(corrupt\?.*\): what remained is kept in .*set-aside\/meetings\.sqlite\.corrupt-.*; restored the snapshot of 2026-11-24 \(/);
    const aside = readdirSync(join(dataDir, 'set-aside')).find((n) => /^meetings\.sqlite\.corrupt-[^.]+$/.test(n))!;
    assert.equal(readFileSync(join(dataDir, 'set-aside', aside), 'utf8'), 'not a database any more '.repeat(400), 'the corrupt file is kept as it was');
    assert.equal(mode(file), 0o600);
    assert.equal(keeper.problems().count, 1);
  });

  it('restores the snapshot of a store found deleted', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rdobot-snap-'));
    const file = meetingsWithData(dataDir, 'kept');
    const reopened = new MeetingStore(file);
    stateKeeper(dataDir).tick(Date.parse('2026-11-24T03:00:00Z'));
    reopened.close();
    rmSync(file);
    rmSync(`${file}-wal`, { force: true });
    const back = new MeetingStore(file);
    assert.deepEqual(back.ended().map((m) => m.name), ['kept']);
    back.close();
    assert.ok(!existsSync(join(dataDir, 'set-aside', 'x')));
    assert.match(stateKeeper(dataDir).problems().first[0].message, /held data and is missing: nothing remained of it; restored the snapshot of 2026-11-24/);
  });
});
