import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendAborted } from '../../../src/core/handoff.js';
import { FIXTURE_LATEST, fixtureBot } from '../../helpers/bot.js';
import { ALICE, BOT, inReplyTo, MatrixFixture, OP, sleep } from '../../helpers/matrix-fixture.js';
import { until } from '../../helpers/wait.js';

const STRANGER = '@mallory:evil.test';
const RATE_LIMITED = { status: 429, body: { errcode: 'M_LIMIT_EXCEEDED', error: 'Too many requests', retry_after_ms: 200 } };

describe('Matrix adapter over the client-server API (matrix-js-sdk against a homeserver stand-in)', function () {
  this.timeout(15000);
  let fx: MatrixFixture;

  beforeEach(async () => {
    fx = await new MatrixFixture().setUp((await fixtureBot()).context);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      console.log(fx.logs.map((l) => JSON.stringify(l)).join('\n'));
      console.log('unknown requests:', fx.hs.unknown);
    }
    await fx.tearDown();
  });

  /** Ask something answerable and wait for it: everything sent before it has been seen by then. */
  async function barrier(): Promise<void> {
    await fx.replyTo(fx.hs.say(fx.roomId, ALICE, '!about'));
  }

  it('answers !interview latest with a notice replying to the question, in plain text and HTML', async () => {
    await fx.startBot();
    const asked = fx.hs.say(fx.roomId, ALICE, '!interview latest');
    const reply = await fx.replyTo(asked);
    assert.equal(reply.type, 'm.room.message');
    assert.equal(reply.content.msgtype, 'm.notice');
    assert.equal(inReplyTo(reply), asked.event_id);
    const body = String(reply.content.body);
    assert.match(body, /^Interview with Priya Raman: keeping RDO CI green — 2016-06-02 20:08 UTC/);
    assert.match(body, /https:\/\/www\.rdoproject\.org\/blog\/2016\/06\/interview-with-priya-raman-keeping-ci-green\//);
    assert.equal(reply.content.format, 'org.matrix.custom.html');
    const html = String(reply.content.formatted_body);
    // The title is the link, said once.
    assert.match(html, /^<p><b><a href="https:\/\/www\.rdoproject\.org\/blog\/2016\/06\/interview-with-priya-raman-keeping-ci-green\/">Interview with Priya Raman: keeping RDO CI green<\/a><\/b> — 2016-06-02 20:08 UTC/);
    assert.equal(html.split('interview-with-priya-raman-keeping-ci-green').length, 2);
    assert.deepEqual(reply.content['m.mentions'], { user_ids: [ALICE] });
    assert.equal(fx.sent().length, 1);
    const [message] = fx.handled;
    assert.equal(message.network, 'matrix');
    assert.equal(message.room, fx.roomId);
    assert.equal(message.id, asked.event_id);
    assert.deepEqual(message.user, { id: ALICE, name: 'Alice', verified: true });
    assert.deepEqual(message.roles, []);
  });

  it('joins configured rooms by alias and by id', async () => {
    const other = fx.hs.createRoom({ name: 'ops', creator: OP });
    await fx.startBot({ rooms: ['#rdo:hs.test', other] });
    assert.equal(fx.hs.membership(fx.roomId, BOT), 'join');
    assert.equal(fx.hs.membership(other, BOT), 'join');
  });

  it('counts room power level 50 or more as channel operator', async () => {
    await fx.startBot();
    await fx.replyTo(fx.hs.say(fx.roomId, OP, '!interview latest'));
    await fx.replyTo(fx.hs.say(fx.roomId, ALICE, '!interview latest'));
    assert.deepEqual(
      fx.handled.map((m) => [m.user.id, m.user.name, m.roles]),
      [
        [OP, 'Opal', ['operator']],
        [ALICE, 'Alice', []],
      ],
    );
  });

  it('answers when addressed by name instead of the prefix', async () => {
    await fx.startBot();
    const reply = await fx.replyTo(fx.hs.say(fx.roomId, ALICE, 'rdobot: interview latest'));
    assert.match(String(reply.content.body), /Interview with Priya Raman: keeping RDO CI green/);
  });

  it('hands plain chat over unaddressed (for the meeting recorder), and ignores notices from other bots and its own messages', async () => {
    await fx.startBot();
    fx.hs.say(fx.roomId, ALICE, 'anyone seen the interview with rdobot?');
    fx.hs.say(fx.roomId, '@otherbot:hs.test', '!interview latest', { msgtype: 'm.notice' });
    await barrier();
    assert.deepEqual(
      fx.handled.map((m) => [m.text, m.addressed?.by]),
      [
        ['anyone seen the interview with rdobot?', undefined],
        ['!about', 'prefix'],
      ],
    );
    // Its own answer (a notice from the bot) came back through /sync and was not answered again.
    assert.equal(fx.sent().length, 1);
  });

  it('does not answer history: nothing from before its start, also after a restart', async () => {
    const before = fx.hs.say(fx.roomId, ALICE, '!interview latest');
    const first = await fx.startBot();
    await barrier();
    await first.stop();
    const whileDown = fx.hs.say(fx.roomId, ALICE, '!interview list');
    const session = JSON.parse(readFileSync(join(fx.context.dataDir, 'matrix-session.json'), 'utf8')) as { syncToken?: string };
    assert.ok(session.syncToken, 'the sync token is kept in the data dir');
    await fx.startBot();
    await barrier();
    const answered = fx.sent().map(inReplyTo);
    assert.ok(!answered.includes(before.event_id));
    assert.ok(!answered.includes(whileDown.event_id));
    assert.deepEqual(
      fx.handled.map((m) => m.text),
      ['!about', '!about'],
    );
    // The second run resumed /sync from the saved token instead of starting over.
    assert.ok(fx.hs.requests.filter((r) => r.startsWith('GET /_matrix/client/v3/sync')).length > 2);
  });

  it('declines an invite from a stranger and accepts one from an allowed user', async () => {
    fx.hs.addUser(STRANGER);
    const shady = fx.hs.createRoom({ name: 'shady', creator: STRANGER });
    const team = fx.hs.createRoom({ name: 'team', creator: OP });
    await fx.startBot();
    fx.hs.invite(shady, STRANGER, BOT);
    fx.hs.invite(team, OP, BOT);
    await fx.hs.waitFor(() => fx.hs.membership(shady, BOT) === 'leave', 5000, 'the stranger invite declined');
    await fx.hs.waitFor(() => fx.hs.membership(team, BOT) === 'join', 5000, 'the allowed invite accepted');
    assert.ok(fx.logs.some((l) => /declining invite/.test(l.msg) && l.inviter === STRANGER));
    // The log says which setting would let them in.
    assert.ok(fx.logs.some((l) => l.msg === `matrix: declining invite from ${STRANGER}: add ${STRANGER} (or evil.test for its whole server) to MATRIX_INVITE_ALLOW to accept it`));
    const reply = await fx.replyTo(fx.hs.say(team, OP, '!interview latest'));
    assert.match(String(reply.content.body), /Priya Raman/);
  });

  it('accepts a direct message from a user of its own homeserver by default and answers there without a prefix', async () => {
    fx.hs.addUser(STRANGER);
    const dm = fx.hs.createRoom({ name: 'dm', creator: ALICE });
    const shady = fx.hs.createRoom({ name: 'shady', creator: STRANGER });
    await fx.startBot({ inviteAllow: [] });
    fx.hs.invite(dm, ALICE, BOT);
    fx.hs.invite(shady, STRANGER, BOT);
    await fx.hs.waitFor(() => fx.hs.membership(dm, BOT) === 'join', 5000, 'the DM invite accepted');
    await fx.hs.waitFor(() => fx.hs.membership(shady, BOT) === 'leave', 5000, 'the stranger invite declined');
    const reply = await fx.replyTo(fx.hs.say(dm, ALICE, 'interview latest'));
    assert.ok(String(reply.content.body).startsWith(FIXTURE_LATEST.title));
    assert.equal(fx.handled.at(-1)!.isPrivate, true);
    // In the channel (three members) a prefix is still needed, and the message is not private.
    await barrier();
    assert.equal(fx.handled.at(-1)!.isPrivate, false);
  });

  it('waits out M_LIMIT_EXCEEDED on send, as long as retry_after_ms says, and delivers the answer exactly once', async () => {
    await fx.startBot();
    // More refusals than the SDK's own scheduler takes (it gives up after 5 attempts): the adapter then resends.
    fx.hs.failNext('send', RATE_LIMITED, 6);
    const started = Date.now();
    const asked = fx.hs.say(fx.roomId, ALICE, '!interview latest');
    const reply = await fx.replyTo(asked, 10000);
    assert.ok(Date.now() - started >= 6 * RATE_LIMITED.body.retry_after_ms, 'honoured retry_after_ms each time');
    assert.match(String(reply.content.body), /Priya Raman/);
    await barrier();
    assert.equal(fx.sent().filter((e) => inReplyTo(e) === asked.event_id).length, 1);
    const puts = fx.hs.requests.filter((r) => r.startsWith('PUT') && r.includes('/send/'));
    assert.equal(new Set(puts.slice(0, 7)).size, 1, 'all seven attempts reuse one transaction id');
    assert.ok(fx.logs.some((l) => l.reason === 'M_LIMIT_EXCEEDED' && l.waitMs === RATE_LIMITED.body.retry_after_ms));
  });

  it('sends a reminder into a room once', async () => {
    const adapter = await fx.startBot();
    await adapter.send('#rdo:hs.test', { kind: 'notice', text: 'RDO meeting starts in 10 min — https://meet.example/rdo' });
    await adapter.send(fx.roomId, { kind: 'notice', text: 'Test day tomorrow' });
    const sent = fx.sent();
    assert.equal(sent.length, 2);
    assert.equal(sent[0].content.body, 'RDO meeting starts in 10 min — https://meet.example/rdo');
    assert.equal(sent[0].content.msgtype, 'm.notice');
    assert.equal(inReplyTo(sent[0]), undefined);
    assert.deepEqual(sent[0].content['m.mentions'], {});
    assert.equal(sent[1].content.body, 'Test day tomorrow');
  });

  it('claims a promised reminder right before its one event, not while the homeserver is down', async function () {
    // The client's own reconnect backoff decides when it syncs again.
    this.timeout(30_000);
    const adapter = await fx.startBot();
    await barrier();
    const claims: number[] = [];
    const handoff = { claim: () => (claims.push(Date.now()), { kind: 'notice' as const, text: 'Reminder: RDO meeting starts in 10 min', fields: [{ label: 'where', value: '#rdo' }] }) };
    await fx.hs.stop();
    await until(() => fx.logs.some((l) => /homeserver unreachable/.test(l.msg)), 8000, 'the client to notice');
    const sent = adapter.send(fx.roomId, { kind: 'notice', text: 'preview' }, handoff);
    await sleep(600);
    assert.deepEqual(claims, [], 'claimed while the homeserver was unreachable');
    await fx.hs.start();
    await sent;
    assert.equal(claims.length, 1);
    const events = fx.sent().filter((e) => String(e.content.body).startsWith('Reminder: RDO meeting'));
    assert.equal(events.length, 1, 'one event');
    assert.match(String(events[0].content.body), /^Reminder: RDO meeting starts in 10 min\nwhere: #rdo$/);
  });

  it('gives a promised reminder back unclaimed (SendAborted) when it stops while waiting for the homeserver', async () => {
    const adapter = await fx.startBot();
    await fx.hs.stop();
    await until(() => fx.logs.some((l) => /homeserver unreachable/.test(l.msg)), 8000, 'the client to notice');
    let claimed = false;
    const sent = adapter.send(fx.roomId, { kind: 'notice', text: 'preview' }, { claim: () => ((claimed = true), { kind: 'notice', text: 'never' }) });
    await adapter.stop();
    await assert.rejects(sent, (e: unknown) => e instanceof SendAborted);
    assert.equal(claimed, false);
    await fx.hs.start();
  });

  it('survives a homeserver restart and answers again', async () => {
    await fx.startBot();
    await barrier();
    await fx.hs.stop();
    await sleep(300);
    await fx.hs.start();
    const asked = fx.hs.say(fx.roomId, ALICE, '!interview latest');
    const reply = await fx.replyTo(asked, 13000);
    assert.match(String(reply.content.body), /Priya Raman/);
    assert.ok(fx.logs.some((l) => /homeserver unreachable/.test(l.msg)));
  });

  it('with MATRIX_E2EE=false, refuses, with a log line, to pretend it can read an encrypted room', async () => {
    const secret = fx.hs.createRoom({ name: 'secret', creator: OP, members: [ALICE], encrypted: true });
    await fx.startBot({ rooms: ['#rdo:hs.test', secret], encryption: false });
    fx.hs.world.append(secret, {
      type: 'm.room.encrypted',
      sender: ALICE,
      content: { algorithm: 'm.megolm.v1.aes-sha2', ciphertext: 'AwgAEn...', session_id: 'x', device_id: 'ALICEDEV' },
    });
    fx.hs.say(secret, ALICE, '!interview latest');
    await barrier();
    assert.equal(fx.sent(secret).length, 0);
    assert.ok(fx.logs.some((l) => /end-to-end encrypted/.test(l.msg) && l.roomId === secret));
    await assert.rejects(fx.startedAdapter().send(secret, { kind: 'notice', text: 'hello' }), /encrypted/);
  });

  it('logs in with user and password once and keeps the token and device id in the data dir', async () => {
    const first = await fx.startBot({ accessToken: undefined, user: 'rdobot', password: 'bot-password' });
    await barrier();
    await first.stop();
    const saved = JSON.parse(readFileSync(join(fx.context.dataDir, 'matrix-session.json'), 'utf8')) as Record<string, string>;
    assert.equal(saved.userId, BOT);
    assert.ok(saved.accessToken && saved.deviceId);
    await fx.startBot({ accessToken: undefined, user: 'rdobot', password: 'bot-password' });
    await barrier();
    assert.equal(fx.hs.requests.filter((r) => r === 'POST /_matrix/client/v3/login').length, 1);
  });
});

describe('Matrix adapter: untrusted post text', function () {
  this.timeout(15000);
  let fx: MatrixFixture;

  before(async () => {
    const archive = mkdtempSync(join(tmpdir(), 'rdobot-matrix-posts-'));
    writeFileSync(
      join(archive, '2026-11-20-evil.html.md'),
      [
        '---',
        `title: '<b>Pwned</b> <a href="javascript:alert(1)">click</a> @room'`,
        'author: <img src=x onerror=alert(1)>',
        'date: 2026-11-20 10:00:00 UTC',
        'tags: community',
        '---',
        '',
        'Hello @room, see <script>alert(1)</script>.',
        '',
      ].join('\n'),
    );
    fx = await new MatrixFixture().setUp((await fixtureBot({ archiveDirs: [archive], eventsDirs: [], meetingsDirs: [] })).context);
  });
  after(async () => {
    await fx.tearDown();
  });

  it('escapes HTML from a post title and defuses @room in both bodies', async () => {
    await fx.startBot();
    const reply = await fx.replyTo(fx.hs.say(fx.roomId, ALICE, '!post latest'));
    const html = String(reply.content.formatted_body);
    const body = String(reply.content.body);
    assert.match(html, /&lt;b&gt;Pwned&lt;\/b&gt; &lt;a href=&quot;javascript:alert\(1\)&quot;&gt;click&lt;\/a&gt;/);
    assert.doesNotMatch(html, /<(?!\/?(?:p|a|b|i|ul|li|br)[ >])/);
    assert.doesNotMatch(html, /href="javascript/);
    assert.doesNotMatch(html, /<img|<script/);
    assert.doesNotMatch(body, /@room/);
    assert.doesNotMatch(html, /@room/);
    assert.match(body, /<b>Pwned<\/b>/, 'the plain body shows the title as written');
    assert.deepEqual(reply.content['m.mentions'], { user_ids: [ALICE] });
  });
});
