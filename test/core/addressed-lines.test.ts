import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/base/log.js';
import { fixtureBot, type TestBot } from '../helpers/bot.js';

/** Issue 21: a line addressed to the bot by name or in private is never met with silence. */
describe('every addressed line gets an answer or a "not sure, try …", whatever character it starts with', () => {
  let t: TestBot;
  let log = '';

  before(async () => {
    const destination = new Writable({ write: (chunk: Buffer, _e, done) => ((log += chunk.toString()), done()) });
    t = await fixtureBot({ logger: createLogger({ destination }) });
  });

  for (const line of ['rdobot: 3 latest interviews', 'rdobot: 👋 when is the next meeting?', 'rdobot: (what) is the next test day?']) {
    it(`answers '${line}' and logs it`, async () => {
      const before = log.length;
      const reply = await t.ask(line);
      assert.ok(reply, 'no answer at all');
      assert.ok(reply.text.length > 0);
      await new Promise((resolve) => setImmediate(resolve));
      assert.match(log.slice(before), /"msg":"command answered"/);
    });
  }

  it('answers the same lines said privately, without the name', async () => {
    assert.ok(await t.ask('3 latest interviews', { isPrivate: true }));
    assert.ok(await t.ask('👋 when is the next meeting?', { isPrivate: true }));
  });

  it('answers a line of punctuation only with what to try', async () => {
    for (const line of ['rdobot: ?', 'rdobot: ! ! ']) {
      const reply = await t.ask(line);
      assert.equal(reply?.kind, 'help', line);
      assert.match(reply.text, /try !help/);
    }
  });

  it('stays silent on excitement after the prefix and on chat', async () => {
    assert.equal(await t.ask('!!!'), null);
    assert.equal(await t.ask('! lol'), null);
    assert.equal(await t.ask('rdobot is broken again'), null);
  });
});
