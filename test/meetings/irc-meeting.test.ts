import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_POSTS } from '../helpers/bot.js';
import { ircBot, type IrcBot } from '../helpers/irc-fixture.js';
import { hasBinary, NGIRCD, startNgircd, type IrcServer } from '../helpers/irc-server.js';
import { IrcUser } from '../helpers/irc-user.js';
import { EXPECTED_OUTLINE, LINE_GAP_MS, MEETING_CHANNEL, MEETING_START, outline, RUN_DEFINITIONS, transcript } from '../helpers/meeting-transcript.js';
import { TickingClock } from '../helpers/ticking-clock.js';
import { buildMinutes } from '../../src/meetings/minutes.js';

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
    for (const nick of new Set(transcript().map((l) => l.nick))) {
      const u = new IrcUser(nick);
      await u.connect(server.host, server.port);
      await u.join(MEETING_CHANNEL);
      people.set(nick, u);
    }
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
    assert.match(ended.text, /Minutes: https:\/\/bot\.example\.org\/meetings\/rdo-test\/2026-12-02\/rdo_community_meeting\.2026-12-02-14\.00\.html · Log: /);
    const store = rdobot.bot.bot.meetings.store;
    assert.deepEqual(outline(buildMinutes(store, store.ended()[0])), EXPECTED_OUTLINE);
    // The refused #topic was answered, and only once in the channel.
    assert.equal(observer.heard.filter((h) => h.from === 'rdobot' && h.text.startsWith('Only a chair')).length, 1);
  });
});
