import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Reply } from '../../src/core/types.js';
import { REMINDER_DEFAULTS } from '../../src/schedule/reminders/config.js';
import { ReminderStore } from '../../src/schedule/reminders/store.js';
import { ReminderScheduler } from '../../src/schedule/reminders/scheduler.js';
import { fixtureBot, FIXTURE_POSTS, type TestBot } from '../helpers/bot.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { LINE_GAP_MS, MEETING_CHANNEL, MEETING_START, RUN_DEFINITIONS, transcript } from '../helpers/meeting-transcript.js';
import { TickingClock } from '../helpers/ticking-clock.js';

interface Sent {
  at: string;
  target: string;
  reply: Reply;
}

/** A scheduler over the bot's action reminders alone (no channel subscriptions), on a fake clock, sending to a network that is always up. */
function scheduler(t: TestBot, store: ReminderStore, startIso: string, sent: Sent[]) {
  const clock = new FakeClock(Date.parse(startIso));
  const s = new ReminderScheduler({
    store,
    clock,
    config: { ...REMINDER_DEFAULTS, subscriptions: [] },
    definitions: () => ({ meetings: t.bot.schedule.meetings, testDays: [] }),
    extra: (from, to) => t.bot.meetings.plan(from, to),
    deliver: async (target, _preview, { claim }) => {
      const reply = claim();
      if (reply) sent.push({ at: new Date(clock.millis()).toISOString(), target, reply });
    },
  });
  return { s, advanceTo: (iso: string) => clock.advanceTo(Date.parse(iso), () => s.idle()) };
}

describe('meetings: action items reach their owners before the next meeting', () => {
  it('each owner gets one private message a day before the next occurrence, with their open actions, once across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rdobot-meet-rem-'));
    const t = await fixtureBot({ archiveDirs: [FIXTURE_POSTS], meetingsDirs: [RUN_DEFINITIONS], dataDir, meetings: { clock: new TickingClock(MEETING_START, LINE_GAP_MS) } });
    for (const l of transcript()) await t.ask(l.text, { network: 'irc', room: MEETING_CHANNEL, user: { id: l.nick, name: l.nick, verified: false } });
    // One owner finished early: they have nothing left to hear about.
    const store = new ReminderStore(join(dataDir, 'reminders.sqlite'));
    const sent: Sent[] = [];
    const first = scheduler(t, store, '2026-12-02T15:00:00Z', sent);
    await first.s.start();
    await first.advanceTo('2026-12-08T18:00:00Z');
    await first.s.stop();
    // The restarted service plans the same reminders again and sends none twice.
    const second = scheduler(t, store, '2026-12-08T18:00:00Z', sent);
    await second.s.start();
    await second.advanceTo('2026-12-09T15:00:00Z');
    await second.s.stop();
    store.close();
    const got = sent.map((s) => `${s.at} ${s.target} ${s.reply.text}`).sort();
    const head = '2026-12-08T14:00:00.000Z';
    const before = 'Before RDO Community Meeting (Wed 9 Dec 14:00 UTC), your open action';
    assert.deepEqual(got, [
      `${head} dm:irc:ateixeira ${before} item: fix the specs of python-bar and openstack-baz.`,
      `${head} dm:irc:dpark ${before} item: write the test day announcement post.`,
      `${head} dm:irc:lbianchi ${before} item: rebuild python-foo against the new oslo.`,
      `${head} dm:irc:ochen ${before} item: update the packstack quickstart for Kestrel.`,
      `${head} dm:irc:rsingh ${before} items: fix the specs of python-bar and openstack-baz; check the mirror sync job with infra.`,
    ]);
    t.bot.close();
  });

  it('an action done before the reminder is due is left out of it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rdobot-meet-rem-'));
    const clock = new TickingClock(MEETING_START, LINE_GAP_MS);
    const t = await fixtureBot({ archiveDirs: [FIXTURE_POSTS], meetingsDirs: [RUN_DEFINITIONS], dataDir, meetings: { clock } });
    const say = (nick: string, text: string) => t.ask(text, { network: 'irc', room: MEETING_CHANNEL, user: { id: nick, name: nick, verified: false } });
    await say('mkowal', '#startmeeting');
    await say('mkowal', '#action lbianchi: rebuild python-foo');
    await say('mkowal', '#endmeeting');
    // An extra meeting on Friday closes it.
    clock.set(MEETING_START.plus({ days: 2 }));
    await say('mkowal', '#startmeeting RDO Community Meeting');
    await say('lbianchi', '#done 1');
    await say('mkowal', '#endmeeting');
    const sent: Sent[] = [];
    const store = new ReminderStore(':memory:');
    const run = scheduler(t, store, '2026-12-04T15:00:00Z', sent);
    await run.s.start();
    await run.advanceTo('2026-12-09T15:00:00Z');
    await run.s.stop();
    assert.deepEqual(sent, []);
    t.bot.close();
  });
});
