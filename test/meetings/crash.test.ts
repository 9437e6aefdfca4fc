import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_POSTS } from '../helpers/bot.js';
import { hasBinary, NGIRCD, startNgircd, type IrcServer } from '../helpers/irc-server.js';
import { IrcUser, type Heard } from '../helpers/irc-user.js';
import { spawnBot, type RunningBot } from '../helpers/spawn-bot.js';
import { EXPECTED_OUTLINE, MEETING_CHANNEL, outline, RUN_DEFINITIONS, transcript } from '../helpers/meeting-transcript.js';
import { meetbotLine } from '../../src/meetings/commands-table.js';
import { MeetingStore } from '../../src/meetings/store.js';
import { buildMinutes } from '../../src/meetings/minutes.js';

/** Lines at which the bot process is killed with SIGKILL, right after it acknowledged them. */
const KILL_AFTER = 31; // the #undo in the CI topic

describe('meetings: a kill -9 in the middle of a meeting', function () {
  this.timeout(120_000);
  let server: IrcServer;
  const people = new Map<string, IrcUser>();
  let observer: IrcUser;
  const running: RunningBot[] = [];

  before(async function () {
    if (!hasBinary(NGIRCD)) this.skip();
    server = await startNgircd();
  });

  after(async () => {
    running.forEach((b) => b.kill());
    for (const u of people.values()) u.close();
    observer?.close();
    await server?.close();
  });

  it('loses no item already acknowledged: the restarted bot says it is still recording and the minutes have everything', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rdobot-meet-crash-'));
    const env = {
      RDOBOT_ADAPTERS: 'irc',
      RDOBOT_DATA_DIR: dataDir,
      RDOBOT_ARCHIVE: FIXTURE_POSTS,
      RDOBOT_MEETINGS: RUN_DEFINITIONS,
      HTTP_PORT: '0',
      LOG_LEVEL: 'info',
      IRC_HOST: server.host,
      IRC_PORT: String(server.port),
      IRC_TLS: 'false',
      IRC_CHANNELS: MEETING_CHANNEL,
      IRC_FLOOD_BURST: '10',
      IRC_FLOOD_INTERVAL_MS: '100',
    };
    const start = async () => {
      const bot = spawnBot(env);
      running.push(bot);
      await bot.waitForLog(/joined|adapter started/, 20_000);
      return bot;
    };
    const first = await start();
    observer = new IrcUser('observer');
    await observer.connect(server.host, server.port);
    await observer.join(MEETING_CHANNEL);
    // Said at any time, not the scheduled one: the meeting is named in #startmeeting.
    const lines = transcript().map((l, i) => (i === 0 ? { ...l, text: '#startmeeting RDO Community Meeting' } : l));
    for (const nick of new Set(lines.map((l) => l.nick))) {
      const u = new IrcUser(nick);
      await u.connect(server.host, server.port);
      await u.join(MEETING_CHANNEL);
      people.set(nick, u);
    }
    const fromBot = (h: Heard) => h.from.startsWith('rdobot') && h.target === MEETING_CHANNEL;
    const say = async (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const l = lines[i];
        const since = observer.heard.length;
        people.get(l.nick)!.say(MEETING_CHANNEL, l.text);
        await observer.waitFor((h) => h.from === l.nick && h.text === l.text, 10_000, `line ${i + 1}`, since);
        // A MeetBot line that MeetBot acknowledges is answered before the next is said (the others are recorded
        // silently; lines are handled in order, so the next answer vouches for them too).
        if (meetbotLine(l.text)?.command.ack) await observer.waitFor(fromBot, 10_000, `the answer to line ${i + 1}: ${l.text}`, since);
      }
    };
    await say(0, KILL_AFTER);
    const acknowledged = observer.heard.filter(fromBot).length;
    assert.ok(acknowledged >= 5, `only ${acknowledged} acknowledgements`);
    first.child.kill('SIGKILL');
    const killed = await first.exited;
    assert.equal(killed.signal, 'SIGKILL');

    const sinceRestart = observer.heard.length;
    const second = await start();
    const back = await observer.waitFor((h) => fromBot(h) && /still recording/.test(h.text), 20_000, 'the restarted bot to say it is still recording', sinceRestart);
    assert.match(back.text, /still recording the meeting “RDO Community Meeting” here/);
    await say(KILL_AFTER, lines.length);
    const ended = await observer.waitFor((h) => fromBot(h) && h.text.startsWith('Meeting ended'), 20_000, 'the end of the meeting', sinceRestart);
    assert.match(ended.text, /Minutes: \/meetings\/rdo-test\/\d{4}-\d\d-\d\d\/rdo_community_meeting\.[\d.-]+\.html · Log: /);

    // The published minutes, over the service's own HTTP.
    const http = await second.waitForLog(/^HTTP endpoint on/);
    const base = `http://127.0.0.1:${/:(\d+)\//.exec(String(http.msg))![1]}`;
    const path = /Minutes: (\S+\.html)/.exec(ended.text)![1];
    const page = await fetch(`${base}${path}`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /check the mirror sync job with infra/);
    second.child.kill('SIGTERM');
    assert.equal((await second.exited).code, 0, second.stderr().slice(-2000));

    const store = new MeetingStore(join(dataDir, 'meetings.sqlite'));
    try {
      const got = outline(buildMinutes(store, store.ended()[0]));
      // Everything the transcript says; no agenda link (not started at the scheduled time).
      assert.deepEqual(got, { ...EXPECTED_OUTLINE, topics: EXPECTED_OUTLINE.topics.slice(1) });
    } finally {
      store.close();
    }
  });
});
