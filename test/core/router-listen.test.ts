import assert from 'node:assert/strict';
import { plainWords } from '../../src/language/understand.js';
import { DateTime } from 'luxon';
import { fixedClock, Router } from '../../src/core/router.js';
import type { Message, Reply } from '../../src/core/types.js';
import { said } from '../helpers/message.js';

const NOW = DateTime.fromISO('2026-11-25T12:00:00Z', { zone: 'utc' });

function listening() {
  const router = new Router({ questions: plainWords, clock: fixedClock(NOW), defaultZone: 'UTC' });
  router.register([{ family: 'ping', name: '', summary: 'pong', handler: () => ({ kind: 'answer', text: 'pong' }) }]);
  const heard: string[] = [];
  const say = (text: string, m: Partial<Message> = {}): Promise<Reply | null> =>
    router.handle(said(text, { network: 'irc', user: { id: 'bob', name: 'bob', verified: true }, time: NOW.toJSDate(), ...m }));
  return { router, heard, say };
}

describe('router: listeners see every line before commands', () => {
  it('a listener hears chat and commands from people, never from bots, and its reply answers the line', async () => {
    const { router, heard, say } = listening();
    router.listen((m) => (heard.push(m.text), m.text.startsWith('#info') ? { kind: 'notice', text: 'noted' } : null));
    assert.equal(await say('just chatting'), null);
    assert.equal((await say('#info a fact'))?.text, 'noted');
    assert.equal((await say('!ping'))?.text, 'pong', 'a line the listener does not answer is still a command');
    assert.equal(await say('!ping', { user: { id: 'b', name: 'otherbot', verified: true, isBot: true } }), null);
    assert.deepEqual(heard, ['just chatting', '#info a fact', '!ping']);
  });

  it('a listener that throws is logged and the command still runs', async () => {
    const { router, say } = listening();
    router.listen(() => {
      throw new Error('broken listener');
    });
    assert.equal((await say('!ping'))?.text, 'pong');
  });
});
