import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { FIXTURE_POSTS } from '../helpers/bot.js';
import { ircBot, type IrcBot } from '../helpers/irc-fixture.js';
import { hasBinary, NGIRCD, startNgircd, type IrcServer } from '../helpers/irc-server.js';
import { IrcUser, joinAll, type Heard } from '../helpers/irc-user.js';
import { TickingClock } from '../helpers/ticking-clock.js';
import { until } from '../helpers/wait.js';
import { buildMinutes } from '../../src/meetings/minutes.js';

const CHANNEL = '#parity';
/** How many #info lines the burst before #endmeeting has, and how soon after it the end must be said. */
const BURST = 300;
const END_WITHIN_MS = 2_000;

describe('meetings at MeetBot’s level over a real IRC server (ngircd), six people', function () {
  this.timeout(180_000);
  let server: IrcServer;
  let rdobot: IrcBot;
  const people = new Map<string, IrcUser>();
  let observer: IrcUser;
  const fromBot = (h: Heard) => h.from === 'rdobot' && h.target === CHANNEL;
  const user = (nick: string) => people.get(nick)!;

  before(async function () {
    if (!hasBinary(NGIRCD)) this.skip();
    server = await startNgircd();
    rdobot = await ircBot(
      server,
      // The bot's real pace (a line a second after a burst of 4): 300 acknowledgements would take five minutes.
      { IRC_CHANNELS: CHANNEL, IRC_PING_TIMEOUT_MS: '30000', IRC_FLOOD_BURST: '4', IRC_FLOOD_INTERVAL_MS: '1000', IRC_MAX_LINES: '6', IRC_MEETING_TOPIC: 'true', IRC_BOLD: 'false' },
      [FIXTURE_POSTS],
      { dataDir: mkdtempSync(join(tmpdir(), 'rdobot-irc-parity-')), meetings: { clock: new TickingClock(DateTime.fromISO('2026-12-03T10:00:00Z', { zone: 'utc' }), 1_000) } },
    );
    observer = new IrcUser('observer');
    await observer.connect(server.host, server.port);
    await observer.join(CHANNEL);
    await joinAll(people, server.host, server.port, CHANNEL, ['alice', 'bob', 'carol', 'dave', 'erin', 'mallory']);
  });

  after(async () => {
    for (const u of people.values()) u.close();
    observer?.close();
    await rdobot?.adapter.stop();
    rdobot?.bot.bot.close();
    await server?.close();
  });

  /** Say a line as one of the six (named as they joined, whatever their nick now) and wait until the observer has it (so the bot, on the same server, has it in order too). */
  const say = async (nick: string, text: string) => {
    const since = observer.heard.length;
    user(nick).say(CHANNEL, text);
    await observer.waitFor((h) => h.target === CHANNEL && h.text === text, 10_000, `${nick}: ${text}`, since);
  };
  const botSays = (what: RegExp, since: number, label: string) => observer.waitFor((h) => fromBot(h) && what.test(h.text), 15_000, label, since);
  const rename = async (u: IrcUser, nick: string) => {
    u.client.changeNick(nick);
    await until(() => u.client.user.nick === nick, 5_000, `${u.nick} to become ${nick}`);
  };

  it('records /me, a vote, MeetBot-style owners; keeps the chair after a rename; answers #endmeeting promptly after a burst; lists open actions next time', async () => {
    let since = observer.heard.length;
    await say('alice', '#startmeeting Parity weekly');
    await botSays(/^Meeting started .*Parity weekly\. Chairs: alice\./, since, 'the start');

    // The channel topic follows #topic (the bot created the channel: it may set the topic).
    await say('alice', '#topic Packaging');
    await until(() => observer.raw.some((l) => / TOPIC #parity :Packaging\s*$/.test(l)), 10_000, 'the channel topic to follow #topic');

    // /me, as IRC clients send it (CTCP ACTION).
    user('bob').client.raw(`PRIVMSG ${CHANNEL} :\x01ACTION waves\x01`);
    await say('carol', 'hi all');
    await say('dave', 'o/');

    // Owners named MeetBot's way: every nick seen in the meeting that the line names.
    await say('alice', '#action bob carol run packstack scenario001');
    await say('alice', '#action follow up with dave about the mirrors');
    // erin has said nothing yet, but is in the channel: named, she is an owner too.
    await say('alice', '#action ask erin to review the docs');

    // A vote: one per person, the last counts.
    since = observer.heard.length;
    await say('alice', '#startvote Ship Kestrel on Thursday? yes, no');
    await botSays(/^Begin voting on: Ship Kestrel on Thursday\?/, since, 'the vote to open');
    await say('bob', '#vote yes');
    await say('carol', '#vote no');
    await say('carol', '#vote yes');
    since = observer.heard.length;
    await say('alice', '#endvote');
    const result = await botSays(/^Voted on:/, since, 'the result of the vote');
    assert.equal(result.text, 'Voted on: Ship Kestrel on Thursday? yes (2): bob, carol; no (0). Result: yes.');

    // The chair renames; mallory takes the old nick and tries to end the meeting.
    await rename(user('alice'), 'alice_away');
    await rename(user('mallory'), 'alice');
    since = observer.heard.length;
    await say('mallory', '#endmeeting');
    const refused = await botSays(/^Only a chair/, since, 'the impostor refused');
    // The chair is named by the nick they now hold (the adapter saw the NICK), not by the one the impostor took.
    assert.equal(refused.text, 'Only a chair (alice_away) can use #endmeeting.');
    await say('mallory', '#undo');

    // A burst of #info lines from four people, then #endmeeting from the real chair under their new nick.
    const burst = ['bob', 'carol', 'dave', 'erin'];
    for (let i = 0; i < BURST; i++) user(burst[i % burst.length]).say(CHANNEL, `#info burst item ${i}`);
    await until(() => observer.heard.filter((h) => h.text.startsWith('#info burst item')).length === BURST, 120_000, 'the burst to be said');
    since = observer.heard.length;
    await say('alice', '#endmeeting');
    const endSaid = observer.heard.slice(since).find((h) => h.text === '#endmeeting')!;
    const ended = await botSays(/^Meeting ended/, since, 'the end of the meeting');
    assert.ok(ended.at - endSaid.at <= END_WITHIN_MS, `#endmeeting answered ${ended.at - endSaid.at} ms after it was said`);
    if (process.env.MEETING_TIMING) console.log(`#endmeeting answered ${ended.at - endSaid.at} ms after a burst of ${BURST} #info lines`);
    assert.equal(observer.heard.filter((h) => fromBot(h) && /Noted|recorded/.test(h.text)).length, 0, 'no acknowledgement per item');
    await until(() => observer.raw.some((l) => / TOPIC #parity :?\s*$/.test(l)), 10_000, 'the channel topic put back at the end');

    const store = rdobot.bot.bot.meetings.store;
    const row = store.ended()[0];
    const minutes = buildMinutes(store, row);
    assert.deepEqual(
      minutes.actions.map((a) => `${a.owners.join(', ')}: ${a.text}`),
      ['bob, carol: run packstack scenario001', 'dave: follow up with dave about the mirrors', 'erin: ask erin to review the docs'],
      'owners named MeetBot’s way; the impostor’s #undo took nothing back',
    );
    const emote = store.lines(row.id).find((l) => l.emote === 1);
    assert.deepEqual(emote && { nick: emote.nick, text: emote.text }, { nick: 'bob', text: 'waves' });
    assert.equal(minutes.people.find((p) => p.nick === 'bob')?.lines, 2 + BURST / 4, 'the /me line is counted');
    assert.deepEqual(JSON.parse(row.chairs), ['alice_away']);

    // The next meeting of the series lists its open actions, numbered, and the owner closes one.
    since = observer.heard.length;
    await say('mallory', '#startmeeting Parity weekly'); // mallory, under the nick "alice", is no chair of the series
    await botSays(/^Meeting started/, since, 'the squatted start');
    await observer.settle(1_500);
    assert.ok(!observer.heard.slice(since).some((h) => fromBot(h) && /^1\. /.test(h.text)), 'the squatter is not given the series’ actions');
    since = observer.heard.length;
    await say('mallory', '#endmeeting');
    await botSays(/^Meeting ended/, since, 'the squatted meeting ended');
    await observer.settle(1_000); // the end's further lines (the text and Markdown addresses) all in first

    since = observer.heard.length;
    await say('alice', '#startmeeting Parity weekly');
    await botSays(/^3\. erin: ask erin to review the docs$/, since, 'the open actions listed');
    const listed = observer.heard.slice(since).filter(fromBot).map((h) => h.text);
    assert.match(listed[0], /Open from last time \(#done <n> closes one\):$/);
    assert.deepEqual(listed.slice(1, 4), ['1. bob, carol: run packstack scenario001', '2. dave: follow up with dave about the mirrors', '3. erin: ask erin to review the docs']);
    since = observer.heard.length;
    await say('dave', '#done 2');
    await botSays(/^Done: action 2 from last time\.$/, since, 'the owner closing their action');
  });
});
