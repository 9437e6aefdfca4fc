import assert from 'node:assert/strict';
import { backoffDelay } from '../../../adapters/irc/backoff.js';
import { readIrcOptions } from '../../../adapters/irc/config.js';
import { QueueFull, SendQueue, TokenBucket } from '../../../adapters/irc/flood.js';
import { Members } from '../../../adapters/irc/members.js';
import { oneLine, renderIrc } from '../../../adapters/irc/render.js';
import { SendAborted } from '../../../src/core/handoff.js';
import { sanitizeIrc, splitBytes, textBudget, utf8Length } from '../../../adapters/irc/split.js';

describe('IRC configuration', () => {
  it('reads the documented IRC_* settings with safe defaults (TLS on, certificates verified)', () => {
    const o = readIrcOptions({ IRC_HOST: 'irc.oftc.net', IRC_CHANNELS: '#rdo, #rdo-dev sesame', IRC_SASL_USER: 'rdobot', IRC_SASL_PASS: 's3cret' });
    assert.equal(o.port, 6697);
    assert.equal(o.tls, true);
    assert.equal(o.tlsVerify, true);
    assert.deepEqual(o.nicks, ['rdobot', 'rdobot_', 'rdobot__', 'rdobot-bot']);
    assert.deepEqual(o.channels, [{ name: '#rdo' }, { name: '#rdo-dev', key: 'sesame' }]);
    assert.deepEqual(o.sasl, { mechanism: 'PLAIN', user: 'rdobot', password: 's3cret' });
    assert.equal(o.replyWith, 'privmsg');
  });

  it('names every bad key in one error', () => {
    assert.throws(
      () => readIrcOptions({ IRC_PORT: 'http', IRC_NICK: '9lives', IRC_TLS: 'maybe' }),
      (err: Error) =>
        /IRC_HOST is required/.test(err.message) &&
        /IRC_PORT must be a port number/.test(err.message) &&
        /IRC_NICK must be an IRC nick/.test(err.message) &&
        /IRC_TLS must be true or false, not 'maybe'/.test(err.message),
    );
    assert.throws(() => readIrcOptions({ IRC_HOST: 'h', IRC_SASL_USER: 'x' }), /IRC_SASL_PASS is required/);
    assert.throws(() => readIrcOptions({ IRC_HOST: 'h', IRC_CHANNELS: 'rdo' }), /IRC_CHANNELS must be comma-separated channels/);
    assert.throws(() => readIrcOptions({ IRC_HOST: 'h', IRC_PING_INTERVAL_MS: '5000', IRC_PING_TIMEOUT_MS: '4000' }), /IRC_PING_TIMEOUT_MS must be longer/);
    assert.throws(() => readIrcOptions({ IRC_HOST: 'h', IRC_CLIENT_CERT: '/nonexistent.pem', IRC_CLIENT_KEY: '/nonexistent.key' }), /IRC_CLIENT_CERT cannot be read/);
  });
});

describe('IRC line splitting', () => {
  it('budgets for the prefix the server adds to our lines', () => {
    const known = textBudget({ nick: 'rdobot', user: '~rdobot', host: '127.0.0.1' }, 'PRIVMSG', '#rdo');
    assert.equal(known, 512 - ':rdobot!~rdobot@127.0.0.1 PRIVMSG #rdo :\r\n'.length);
    assert.ok(textBudget({ nick: 'rdobot' }, 'PRIVMSG', '#rdo') < known);
  });

  it('never cuts inside a UTF-8 character, an emoji or an accented letter', () => {
    const text = 'Haïkel Guémar 👩🏽‍💻 '.repeat(40);
    for (const max of [20, 33, 57, 100]) {
      const pieces = splitBytes(text, max);
      for (const p of pieces) {
        assert.ok(utf8Length(p) <= max, `${utf8Length(p)} > ${max}`);
        assert.ok(!p.includes('\ufffd'));
      }
      assert.equal(pieces.join(' ').replace(/\s+/g, ' '), text.trim());
    }
    assert.deepEqual(splitBytes('👩🏽‍💻👩🏽‍💻', 20), ['👩🏽‍💻', '👩🏽‍💻']);
  });

  it('breaks between words when it can, and inside a long word only when it must', () => {
    assert.deepEqual(splitBytes('alpha beta gamma delta', 12), ['alpha beta', 'gamma delta']);
    assert.deepEqual(splitBytes('x'.repeat(25), 10), ['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });

  it('keeps bold across a split and within the budget', () => {
    const pieces = splitBytes(`\x02${'bold '.repeat(10)}\x02 plain`, 20);
    assert.ok(pieces.every((p) => utf8Length(p) <= 20));
    assert.ok(pieces[1]!.startsWith('\x02'));
  });

  it('turns CR, LF, NUL and CTCP markers into spaces', () => {
    assert.equal(sanitizeIrc('a\r\nPRIVMSG #rdo :pwned\x00\x01ACTION'), 'a PRIVMSG #rdo :pwned  ACTION');
    assert.equal(sanitizeIrc('keep \x02bold\x02'), 'keep \x02bold\x02');
  });
});

describe('IRC rendering', () => {
  const items = Array.from({ length: 6 }, (_, i) => ({ title: `Post ${i}`, link: `https://example.org/${i}` }));

  it('shows the core\'s "… and N more" line, and caps whatever is still too long, saying how many lines it left out', () => {
    const cut = renderIrc({ kind: 'list', text: '8 posts', items: items.slice(0, 2), more: { count: 6, command: '!more' } }, { bold: false, maxLines: 4 });
    // The page's count rides on its last item's line, so it takes no item's place.
    assert.deepEqual(cut, ['8 posts', 'Post 0 — https://example.org/0', 'Post 1 — https://example.org/1 … and 6 more (!more shows them)']);
    const long = renderIrc({ kind: 'list', text: '8 posts', items }, { bold: false, maxLines: 4 });
    assert.deepEqual(long, ['8 posts', 'Post 0 — https://example.org/0', 'Post 1 — https://example.org/1', '… and 4 more lines']);
  });

  it('makes a promised message one line: its text and link, cut to the byte budget between words with an ellipsis', () => {
    const reply = { kind: 'notice' as const, text: 'New on the blog: Ocata is out (by tester)', link: 'https://example.org/o', fields: [{ label: 'a', value: 'b' }] };
    assert.equal(oneLine(reply, 400), 'New on the blog: Ocata is out (by tester) — https://example.org/o');
    const long = oneLine({ kind: 'notice', text: `Reminder: ${'Überlange 🚀 Sitzung '.repeat(40)}starts in 15 min` }, 120);
    assert.ok(utf8Length(long) <= 120, `${utf8Length(long)} bytes`);
    assert.match(long, /^Reminder: Überlange 🚀 .* (Überlange|Sitzung)…$/u);
  });

  it('marks titles bold when asked and leaves links bare', () => {
    const [, first] = renderIrc({ kind: 'list', text: 'posts', items }, { bold: true, maxLines: 10 });
    assert.equal(first, '\x02Post 0\x02 — https://example.org/0');
  });
});

describe('IRC flood control', () => {
  it('lets a burst through, then one line per interval', () => {
    let now = 0;
    const bucket = new TokenBucket({ burst: 3, intervalMs: 500 }, () => now);
    assert.deepEqual([bucket.take(), bucket.take(), bucket.take()], [0, 0, 0]);
    assert.equal(bucket.take(), 500);
    now = 250;
    assert.equal(bucket.take(), 250);
    now = 500;
    assert.equal(bucket.take(), 0);
  });

  it('holds lines while not ready and sends them in order when kicked', async () => {
    const written: string[] = [];
    let ready = false;
    const queue = new SendQueue({ burst: 10, intervalMs: 10, ready: () => ready, write: (l) => (written.push(l), true) });
    const done = Promise.all([queue.push(['a', 'b']), queue.push(['c'])]);
    assert.deepEqual(written, []);
    ready = true;
    queue.kick();
    await done;
    assert.deepEqual(written, ['a', 'b', 'c']);
    queue.close();
  });

  it('claims a promised line only as it is written, and gives back unclaimed what is queued at close', async () => {
    const written: string[] = [];
    let ready = false;
    const claims: string[] = [];
    const promised = (name: string) => () => (claims.push(name), `PRIVMSG #rdo :${name}`);
    const queue = new SendQueue({ burst: 1, intervalMs: 60_000, ready: () => ready, write: (l) => (written.push(l), true) });
    const first = queue.push([promised('one')]);
    const second = queue.push([promised('two')]).catch((e: unknown) => e);
    const skipped = queue.push([() => null]).catch((e: unknown) => e);
    assert.deepEqual(claims, [], 'claimed while the connection was not ready');
    ready = true;
    queue.kick();
    await first;
    assert.deepEqual([claims, written], [['one'], ['PRIVMSG #rdo :one']]);
    // The next token is a minute away: the bot stops first.
    queue.close();
    assert.ok((await second) instanceof SendAborted);
    assert.ok((await skipped) instanceof SendAborted);
    assert.deepEqual(claims, ['one']);
  });

  it('is bounded: sheds acknowledgements first, never lines that are not droppable (minutes, reminders) until far past the bound', async () => {
    const written: string[] = [];
    let ready = false;
    const queue = new SendQueue({ burst: 100, intervalMs: 1, maxLines: 10, ready: () => ready, write: (l) => (written.push(l), true) });
    const acks = Array.from({ length: 8 }, (_, i) => queue.push([`ack ${i}`], true).then(() => 'sent', (e: unknown) => (e instanceof QueueFull ? 'shed' : 'failed')));
    const refused = await queue.push(['ack 9', 'ack 10', 'ack 11'], true).then(() => 'sent', (e: unknown) => (e instanceof QueueFull ? 'refused' : 'failed'));
    assert.equal(refused, 'refused', 'an acknowledgement is not queued beyond the bound');
    const minutes = queue.push(['minutes 1', 'minutes 2', 'minutes 3']);
    assert.equal(queue.size, 3, 'the waiting acknowledgements made room for the minutes');
    const many = queue.push(Array.from({ length: 30 }, (_, i) => `reminder ${i}`));
    assert.equal(queue.size, 33, 'lines that must not be shed are still taken past the bound');
    const tooMany = await queue.push(Array.from({ length: 10 }, (_, i) => `more ${i}`)).catch((e: unknown) => e);
    assert.ok(tooMany instanceof QueueFull, 'but not without end');
    ready = true;
    queue.kick();
    await Promise.all([minutes, many]);
    assert.deepEqual(await Promise.all(acks), Array(8).fill('shed'));
    assert.deepEqual(written.slice(0, 3), ['minutes 1', 'minutes 2', 'minutes 3']);
    assert.equal(written.length, 33);
    queue.close();
  });

  it('follows a person without an account across nick changes, and gives whoever takes a freed nick a new session', () => {
    const members = new Members((t) => t.toLowerCase());
    const alice = members.session('alice');
    assert.equal(members.session('Alice'), alice, 'the same person, any case');
    members.rename('alice', 'alice_away');
    assert.equal(members.session('alice_away'), alice, 'a rename keeps the session');
    assert.notEqual(members.session('alice'), alice, 'the next holder of the old nick is someone else');
    const bob = members.session('bob');
    members.quit('bob');
    assert.notEqual(members.session('bob'), bob, 'after a QUIT the nick is a new person');
    members.clear();
    assert.equal(members.session('alice_away'), alice, 'a reconnection of the bot does not forget who is who');
  });

  it('knows who is in a channel now, for the owners of a meeting’s actions', () => {
    const members = new Members((t) => t.toLowerCase());
    members.names('#rdo', [{ nick: 'Alice', modes: [] }, { nick: 'bob', modes: ['o'] }], ['o']);
    members.joined('#RDO', 'carol');
    members.rename('Alice', 'alice_away');
    members.left('#rdo', 'bob');
    members.quit('dave');
    assert.deepEqual(members.inChannel('#rdo').sort(), ['alice_away', 'carol']);
    members.forgetChannel('#rdo');
    assert.deepEqual(members.inChannel('#rdo'), []);
  });

  it('backs off exponentially with jitter, up to the maximum', () => {
    const o = { minMs: 1000, maxMs: 60_000 };
    assert.equal(backoffDelay(0, o, () => 0), 500);
    assert.equal(backoffDelay(0, o, () => 1), 1000);
    assert.equal(backoffDelay(3, o, () => 1), 8000);
    assert.equal(backoffDelay(20, o, () => 0.5), 45_000);
  });
});
