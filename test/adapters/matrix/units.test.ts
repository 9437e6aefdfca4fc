import assert from 'node:assert/strict';
import { ConnectionError, MatrixError } from 'matrix-js-sdk';
import { inviteAllowed, readMatrixOptions } from '../../../adapters/matrix/config.js';
import { matrixLine, powerLevel } from '../../../adapters/matrix/inbound.js';
import { renderMatrix } from '../../../adapters/matrix/render.js';
import { retryDelay } from '../../../adapters/matrix/retry.js';

const bot = { userId: '@rdobot:hs.test', names: ['rdobot', 'RDO Bot'], prefix: '!' };

describe('Matrix configuration (MATRIX_*)', () => {
  const base = { MATRIX_HOMESERVER_URL: 'https://matrix.example.org/', MATRIX_ACCESS_TOKEN: 'syt_x' };

  it('reads rooms, allow-list and defaults', () => {
    const o = readMatrixOptions({ ...base, MATRIX_ROOMS: '#rdo:example.org, !abc:example.org', MATRIX_INVITE_ALLOW: '@rbowen:example.org,example.com' });
    assert.equal(o.homeserverUrl, 'https://matrix.example.org');
    assert.deepEqual(o.rooms, ['#rdo:example.org', '!abc:example.org']);
    assert.deepEqual(o.inviteAllow, ['@rbowen:example.org', 'example.com']);
    assert.equal(o.operatorPowerLevel, 50);
  });

  it('turns end-to-end encryption on by default, off with MATRIX_E2EE=false, and takes a long MATRIX_CRYPTO_KEY only', () => {
    assert.equal(readMatrixOptions(base).encryption, true);
    assert.equal(readMatrixOptions(base).cryptoKey, undefined);
    assert.equal(readMatrixOptions({ ...base, MATRIX_E2EE: 'false' }).encryption, false);
    assert.equal(readMatrixOptions({ ...base, MATRIX_CRYPTO_KEY: 'a passphrase long enough' }).cryptoKey, 'a passphrase long enough');
    assert.throws(() => readMatrixOptions({ ...base, MATRIX_E2EE: 'maybe' }), /MATRIX_E2EE must be true or false/);
    assert.throws(() => readMatrixOptions({ ...base, MATRIX_CRYPTO_KEY: 'short' }), /MATRIX_CRYPTO_KEY must be at least 16 characters/);
    const recovery = 'EsTc LW2K PGiF wKEA 3As5 g5Ct jtFH oUdq dxzE zbrY 6NwG ngXH';
    assert.equal(readMatrixOptions({ ...base, MATRIX_RECOVERY_KEY: recovery }).recoveryKey, recovery);
    assert.throws(() => readMatrixOptions({ ...base, MATRIX_RECOVERY_KEY: 'my password' }), /MATRIX_RECOVERY_KEY must be a recovery key/);
  });

  it('names the key that is wrong', () => {
    assert.throws(() => readMatrixOptions({ MATRIX_ACCESS_TOKEN: 'x' }), /MATRIX_HOMESERVER_URL is required/);
    assert.throws(() => readMatrixOptions({ MATRIX_HOMESERVER_URL: 'https://m.example.org', MATRIX_USER: 'rdobot' }), /MATRIX_ACCESS_TOKEN is required \(or MATRIX_USER and MATRIX_PASSWORD\)/);
    assert.throws(() => readMatrixOptions({ ...base, MATRIX_HOMESERVER_URL: 'matrix.example.org' }), /MATRIX_HOMESERVER_URL must be an http\(s\) URL/);
    assert.throws(() => readMatrixOptions({ ...base, MATRIX_ROOMS: 'rdo' }), /MATRIX_ROOMS must be comma-separated room ids/);
    assert.throws(() => readMatrixOptions({ ...base, MATRIX_OPERATOR_POWER: 'lots' }), /MATRIX_OPERATOR_POWER/);
    assert.doesNotThrow(() => readMatrixOptions({ MATRIX_HOMESERVER_URL: 'http://127.0.0.1:8008', MATRIX_USER: 'rdobot', MATRIX_PASSWORD: 'pw' }));
  });

  it('accepts invites only from listed users and servers', () => {
    const allow = ['@rbowen:example.org', 'rdoproject.org'];
    assert.ok(inviteAllowed('@rbowen:example.org', allow));
    assert.ok(inviteAllowed('@anyone:rdoproject.org', allow));
    assert.ok(!inviteAllowed('@mallory:example.org', allow));
    assert.ok(!inviteAllowed('@rbowen:example.org.evil.test', allow));
    assert.ok(!inviteAllowed('@x:evil.test', []));
  });
});

describe('Matrix messages for the bot', () => {
  const addressed = (body: string, isPrivate = false) => matrixLine({ msgtype: 'm.text', body }, bot, isPrivate)?.addressed;

  it('takes prefixed commands and mentions by name, MXID or pill text', () => {
    assert.deepEqual(addressed('!interview latest'), { line: 'interview latest', by: 'prefix' });
    assert.deepEqual(addressed('rdobot: interview latest'), { line: 'interview latest', by: 'name' });
    assert.deepEqual(addressed('@rdobot:hs.test help'), { line: 'help', by: 'name' });
    assert.deepEqual(addressed('RDO Bot, help'), { line: 'help', by: 'name' });
    assert.deepEqual(addressed('interview latest', true), { line: 'interview latest', by: 'private' });
  });

  it('takes a leading pill of the bot under whatever name the client showed', () => {
    const content = {
      msgtype: 'm.text',
      body: 'Room Robot: when is the next meeting?',
      format: 'org.matrix.custom.html',
      formatted_body: '<a href="https://matrix.to/#/%40rdobot%3Ahs.test">Room Robot</a>: when is the next meeting?',
    };
    assert.deepEqual(matrixLine(content, bot)?.addressed, { line: 'when is the next meeting?', by: 'name' });
    const someoneElse = { ...content, formatted_body: content.formatted_body.replace('%40rdobot', '%40alice') };
    assert.equal(matrixLine(someoneElse, bot)?.addressed, undefined);
  });

  it('hands every line of chat over, unaddressed, emotes (/me) marked so, and ignores notices and edits', () => {
    assert.deepEqual(matrixLine({ msgtype: 'm.text', body: 'I like rdobot' }, bot), { text: 'I like rdobot' });
    assert.equal(matrixLine({ msgtype: 'm.notice', body: '!interview latest' }, bot), null);
    assert.deepEqual(matrixLine({ msgtype: 'm.emote', body: '!help' }, bot), { text: '!help', emote: true }, 'heard by a meeting, never a command');
    assert.equal(matrixLine({ msgtype: 'm.text', body: '* !help', 'm.relates_to': { rel_type: 'm.replace' } }, bot), null);
  });

  it('reads the question under a reply fallback quote', () => {
    const content = { msgtype: 'm.text', body: '> <@a:hs.test> old\n\n!help', 'm.relates_to': { 'm.in_reply_to': { event_id: '$x' } } };
    assert.deepEqual(matrixLine(content, bot), { text: '!help', addressed: { line: 'help', by: 'prefix' } });
  });

  it('reads power levels with users_default', () => {
    assert.equal(powerLevel({ users: { '@op:hs.test': 50 }, users_default: 0 }, '@op:hs.test'), 50);
    assert.equal(powerLevel({ users: {}, users_default: 10 }, '@x:hs.test'), 10);
    assert.equal(powerLevel(undefined, '@x:hs.test'), 0);
  });
});

describe('Matrix rendering', () => {
  it('renders a list reply as escaped HTML with safe links only', () => {
    const n = renderMatrix({
      kind: 'list',
      text: 'Posts tagged <x>:',
      items: [
        { title: 'A & B', link: 'https://example.org/a?x=1&y="2"', meta: '2016-05-06' },
        { title: 'evil', link: 'javascript:alert(1)' },
      ],
      more: { count: 3, link: 'https://example.org/all' },
    });
    assert.equal(n.msgtype, 'm.notice');
    assert.equal(n.format, 'org.matrix.custom.html');
    assert.match(n.formatted_body, /<p>Posts tagged &lt;x&gt;:<\/p><ul><li><b><a href="https:\/\/example.org\/a\?x=1&amp;y=%222%22">A &amp; B<\/a><\/b> — 2016-05-06<\/li><li><b>evil<\/b><\/li><\/ul>/);
    assert.match(n.formatted_body, /… and 3 more \(all at <a href="https:\/\/example.org\/all">/);
    assert.doesNotMatch(n.formatted_body, /javascript/);
    assert.equal(n.body.split('\n')[0], 'Posts tagged <x>:');
    assert.deepEqual(n['m.mentions'], {});
  });

  it('keeps line breaks and pings out of untrusted text', () => {
    const n = renderMatrix({ kind: 'answer', text: 'hi\n@room @everyone\u202e' }, { eventId: '$q', sender: '@a:hs.test' });
    assert.doesNotMatch(n.body, /\n|@room|@everyone|\u202e/);
    assert.doesNotMatch(n.formatted_body, /@room|@everyone/);
    assert.deepEqual(n['m.relates_to'], { 'm.in_reply_to': { event_id: '$q' } });
    assert.deepEqual(n['m.mentions'], { user_ids: ['@a:hs.test'] });
  });
});

describe('Matrix retry policy', () => {
  it('waits as the homeserver says on a rate limit, backs off on outages, gives up on refusals', () => {
    const limited = new MatrixError({ errcode: 'M_LIMIT_EXCEEDED', error: 'slow down', retry_after_ms: 1234 }, 429);
    assert.equal(retryDelay(limited, 1), 1234);
    assert.equal(retryDelay(new ConnectionError('down'), 1), 500);
    assert.equal(retryDelay(new ConnectionError('down'), 10), 10000);
    assert.equal(retryDelay(new MatrixError({ errcode: 'M_UNKNOWN' }, 502), 2), 1000);
    assert.equal(retryDelay(new MatrixError({ errcode: 'M_FORBIDDEN', error: 'no' }, 403), 1), undefined);
    assert.equal(retryDelay(new Error('bug'), 1), undefined);
  });
});
