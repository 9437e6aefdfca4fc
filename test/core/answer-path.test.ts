import assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import { createShellAdapter } from '../../adapters/shell/index.js';
import { cleanLine, truncate } from '../../src/core/sanitize.js';
import { createLogger, scrubSecrets } from '../../src/base/log.js';
import { fixtureBot } from '../helpers/bot.js';

/** cleanLine as it was before its shortcut for text that is already clean: the reference the shortcut must match. */
function cleanLineReference(text: string): string {
  return text
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `!interview list N` for N = 1..5, over and over: each answer says which N it answers ("(showing the newest N)", or all 5). */
const question = (i: number) => `!interview list ${(i % 5) + 1}`;
const answerNumber = (line: string) => Number(/\(showing the newest (\d+)\):$/.exec(line)?.[1] ?? /^(\d+) interview posts?, newest first:$/.exec(line)?.[1]);

describe('the answer path under load', () => {
  it('answers a piped burst of 3,000 commands through the shell adapter in order, dropping none', async () => {
    const { context } = await fixtureBot();
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    let writes = 0;
    output.on('data', (d: Buffer) => {
      writes++;
      text += d.toString();
    });
    await new Promise<void>((resolve) => {
      void createShellAdapter(context, { input, output, onClose: resolve }).start();
      input.end(Array.from({ length: 3000 }, (_, i) => question(i)).join('\n') + '\n');
    });
    const heads = text.split('\n').filter((l) => /^\d+ interview posts?, newest first/.test(l));
    assert.equal(heads.length, 3000);
    heads.forEach((line, i) => assert.equal(answerNumber(line), (i % 5) + 1, `answer ${i} is to question ${i}`));
    assert.ok(writes < 300, `answers are written in batches (${writes} writes for 3,000 answers)`);
  });

  it('waits for a slow reader instead of piling up answers, and still loses none', async () => {
    const { context } = await fixtureBot();
    const input = new PassThrough();
    let text = '';
    const output = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, done) {
        text += chunk.toString();
        setTimeout(done, 2);
      },
    });
    let paused = 0;
    input.on('pause', () => paused++);
    await new Promise<void>((resolve) => {
      void createShellAdapter(context, { input, output, onClose: resolve }).start();
      input.end(Array.from({ length: 2000 }, (_, i) => question(i)).join('\n') + '\n');
    });
    await new Promise<void>((resolve) => output.end(resolve));
    const heads = text.split('\n').filter((l) => /^\d+ interview posts?, newest first/.test(l));
    assert.equal(heads.length, 2000);
    heads.forEach((line, i) => assert.equal(answerNumber(line), (i % 5) + 1));
    assert.ok(paused > 0, 'the input was paused while the reader caught up');
  });

  it('cleans reply text exactly as before, whatever the character, with a shortcut for clean text', () => {
    for (let c = 0; c < 0x10000; c++) {
      for (const text of [`a${String.fromCharCode(c)}b`, String.fromCharCode(c), ` x${String.fromCharCode(c)} `]) {
        assert.equal(cleanLine(text), cleanLineReference(text), `U+${c.toString(16).padStart(4, '0')} in ${JSON.stringify(text)}`);
      }
    }
    const alphabet = ['a', 'Z', ' ', '  ', '\t', '\n', '\u00a0', '\u00ad', '\u1680', '\u2000', '\u200b', '\u2014', '\u2028', '\u202f', '\u205f', '\u2060', '\u3000', '😀', '\ud83d', '\ude00', '\ufeff', 'é'];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 20000; i++) {
      const text = Array.from({ length: Math.floor(random() * 9) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      assert.equal(cleanLine(text), cleanLineReference(text), JSON.stringify(text));
    }
    assert.equal(truncate('short', 10), 'short');
    assert.equal(truncate('😀'.repeat(6), 6), '😀'.repeat(6), 'six characters in twelve code units fit in six');
  });

  it('keeps secrets out of log lines, at the top of a log object, one level down and in a child logger', () => {
    assert.deepEqual(scrubSecrets({ token: 'xoxb-1', options: { password: 'p', host: 'h' }, list: [{ token: 't' }], n: 1 }), {
      token: '[Redacted]',
      options: { password: '[Redacted]', host: 'h' },
      list: [{ token: 't' }],
      n: 1,
    });
    const plain = { adapter: 'irc', command: 'interview latest' };
    assert.equal(scrubSecrets(plain), plain, 'nothing to hide: nothing copied');
    let out = '';
    const destination = new Writable({ write: (chunk: Buffer, _e, done) => ((out += chunk.toString()), done()) });
    const logger = createLogger({ destination });
    logger.child({ config: { accessToken: 'syt_secret' } }).info({ signingSecret: 's3', user: 'u' }, 'hello');
    assert.doesNotMatch(out, /syt_secret|s3"/);
    assert.match(out, /"accessToken":"\[Redacted\]"/);
    assert.match(out, /"signingSecret":"\[Redacted\]"/);
    assert.match(out, /"user":"u"/);
  });
});
