import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureBot, FIXTURE_POSTS, type TestBot } from '../helpers/bot.js';
import { MatrixFixture, OP } from '../helpers/matrix-fixture.js';
import { until } from '../helpers/wait.js';
import { EXPECTED_OUTLINE, LINE_GAP_MS, MEETING_START, outline, RUN_DEFINITIONS, transcript } from '../helpers/meeting-transcript.js';
import { TickingClock } from '../helpers/ticking-clock.js';
import { buildMinutes } from '../../src/meetings/minutes.js';

const mxid = (nick: string) => `@${nick}:hs.test`;

describe('meetings through Matrix (matrix-js-sdk against the homeserver stand-in)', function () {
  this.timeout(60_000);
  let fx: MatrixFixture;
  let t: TestBot;
  let room: string;

  before(async () => {
    t = await fixtureBot({
      archiveDirs: [FIXTURE_POSTS],
      meetingsDirs: [RUN_DEFINITIONS],
      dataDir: mkdtempSync(join(tmpdir(), 'rdobot-matrix-meet-')),
      publicUrl: 'https://bot.example.org/',
      meetings: { clock: new TickingClock(MEETING_START, LINE_GAP_MS) },
    });
    fx = await new MatrixFixture().setUp(t.context);
    const nicks = [...new Set(transcript().map((l) => l.nick))];
    for (const nick of nicks) fx.hs.addUser(mxid(nick), { displayname: nick });
    // In the room, never says a word: an owner all the same when an #action names him (by localpart or display name).
    fx.hs.addUser(mxid('vquiet'), { displayname: 'Valentin' });
    room = fx.hs.createRoom({ name: 'rdo-test', alias: '#rdo-test:hs.test', creator: OP, members: [...nicks.map(mxid), mxid('vquiet')] });
    await fx.startBot({ rooms: ['#rdo-test:hs.test'] });
  });

  after(async () => {
    await fx?.tearDown();
    t?.bot.close();
  });

  it('records the transcript typed with the same # spelling and publishes minutes with exactly its topics, items and owners', async () => {
    // A Matrix room id names no irc-meetings channel: the meeting is named as it starts.
    const lines = transcript().map((l, i) => (i === 0 ? { ...l, text: '#startmeeting RDO Community Meeting' } : l));
    for (const [i, l] of lines.entries()) {
      const handled = fx.handled.length;
      fx.hs.say(room, mxid(l.nick), l.text);
      // In order: each line, chat included, reaches the core before the next is said.
      await until(() => fx.handled.length > handled, 5000, `line ${i + 1} to reach the core`);
    }
    await until(() => fx.sent(room).some((e) => String(e.content.body).startsWith('Meeting ended')), 10_000, 'the end of the meeting');
    const store = t.bot.meetings.store;
    const row = store.ended()[0];
    assert.equal(row.network, 'matrix');
    assert.deepEqual(outline(buildMinutes(store, row)), { ...EXPECTED_OUTLINE, topics: EXPECTED_OUTLINE.topics.slice(1) });
    // Owners are known by their MXID once a line of theirs reached the core: every line does, so dpark, who only
    // chatted, is known too, as on IRC and Slack.
    assert.deepEqual(
      [...new Set(store.actionsOf(row.id).map((a) => a.owner_key))].sort(),
      ['ateixeira', 'dpark', 'lbianchi', 'ochen', 'rsingh'].map((n) => `matrix:${mxid(n)}`),
    );
    const ended = fx.sent(room).find((e) => String(e.content.body).startsWith('Meeting ended'))!;
    assert.match(String(ended.content.body), /https:\/\/bot\.example\.org\/meetings\/rdo-test-hs-test-[0-9a-f]{10}\/2026-12-02\/rdo_community_meeting\.2026-12-02-14\.00-\d+\.html/);
  });

  it('records an m.emote (/me) as the person’s line, counted with their others', async () => {
    const lines: [string, string, Record<string, unknown>][] = [
      ['mkowal', '#startmeeting Emotes', {}],
      ['ochen', 'waves at everyone', { msgtype: 'm.emote' }],
      ['ochen', 'hello', {}],
      ['mkowal', '#endmeeting', {}],
    ];
    for (const [nick, text, extra] of lines) {
      const handled = fx.handled.length;
      fx.hs.say(room, mxid(nick), text, extra);
      await until(() => fx.handled.length > handled, 5000, `${nick}: ${text}`);
    }
    const store = t.bot.meetings.store;
    await until(() => store.ended().some((r) => r.name === 'Emotes'), 5000, 'the meeting to end');
    const row = store.ended().find((r) => r.name === 'Emotes')!;
    const emote = store.lines(row.id).find((l) => l.emote === 1);
    assert.deepEqual(emote && { nick: emote.nick, text: emote.text }, { nick: 'ochen', text: 'waves at everyone' });
    assert.equal(buildMinutes(store, row).people.find((p) => p.nick === 'ochen')?.lines, 2);
  });

  it('makes a member of the room who has not spoken an owner when an #action names him', async () => {
    const lines = ['#startmeeting Quiet owners', '#action vquiet check the mirrors', '#action ask Valentin about the CDN', '#endmeeting'];
    for (const text of lines) {
      const handled = fx.handled.length;
      fx.hs.say(room, mxid('mkowal'), text);
      await until(() => fx.handled.length > handled, 5000, text);
    }
    const store = t.bot.meetings.store;
    await until(() => store.ended().some((r) => r.name === 'Quiet owners'), 5000, 'the meeting to end');
    const row = store.ended().find((r) => r.name === 'Quiet owners')!;
    assert.deepEqual(
      buildMinutes(store, row).actions.map((a) => `${a.owners.join(', ')}: ${a.text}`),
      ['vquiet: check the mirrors', 'Valentin: ask Valentin about the CDN'],
    );
    // Known by their Matrix user id though they never spoke: their own #done and their private reminder reach them.
    assert.deepEqual(store.actionsOf(row.id).map((a) => a.owner_key), [`matrix:${mxid('vquiet')}`, `matrix:${mxid('vquiet')}`]);
  });
});

