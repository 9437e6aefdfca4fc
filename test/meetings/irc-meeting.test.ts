import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_POSTS } from '../helpers/bot.js';
import { ircBot, type IrcBot } from '../helpers/irc-fixture.js';
import { hasBinary, NGIRCD, startNgircd, type IrcServer } from '../helpers/irc-server.js';
import { IrcUser, joinAll } from '../helpers/irc-user.js';
import { EXPECTED_OUTLINE, LINE_GAP_MS, MEETING_CHANNEL, MEETING_START, outline, RUN_DEFINITIONS, transcript } from '../helpers/meeting-transcript.js';
import { TickingClock } from '../helpers/ticking-clock.js';
import { buildMinutes } from '../../src/meetings/minutes.js';
import { deliverVia } from '../../src/delivery/deliver.js';
import { REMINDER_DEFAULTS } from '../../src/schedule/reminders/config.js';
import { ReminderStore } from '../../src/schedule/reminders/store.js';
import { ReminderScheduler } from '../../src/schedule/reminders/scheduler.js';
import { FakeClock } from '../helpers/fake-clock.js';

describe('meetings over a real IRC server (ngircd)', function () {
  this.timeout(120_000);
  let server: IrcServer;
  let rdobot: IrcBot;
  const people = new Map<string, IrcUser>();
  let observer: IrcUser;

  before(async function () {
    if (!hasBinary(NGIRCD)) this.skip();
    server = await startNgircd();
    rdobot = await ircBot(server, { IRC_CHANNELS: MEETING_CHANNEL, IRC_PING_TIMEOUT_MS: '30000', IRC_FLOOD_BURST: '10', IRC_FLOOD_INTERVAL_MS: '100' }, [FIXTURE_POSTS], {
      meetingsDirs: [RUN_DEFINITIONS],
      dataDir: mkdtempSync(join(tmpdir(), 'rdobot-irc-meet-')),
      publicUrl: 'https://bot.example.org/',
      meetings: { clock: new TickingClock(MEETING_START, LINE_GAP_MS) },
    });
    observer = new IrcUser('observer');
    await observer.connect(server.host, server.port);
    await observer.join(MEETING_CHANNEL);
    await joinAll(people, server.host, server.port, MEETING_CHANNEL, new Set(transcript().map((l) => l.nick)));
  });

  after(async () => {
    for (const u of people.values()) u.close();
    observer?.close();
    await rdobot?.adapter.stop();
    rdobot?.bot.bot.close();
    await server?.close();
  });

  it('records the transcript said by six people and publishes its minutes with exactly its topics, items and owners', async () => {
    const lines = transcript();
    for (const [i, l] of lines.entries()) {
      const since = observer.heard.length;
      people.get(l.nick)!.say(MEETING_CHANNEL, l.text);
      // In order: the next line is said once everyone (the bot too) has been sent this one.
      await observer.waitFor((h) => h.from === l.nick && h.text === l.text, 10_000, `line ${i + 1}`, since);
    }
    const ended = await observer.waitFor((h) => h.from === 'rdobot' && h.text.startsWith('Meeting ended'), 20_000, 'the end of the meeting');
    assert.match(ended.text, /Minutes: https:\/\/bot\.example\.org\/meetings\/rdo-test\/2026-12-02\/rdo_community_meeting\.2026-12-02-14\.00-\d+\.html · Log: /);
    const store = rdobot.bot.bot.meetings.store;
    assert.deepEqual(outline(buildMinutes(store, store.ended()[0])), EXPECTED_OUTLINE);
    // The refused #topic was answered, and only once in the channel.
    assert.equal(observer.heard.filter((h) => h.from === 'rdobot' && h.text.startsWith('Only a chair')).length, 1);
  });

  it('gives each owner their open actions privately, over IRC, a day before the next meeting, once across a restart', async () => {
    const store = new ReminderStore(join(mkdtempSync(join(tmpdir(), 'rdobot-irc-meet-rem-')), 'reminders.sqlite'));
    const bot = rdobot.bot.bot;
    const deliver = deliverVia(() => [rdobot.adapter], (network, id) => bot.addresses.nameOf(network, id));
    const life = async (from: string, to: string) => {
      const clock = new FakeClock(Date.parse(from));
      const scheduler = new ReminderScheduler({
        store,
        clock,
        config: { ...REMINDER_DEFAULTS, subscriptions: [] },
        definitions: () => ({ meetings: bot.schedule.meetings, testDays: [] }),
        extra: (f, t) => bot.meetings.plan(f, t),
        deliver: (target, reply, handoff) => deliver(target, reply, handoff),
      });
      await scheduler.start();
      await clock.advanceTo(Date.parse(to), () => scheduler.idle());
      await scheduler.stop();
    };
    await life('2026-12-02T15:00:00Z', '2026-12-08T18:00:00Z');
    await life('2026-12-08T18:00:00Z', '2026-12-09T15:00:00Z');
    store.close();
    const rsingh = people.get('rsingh')!;
    await rsingh.waitFor((h) => h.from === 'rdobot' && h.target === 'rsingh' && h.text.includes('check the mirror sync job'), 10_000, 'rsingh’s private reminder');
    for (const u of people.values()) await u.settle(300);
    const privately = (nick: string) => people.get(nick)!.heard.filter((h) => h.from === 'rdobot' && h.target === nick).map((h) => h.text);
    assert.deepEqual(privately('rsingh'), ['Before RDO Community Meeting (Wed 9 Dec 14:00 UTC), your open action items: fix the specs of python-bar and openstack-baz; check the mirror sync job with infra.']);
    for (const nick of ['ateixeira', 'dpark', 'lbianchi', 'ochen', 'rsingh']) {
      assert.equal(privately(nick).filter((l) => l.startsWith('Before RDO Community Meeting')).length, 1, `${nick}: once`);
    }
    assert.deepEqual(privately('mkowal'), [], 'no action, no message');
    assert.ok(!observer.heard.some((h) => h.text.startsWith('Before RDO Community Meeting')), 'nothing in the channel');
  });
});
