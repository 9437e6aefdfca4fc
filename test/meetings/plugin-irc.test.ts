import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIrcAdapter, readIrcOptions } from '../../adapters/irc/index.js';
import { BUILT_IN_PLUGINS } from '../../commands/index.js';
import { MEETBOT_COMMANDS } from '../../src/meetings/commands-table.js';
import type { Adapter } from '../../src/core/types.js';
import { fixtureBot, FIXTURE_POSTS, type TestBot } from '../helpers/bot.js';
import { FAST_ENV } from '../helpers/irc-fixture.js';
import { hasBinary, NGIRCD, startNgircd, type IrcServer } from '../helpers/irc-server.js';
import { IrcUser } from '../helpers/irc-user.js';
import { LINE_GAP_MS, MEETING_CHANNEL, MEETING_START, RUN_DEFINITIONS } from '../helpers/meeting-transcript.js';
import { TickingClock } from '../helpers/ticking-clock.js';
import { releasePlugin } from './release-names-plugin.js';

describe('meetings over a real IRC server (ngircd): a plugin’s #release', function () {
  this.timeout(60_000);
  let server: IrcServer;
  let t: TestBot;
  let adapter: Adapter;
  const chair = new IrcUser('mkowal');
  const other = new IrcUser('ochen');

  before(async function () {
    if (!hasBinary(NGIRCD)) this.skip();
    server = await startNgircd();
    t = await fixtureBot(
      {
        archiveDirs: [FIXTURE_POSTS],
        meetingsDirs: [RUN_DEFINITIONS],
        dataDir: mkdtempSync(join(tmpdir(), 'rdobot-irc-plugin-')),
        publicUrl: 'https://bot.example.org/',
        meetings: { clock: new TickingClock(MEETING_START, LINE_GAP_MS) },
      },
      [...BUILT_IN_PLUGINS, releasePlugin()],
    );
    adapter = createIrcAdapter(t.context, readIrcOptions({ IRC_HOST: server.host, IRC_PORT: String(server.port), IRC_NICK: 'rdobot', ...FAST_ENV, IRC_CHANNELS: MEETING_CHANNEL, IRC_FLOOD_BURST: '10', IRC_FLOOD_INTERVAL_MS: '100' }));
    await adapter.start();
    for (const u of [chair, other]) {
      await u.connect(server.host, server.port);
      await u.join(MEETING_CHANNEL);
    }
  });

  after(async () => {
    chair.close();
    other.close();
    await adapter?.stop();
    t?.bot.close();
    await server?.close();
  });

  const bot = (since: number) => other.from('rdobot', since);
  const answer = (text: string, since: number, what: string) => other.waitFor((h) => h.from === 'rdobot' && h.text.startsWith(text), 10_000, what, since);

  it('runs #release in a meeting: chairs only, one line back, in the channel’s #commands and in the minutes', async () => {
    let since = other.heard.length;
    chair.say(MEETING_CHANNEL, '#startmeeting');
    await answer('Meeting started', since, 'the start');

    since = other.heard.length;
    other.say(MEETING_CHANNEL, '#release Falcon');
    await answer('Only a chair (mkowal) can use #release.', since, 'the refusal');

    since = other.heard.length;
    chair.say(MEETING_CHANNEL, '#release Kestrel');
    await answer('Release named: Kestrel', since, 'the answer');
    other.say(MEETING_CHANNEL, '#commands');
    await answer('From plugins: #release #codename', since, 'the plugins’ commands');
    await other.settle(500);
    assert.deepEqual(
      bot(since).map((h) => h.text),
      ['Release named: Kestrel PRIVMSG #rdo-test :owned', `Meeting commands: ${Object.keys(MEETBOT_COMMANDS).map((w) => `#${w}`).join(' ')}`, 'From plugins: #release #codename'],
      'the smuggled command stayed words on the one line',
    );

    since = other.heard.length;
    chair.say(MEETING_CHANNEL, '#endmeeting');
    await answer('Meeting ended', since, 'the end');
    const row = t.bot.meetings.store.ended()[0];
    const minutes = readFileSync(join(t.bot.meetings.dir, `${row.base}.txt`), 'utf8');
    assert.match(minutes, /\nReleases\n--------\n {2}\* Kestrel \(mkowal, \d\d:\d\d:\d\d\)\n$/);
  });
});
