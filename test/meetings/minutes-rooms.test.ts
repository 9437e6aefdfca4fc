import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureBot, FIXTURE_POSTS, type TestBot } from '../helpers/bot.js';
import { MatrixFixture, OP } from '../helpers/matrix-fixture.js';
import { until } from '../helpers/wait.js';
import { RUN_DEFINITIONS } from '../helpers/meeting-transcript.js';
import { RoomModes } from '../../adapters/irc/room-modes.js';
import { slackMessage } from '../../adapters/slack/inbound.js';
import { MeetingStore } from '../../src/meetings/store.js';
import { meetingSettings } from '../../src/config/meetings.js';

describe('meetings: which rooms are private, as each network says', () => {
  it('reads an IRC channel’s modes: +k, +i, +s, +p make it private, taking them off makes it public again', () => {
    const modes = new RoomModes((s) => s.toLowerCase());
    assert.equal(modes.isPrivate('#rdo'), false);
    modes.set('#RDO', [{ mode: '+n' }, { mode: '+t' }]);
    assert.equal(modes.isPrivate('#rdo'), false);
    for (const flag of ['k', 'i', 's', 'p']) {
      modes.change('#rdo', [{ mode: `+${flag}` }]);
      assert.equal(modes.isPrivate('#rdo'), true, flag);
      modes.change('#rdo', [{ mode: `-${flag}` }]);
      assert.equal(modes.isPrivate('#rdo'), false, flag);
    }
    assert.equal(modes.isPrivate('#team', 'sesame'), true, 'a channel joined with a key');
  });

  it('takes a Slack private channel, group DM and DM as private, a public channel as public', () => {
    const said = { text: '#startmeeting' };
    const chat = (channel: string, channelType?: string) => slackMessage({ user: 'U1', channel, channelType }, said).roomPrivate ?? false;
    assert.equal(chat('C0PUBLIC', 'channel'), false);
    assert.equal(chat('C0PRIVATE', 'group'), true);
    assert.equal(chat('G0LEGACY'), true);
    assert.equal(chat('C0MPIM', 'mpim'), true);
    assert.equal(chat('D0DM', 'im'), true);
  });

  it('reads RDOBOT_MINUTES_PUBLISH_PRIVATE as network:room names, and refuses anything else', () => {
    assert.deepEqual(meetingSettings({ RDOBOT_MINUTES_PUBLISH_PRIVATE: 'irc:#rdo-board, matrix:!abc:example.org' }).publicRooms, ['irc:#rdo-board', 'matrix:!abc:example.org']);
    assert.throws(() => meetingSettings({ RDOBOT_MINUTES_PUBLISH_PRIVATE: '#rdo-board' }), /RDOBOT_MINUTES_PUBLISH_PRIVATE: '#rdo-board' is not network:room/);
  });
});

describe('meetings: a Matrix room not open to all (matrix-js-sdk against the homeserver stand-in)', function () {
  this.timeout(60_000);
  let fx: MatrixFixture;
  let t: TestBot;
  let board: string;
  let open: string;

  before(async () => {
    t = await fixtureBot({ archiveDirs: [FIXTURE_POSTS], meetingsDirs: [RUN_DEFINITIONS], dataDir: mkdtempSync(join(tmpdir(), 'rdobot-matrix-private-')), publicUrl: 'https://bot.example.org/' });
    fx = await new MatrixFixture().setUp(t.context);
    fx.hs.addUser('@alice:hs.test', { displayname: 'alice' });
    board = fx.hs.createRoom({ name: 'board', alias: '#board:hs.test', creator: OP, members: ['@alice:hs.test'] });
    fx.hs.world.append(board, { type: 'm.room.join_rules', sender: OP, state_key: '', content: { join_rule: 'invite' } });
    open = fx.hs.createRoom({ name: 'open', alias: '#open:hs.test', creator: OP, members: ['@alice:hs.test'] });
    await fx.startBot({ rooms: ['#board:hs.test', '#open:hs.test'] });
  });
  after(async () => {
    await fx?.tearDown();
    t?.bot.close();
  });

  it('keeps an invite-only room’s minutes private and publishes a public room’s', async () => {
    for (const room of [board, open]) {
      for (const line of ['#startmeeting budget', '#info the budget is secret', '#endmeeting']) fx.hs.say(room, '@alice:hs.test', line);
      await until(() => fx.sent(room).some((e) => String(e.content.body).startsWith('Meeting ended')), 10_000, `the end of the meeting in ${room}`);
    }
    const rows = t.bot.meetings.store.ended();
    assert.equal(rows.find((r) => r.room === board)!.private, 1);
    assert.equal(rows.find((r) => r.room === open)!.private, 0);
    assert.match(String(fx.sent(board).find((e) => String(e.content.body).startsWith('Meeting ended'))!.content.body), /not public/);
    assert.match(String(fx.sent(open).find((e) => String(e.content.body).startsWith('Meeting ended'))!.content.body), /Minutes: https:\/\/bot\.example\.org\/meetings\//);
  });
});

describe('meetings: publication is never lost', () => {
  it('writes at start the minutes of a meeting that ended without them, and publishes an opted-in private room', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rdobot-minutes-retry-'));
    const store = MeetingStore.inDataDir(dataDir);
    const at = Date.UTC(2026, 11, 9, 15, 0);
    for (const room of ['#rdo', '#rdo-board']) {
      const row = store.start({ network: 'irc', room, name: 'lost minutes', started: at, starter: 'alice', chairs: '["alice"]', definition: null, series: `irc:${room}:lost`, private: room === '#rdo-board' ? 1 : 0 });
      store.line(row.id, 1, at, 'alice', 'irc:alice', '#startmeeting lost minutes');
      store.update(row.id, { ended: at + 60_000 });
    }
    store.close();
    const said: string[] = [];
    const network = { adapters: () => [], deliver: async (target: string, reply: { text: string }) => void said.push(`${target} ${reply.text}`) };
    const t = await fixtureBot({ archiveDirs: [FIXTURE_POSTS], meetingsDirs: [RUN_DEFINITIONS], dataDir, network, meetings: { publicRooms: ['irc:#rdo-board'] } });
    try {
      await t.bot.meetings.running();
      const rows = t.bot.meetings.store.ended();
      assert.equal(rows.length, 2);
      for (const row of rows) {
        assert.ok(row.base, row.room);
        assert.ok(existsSync(join(dataDir, 'meetings', `${row.base}.html`)), `${row.room}: in the public directory`);
      }
      await until(() => said.length === 2, 5000, 'both rooms to hear where their minutes are');
      assert.ok(said.every((s) => /The minutes of “lost minutes” are written now\. Minutes: \/meetings\//.test(s)), said.join('\n'));
    } finally {
      t.bot.meetings.stop();
      t.bot.close();
    }
  });
});

describe('meetings: minutes written where a web server reads them', () => {
  it('writes public minutes to RDOBOT_MINUTES_DIR, outside the private data directory, and serves them from there', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rdobot-minutes-data-'));
    const minutesDir = join(mkdtempSync(join(tmpdir(), 'rdobot-minutes-www-')), 'meetings');
    const t = await fixtureBot({ archiveDirs: [FIXTURE_POSTS], meetingsDirs: [RUN_DEFINITIONS], dataDir, meetings: { minutesDir } });
    try {
      for (const text of ['#startmeeting web', '#endmeeting']) await t.ask(text, { network: 'irc', room: '#rdo', user: { id: 'alice', name: 'alice', verified: false } });
      const row = t.bot.meetings.store.ended()[0];
      assert.ok(existsSync(join(minutesDir, `${row.base}.html`)));
      assert.ok(!existsSync(join(dataDir, 'meetings')));
      const served = t.bot.minutes.respond({ url: `/meetings/${row.base}.txt` });
      assert.equal(served?.status, 200);
      assert.ok(served?.stream && served.stream.size > 0, 'streamed from the file');
    } finally {
      t.bot.close();
    }
  });
});
