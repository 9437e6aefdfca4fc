import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { Writable } from 'node:stream';
import { createLogger } from '../../../src/base/log.js';
import { FIXTURE_POSTS } from '../../helpers/bot.js';
import { forgedArchive, ircBot, LONG_ANSWER, type IrcBot } from '../../helpers/irc-fixture.js';
import { hasBinary, NGIRCD, startNgircd, type IrcServer } from '../../helpers/irc-server.js';
import { IrcUser } from '../../helpers/irc-user.js';
import { until } from '../../helpers/wait.js';

const LATEST = 'Interview with Priya Raman: keeping RDO CI green';

describe('IRC adapter against a real ngircd', function () {
  this.timeout(15_000);
  let server: IrcServer;
  let rdobot: IrcBot;
  let alice: IrcUser;
  const cleanup: (() => unknown)[] = [];

  before(async function () {
    if (!hasBinary(NGIRCD)) this.skip();
    server = await startNgircd();
    // ngircd paces a client that sends a burst, answers included, so a PONG can wait for seconds behind them: the
    // 3 s PING timeout of the outage tests would misread that as a frozen server here, where no outage is tested.
    rdobot = await ircBot(server, { IRC_CHANNELS: '#rdo,#locked sesame', IRC_PING_TIMEOUT_MS: '15000' });
    alice = new IrcUser('alice');
    await alice.connect(server.host, server.port);
    await alice.join('#rdo');
  });

  afterEach(async () => {
    for (const c of cleanup.splice(0)) await c();
    await alice.settle();
  });

  after(async () => {
    alice?.close();
    await rdobot?.adapter.stop();
    await server?.close();
  });

  it('answers !interview latest in the channel with the newest interview', async () => {
    const since = alice.heard.length;
    alice.say('#rdo', '!interview latest');
    const answer = await alice.waitFor((h) => h.from === 'rdobot' && h.target === '#rdo', 5000, 'the answer', since);
    assert.match(answer.text, new RegExp(`^\\x02?${LATEST.replace('?', '\\?')}`));
    assert.equal(answer.kind, 'privmsg');
    assert.match(answer.text, /https:\/\/www\.rdoproject\.org\/blog\/2016\/06\/interview-with-priya-raman-keeping-ci-green\//);
  });

  it('answers when addressed by nick, and ignores chat that is not for it', async () => {
    const since = alice.heard.length;
    alice.say('#rdo', 'I think rdobot is nice');
    alice.say('#rdo', 'rdobot: interview latest');
    const answer = await alice.waitFor((h) => h.from === 'rdobot', 5000, 'the answer', since);
    assert.ok(answer.text.includes(LATEST));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(alice.from('rdobot', since).filter((h) => h.text.includes(LATEST)).length, 1);
  });

  it('answers a line addressed by nick whatever it starts with: a number, an emoji, a bracket', async () => {
    for (const line of ['rdobot: 3 latest interviews', 'rdobot: 👋 when is the next meeting?', 'rdobot: (what) is the next test day?']) {
      const since = alice.heard.length;
      alice.say('#rdo', line);
      // An answer or a "not sure, try …": never silence.
      await alice.waitFor((h) => h.from === 'rdobot' && h.target === '#rdo', 5000, `an answer to '${line}'`, since);
      await alice.settle(500);
    }
  });

  it('answers a private query in private, without the prefix', async () => {
    const since = alice.heard.length;
    alice.say('rdobot', 'interview latest');
    const answer = await alice.waitFor((h) => h.from === 'rdobot' && h.target === 'alice', 5000, 'the private answer', since);
    assert.ok(!alice.from('rdobot', since).some((h) => h.target === '#rdo' && h.text.includes(LATEST)), 'answered in the channel too');
    assert.ok(answer.text.includes(LATEST));
  });

  it('joins a channel that has a key', async () => {
    const bob = new IrcUser('bob');
    cleanup.push(() => bob.close());
    await bob.connect(server.host, server.port);
    await bob.join('#locked', 'sesame');
    const since = bob.heard.length;
    bob.say('#locked', '!interview latest');
    const answer = await bob.waitFor((h) => h.from === 'rdobot' && h.target === '#locked', 5000, 'the answer in #locked', since);
    assert.ok(answer.text.includes(LATEST));
  });

  it('splits a 2,000-character answer into whole lines within 512 bytes, losing nothing', async () => {
    const since = alice.heard.length;
    const rawSince = alice.raw.length;
    alice.say('#rdo', '!longanswer');
    await until(() => alice.from('rdobot', since).map((h) => h.text).join(' ').length >= LONG_ANSWER.length, 8000, 'every piece');
    const pieces = alice.from('rdobot', since).map((h) => h.text);
    assert.ok(pieces.length >= 4 && pieces.length <= 6, `${pieces.length} pieces`);
    assert.equal(pieces.join(' '), LONG_ANSWER);
    // No piece breaks a word: each ends and starts on a word of the answer.
    const words = new Set(LONG_ANSWER.split(' '));
    for (const p of pieces) {
      assert.ok(words.has(p.split(' ')[0]!) && words.has(p.split(' ').at(-1)!), `piece cut inside a word: …${p.slice(-20)}`);
    }
    const relayed = alice.raw.slice(rawSince).filter((l) => l.startsWith(':rdobot!'));
    assert.equal(relayed.length, pieces.length);
    for (const line of relayed) assert.ok(Buffer.byteLength(line.replace(/\r?\n$/, '')) + 2 <= 512, `${Buffer.byteLength(line)} bytes`);
  });

  it('cuts a long list to the channel\'s 4 lines and shows the next ones on !more', async () => {
    const since = alice.heard.length;
    alice.say('#rdo', '!interview list');
    const more = await alice.waitFor((h) => h.from === 'rdobot' && / … and \d+ more \(!more shows them\)$/.test(h.text), 8000, 'the summing-up line', since);
    const lines = alice.from('rdobot', since);
    assert.equal(lines.length, 4);
    // The header and three interviews; the count of the others rides on the third's line (no "see" link: no page lists them).
    const total = Number(/^(\d+) interview posts/.exec(lines[0]!.text)?.[1]);
    assert.ok(more.text.endsWith(` … and ${total - 3} more (!more shows them)`), more.text);
    const next = alice.heard.length;
    alice.say('#rdo', '!more');
    // The rest fits one page of four lines, items only: no header repeated, no further cut.
    const rest = total - 3;
    await until(() => alice.from('rdobot', next).length >= rest, 8000, 'the rest of the list');
    const page = alice.from('rdobot', next);
    assert.equal(page.length, rest);
    assert.ok(page.every((line) => !line.text.startsWith('(continued)')));
    for (const line of page) assert.ok(!lines.some((l) => l.text === line.text), 'an item shown twice');
  });

  it('answers 30 commands sent in a burst, in order, without being disconnected', async () => {
    const since = alice.heard.length;
    for (let i = 0; i < 30; i++) alice.say('#rdo', `!about`);
    await until(() => alice.from('rdobot', since).length >= 30, 14_000, '30 answers');
    assert.equal(rdobot.adapter.status!().connected, true, rdobot.adapter.status!().detail);
    assert.equal(rdobot.adapter.status!().reconnects, 0, rdobot.adapter.status!().detail);
    assert.ok(!alice.raw.some((l) => /^:rdobot!\S+ QUIT /.test(l)), 'the bot quit');
  });

  it('turns a forged CR/LF in a post title into text, never a second line', async () => {
    const dir = forgedArchive();
    const evil = await ircBot(server, { IRC_NICK: 'evilbot', IRC_CHANNELS: '#rdo' }, [FIXTURE_POSTS, dir]);
    cleanup.push(async () => {
      await evil.adapter.stop();
      rmSync(dir, { recursive: true, force: true });
    });
    const since = alice.heard.length;
    alice.say('#rdo', '!post latest');
    await alice.waitFor((h) => h.from === 'evilbot' && h.text.includes('Innocent'), 5000, 'the forged post', since);
    await new Promise((r) => setTimeout(r, 500));
    const lines = alice.from('evilbot', since);
    assert.ok(lines.every((h) => h.target === '#rdo'));
    assert.ok(!lines.some((h) => /^pwned/.test(h.text)), 'an injected message arrived');
    assert.match(lines[0]!.text, /Innocent PRIVMSG #rdo :pwned QUIT :bye/);
    assert.equal(evil.adapter.status!().connected, true);
  });

  it('falls back to another nick when its own is taken', async () => {
    const second = await ircBot(server, { IRC_CHANNELS: '#rdo' });
    cleanup.push(() => second.adapter.stop());
    assert.equal(second.adapter.nick, 'rdobot_');
    assert.equal(second.adapter.status!().connected, true);
  });

  it('says goodbye with QUIT when stopped', async () => {
    const leaving = await ircBot(server, { IRC_NICK: 'leaver', IRC_QUIT_MESSAGE: 'see you at the next test day' });
    await leaving.adapter.stop();
    await until(() => alice.raw.some((l) => l.startsWith(':leaver!') && l.includes('QUIT') && l.includes('see you at the next test day')), 3000, 'the QUIT');
  });

  it('logs no warning when a normal stop ends with the server closing the link (issue 32)', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', destination: new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) }) });
    const leaving = await ircBot(server, { IRC_NICK: 'stopper' }, undefined, { logger });
    await leaving.adapter.stop();
    await until(() => alice.raw.some((l) => l.startsWith(':stopper!') && l.includes('QUIT')), 3000, 'the QUIT');
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(lines.filter((l) => /"level":40/.test(l) && /refused/.test(l)), []);
  });
});
