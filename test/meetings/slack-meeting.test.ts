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
    const nicks = [...new Set(transcript().map((l) => l.nick))];
    for (const nick of [...nicks, 'vquiet', 'newbie']) fx.api.people.set(slackId(nick), { name: nick });
    // The channel's members, over two pages: the transcript's people, 230 others users.info does not know, and vquiet,
    // who never says a word.
    fx.api.members.set('C0RDO', [...nicks.map(slackId), ...Array.from({ length: 230 }, (_, i) => `U0FILL${i}`), slackId('vquiet')]);
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
  });

  it('makes a channel member who has not spoken an owner, following joins and leaves', async () => {
    const say = async (text: string) => {
      const handled = fx.handled.length;
      await fx.event(fx.chat(text, { user: slackId('mkowal') }));
      await until(() => fx.handled.length > handled, 5000, text);
    };
    await say('#startmeeting Quiet owners');
    await say('#action vquiet check the mirrors');
    // newbie joins the channel during the meeting; vquiet leaves it.
    await fx.event({ type: 'member_joined_channel', user: slackId('newbie'), channel: 'C0RDO', channel_type: 'C', team: 'T0RDO' });
    await fx.event({ type: 'member_left_channel', user: slackId('vquiet'), channel: 'C0RDO', channel_type: 'C', team: 'T0RDO' });
    await until(() => fx.api.calls.some((c) => c.method === 'users.info' && c.args.user === slackId('newbie')), 5000, 'newbie to be named');
    await say('#action newbie write the release notes');
    await say('#action vquiet review them');
    await say('#endmeeting');
    const store = bot.bot.meetings.store;
    const row = store.ended().find((r) => r.name === 'Quiet owners')!;
    assert.deepEqual(
      buildMinutes(store, row).actions.map((a) => `${a.owners.join(', ') || 'unassigned'}: ${a.text}`),
      ['vquiet: check the mirrors', 'newbie: write the release notes', 'unassigned: vquiet review them'],
    );
    // Known by their Slack user id though they never spoke: their own #done and their private reminder reach them.
    assert.deepEqual(store.actionsOf(row.id).filter((a) => a.owner).map((a) => a.owner_key), [`slack:${slackId('vquiet')}`, `slack:${slackId('newbie')}`]);
    assert.equal(fx.api.calls.filter((c) => c.method === 'conversations.members').length, 2, 'the channel’s members asked once, in two pages');
    bot.bot.close();
  });
});
