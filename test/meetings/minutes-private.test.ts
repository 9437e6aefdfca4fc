import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_POSTS } from '../helpers/bot.js';
import { ircBot, type IrcBot } from '../helpers/irc-fixture.js';
import { hasBinary, NGIRCD, startNgircd, type IrcServer } from '../helpers/irc-server.js';
import { IrcUser } from '../helpers/irc-user.js';
import { RUN_DEFINITIONS } from '../helpers/meeting-transcript.js';
import { until } from '../helpers/wait.js';
import { HttpEndpoint } from '../../src/http/server.js';
import { botSite } from '../../src/web/bot-site.js';

/**
 * The reproduction of issue 30: a meeting in a keyed (+k) channel about an embargoed CVE was served under
 * /meetings/secret/…, listed in /api/minutes and /meetings/, found by `!minutes search embargoed` and `!actions` from a
 * public channel, and /healthz named the channel. Over a real ngircd, the bot in a public, a keyed (+k, the key in
 * its settings) and a secret (+s, found from the channel's modes) channel.
 */
describe('meetings in private IRC channels stay in them (ngircd, +k and +s)', function () {
  this.timeout(90_000);
  let server: IrcServer;
  let rdobot: IrcBot;
  let alice: IrcUser;
  let http: HttpEndpoint;
  let url: string;

  /** Say a line in a channel and wait for the bot's answer there. */
  async function ask(channel: string, text: string, answer: (t: string) => boolean = () => true): Promise<string> {
    // The last answer's lines all in first: a list comes as several lines.
    await alice.settle(400, 10_000);
    const since = alice.heard.length;
    alice.say(channel, text);
    return (await alice.waitFor((h) => h.from === 'rdobot' && h.target.toLowerCase() === channel && answer(h.text), 15_000, `the answer to ${text} in ${channel}`, since)).text;
  }

  before(async function () {
    if (!hasBinary(NGIRCD)) this.skip();
    server = await startNgircd();
    // alice makes the private channels before the bot comes: she is their operator and sets their modes.
    alice = new IrcUser('alice');
    await alice.connect(server.host, server.port);
    await alice.join('#secret');
    alice.client.raw('MODE #secret +k sesame');
    await alice.join('#hidden');
    alice.client.raw('MODE #hidden +s');
    await alice.join('#public');
    await alice.settle(500, 5000);
    rdobot = await ircBot(server, { IRC_CHANNELS: '#public,#secret sesame,#hidden', IRC_PING_TIMEOUT_MS: '30000', IRC_FLOOD_BURST: '20', IRC_FLOOD_INTERVAL_MS: '50' }, [FIXTURE_POSTS], {
      meetingsDirs: [RUN_DEFINITIONS],
      dataDir: mkdtempSync(join(tmpdir(), 'rdobot-irc-private-')),
      publicUrl: 'https://bot.example.org/',
    });
    http = new HttpEndpoint(rdobot.bot.bot, { host: '127.0.0.1', port: 0, site: botSite(rdobot.bot.bot) });
    url = `http://127.0.0.1:${await http.start()}`;
    // The bot asks each channel's modes as it joins: give the answers time to arrive.
    await until(() => /private channels/.test(rdobot.adapter.status?.()?.detail ?? ''), 10_000, 'the bot to know the private channels');
    for (const [channel, topic] of [['#secret', 'CVE-2026-0001 embargoed until Friday'], ['#hidden', 'hidden embargoed plans'], ['#public', 'the public release']]) {
      await ask(channel, '#startmeeting embargo review', (t) => t.startsWith('Meeting started'));
      // Items are recorded without an acknowledgement, as MeetBot does.
      alice.say(channel, `#info ${topic}`);
      alice.say(channel, `#action alice patch the embargoed ${channel.slice(1)} thing`);
      await ask(channel, '#endmeeting', (t) => t.startsWith('Meeting ended'));
    }
  });

  after(async () => {
    alice?.close();
    await http?.stop();
    await rdobot?.adapter.stop();
    rdobot?.bot.bot.close();
    await server?.close();
  });

  it('records the private channels’ meetings as private, the public one’s as public', () => {
    const rows = rdobot.bot.bot.meetings.store.ended();
    assert.deepEqual(Object.fromEntries(rows.map((r) => [r.room, r.private])), { '#secret': 1, '#hidden': 1, '#public': 0 });
  });

  it('gives no address at the end of a private meeting, and every address at the end of a public one', () => {
    const ends = alice.heard.filter((h) => h.from === 'rdobot' && h.text.startsWith('Meeting ended'));
    assert.match(ends.find((h) => h.target === '#secret')!.text, /not public: its minutes are kept, not published/);
    assert.ok(!ends.find((h) => h.target === '#secret')!.text.includes('https://'));
    assert.match(ends.find((h) => h.target === '#public')!.text, /Minutes: https:\/\/bot\.example\.org\/meetings\/public\//);
  });

  it('finds a private meeting with !minutes search and !actions only in its own channel', async () => {
    const fromPublic = await ask('#public', '!minutes search embargoed', (t) => /mention/.test(t));
    assert.ok(!/secret|hidden|CVE/.test(fromPublic), fromPublic);
    await ask('#public', '!actions', (t) => /open action item/.test(t));
    await alice.settle(1500, 15_000);
    const actions = alice.heard.slice(alice.heard.findLastIndex((h) => /open action item/.test(h.text))).filter((h) => h.from === 'rdobot').map((h) => h.text).join('\n');
    assert.match(actions, /embargoed public thing/);
    assert.ok(!/secret|hidden/.test(actions), actions);
    assert.match(await ask('#public', '!minutes search CVE', (t) => /mention/.test(t)), /No minutes mention/);
    assert.match(await ask('#secret', '!minutes search CVE', (t) => /meeting|minutes/.test(t)), /1 meeting mention/);
    await ask('#secret', '!actions', (t) => /open action item/.test(t));
    await alice.settle(1500, 15_000);
    const listed = alice.heard.slice(alice.heard.findLastIndex((h) => /open action item/.test(h.text))).filter((h) => h.from === 'rdobot' && h.target === '#secret').map((h) => h.text).join('\n');
    assert.match(listed, /embargoed secret thing/);
    assert.ok(!/hidden/.test(listed), listed);
  });

  it('never serves, lists or names a private meeting over HTTP, nor on /healthz', async () => {
    for (const path of ['/meetings/', '/api/minutes', '/api/minutes?q=embargoed', '/api/minutes?meeting=embargo']) {
      const body = await (await fetch(`${url}${path}`)).text();
      assert.ok(!/secret|hidden|CVE/.test(body), `${path}: ${body.slice(0, 300)}`);
    }
    for (const row of rdobot.bot.bot.meetings.store.ended().filter((r) => r.private)) {
      for (const format of ['html', 'txt', 'md', 'log.html']) assert.equal((await fetch(`${url}/meetings/${row.base}.${format}`)).status, 404, `${row.base}.${format}`);
    }
    const detail = rdobot.adapter.status!().detail ?? '';
    assert.ok(!/secret|hidden/.test(detail) && /#public, 2 private channels/.test(detail), detail);
    const health = await (await fetch(`${url}/healthz`)).text();
    assert.ok(!/secret|hidden/.test(health), health);
  });
});
