import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureBot, FIXTURE_POSTS } from '../helpers/bot.js';
import { SlackFixture } from '../helpers/slack-fixture.js';
import { until } from '../helpers/wait.js';
import { EXPECTED_OUTLINE, LINE_GAP_MS, MEETING_START, outline, RUN_DEFINITIONS, transcript } from '../helpers/meeting-transcript.js';
import { TickingClock } from '../helpers/ticking-clock.js';
import { buildMinutes } from '../../src/meetings/minutes.js';

/** Slack user ids for the transcript's people; users.info gives their nick as display name. */
const slackId = (nick: string) => `U0${nick.toUpperCase()}`;

describe('meetings through Slack (Bolt’s HTTP receiver, signed requests)', function () {
  this.timeout(60_000);
  const fx = new SlackFixture();
  let bot: Awaited<ReturnType<typeof fixtureBot>>;

  before(async () => {
    bot = await fixtureBot({
      archiveDirs: [FIXTURE_POSTS],
      meetingsDirs: [RUN_DEFINITIONS],
      dataDir: mkdtempSync(join(tmpdir(), 'rdobot-slack-meet-')),
      publicUrl: 'https://bot.example.org/',
      meetings: { clock: new TickingClock(MEETING_START, LINE_GAP_MS) },
    });
    for (const nick of new Set(transcript().map((l) => l.nick))) fx.api.people.set(slackId(nick), { name: nick });
    await fx.setUp({}, bot);
  });

  after(() => fx.tearDown());

  it('records the transcript typed with the same # spelling and publishes minutes with exactly its topics, items and owners', async () => {
    // Slack names a channel by its id, which no irc-meetings definition names: the meeting is named as it starts.
    const lines = transcript().map((l, i) => (i === 0 ? { ...l, text: '#startmeeting RDO Community Meeting' } : l));
    for (const [i, l] of lines.entries()) {
      const handled = fx.handled.length;
      const { answer } = await fx.event(fx.chat(l.text, { user: slackId(l.nick) }));
      assert.equal(answer.status, 200);
      // In order: each line reaches the core before the next is sent.
      await until(() => fx.handled.length > handled, 5000, `line ${i + 1} to reach the core`);
    }
    await until(() => fx.api.posted.some((p) => String(p.args.text ?? '').startsWith('Meeting ended')), 10_000, 'the end of the meeting');
    const store = bot.bot.meetings.store;
    const row = store.ended()[0];
    assert.equal(row.network, 'slack');
    assert.deepEqual(outline(buildMinutes(store, row)), { ...EXPECTED_OUTLINE, topics: EXPECTED_OUTLINE.topics.slice(1) });
    const ended = fx.api.posted.find((p) => String(p.args.text ?? '').startsWith('Meeting ended'))!;
    assert.match(String(ended.args.text), /https:\/\/bot\.example\.org\/meetings\/slack-c0rdo\/2026-12-02\/rdo_community_meeting\.2026-12-02-14\.00-\d+\.html/);
    // Owners are known by their Slack identity, for the private reminder.
    assert.deepEqual(
      [...new Set(store.actionsOf(row.id).map((a) => a.owner_key))].sort(),
      ['slack:T0RDO/U0ATEIXEIRA', 'slack:T0RDO/U0DPARK', 'slack:T0RDO/U0LBIANCHI', 'slack:T0RDO/U0OCHEN', 'slack:T0RDO/U0RSINGH'],
    );
  });

  it('records a me_message (/me) as the person’s line, counted with their others', async () => {
    const lines: [string, string, Record<string, unknown>][] = [
      ['mkowal', '#startmeeting Emotes', {}],
      ['ochen', 'waves at everyone', { subtype: 'me_message' }],
      ['ochen', 'hello', {}],
      ['mkowal', '#endmeeting', {}],
    ];
    for (const [nick, text, extra] of lines) {
      const handled = fx.handled.length;
      await fx.event(fx.chat(text, { user: slackId(nick), ...extra }));
      await until(() => fx.handled.length > handled, 5000, `${nick}: ${text}`);
    }
    const store = bot.bot.meetings.store;
    const row = store.ended().find((r) => r.name === 'Emotes')!;
    const emote = store.lines(row.id).find((l) => l.emote === 1);
    assert.deepEqual(emote && { nick: emote.nick, text: emote.text }, { nick: 'ochen', text: 'waves at everyone' });
    assert.equal(buildMinutes(store, row).people.find((p) => p.nick === 'ochen')?.lines, 2);
    bot.bot.close();
  });
});
