import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { fixedClock, Router } from '../../src/core/router.js';
import { pending } from '../../src/core/middleware.js';
import { rateGuard } from '../../src/core/rate-limit.js';
import type { Message, Reply } from '../../src/core/types.js';
import { said } from '../helpers/message.js';

const NOW = DateTime.fromISO('2026-11-25T12:00:00Z', { zone: 'utc' });
const bob = { user: { id: 'bob', name: 'bob', verified: true }, time: NOW.toJSDate() };

function routed() {
  const router = new Router({ clock: fixedClock(NOW), defaultZone: 'UTC' });
  const ran: string[] = [];
  router.register([
    { family: 'ping', name: '', summary: 'pong', handler: () => ({ kind: 'answer', text: 'pong' }) },
    { family: 'later', name: '', summary: 'answers after a wait', handler: async () => ({ kind: 'answer', text: 'later' }) },
    {
      family: 'echo',
      name: '',
      summary: 'says its words',
      args: [{ name: 'words', description: 'what to say', rest: true }],
      handler: (ctx) => {
        ran.push(`echo ${ctx.args.words}`);
        const text = `echo: ${ctx.args.words}`;
        // A handler may do what it likes with its own arguments: the next line gets arguments of its own.
        ctx.args.words = 'changed by the handler';
        return { kind: 'answer', text };
      },
    },
  ]);
  const message = (text: string, m: Partial<Message> = {}) => said(text, { ...bob, ...m });
  return { router, ran, message };
}

const textOf = async (answer: Reply | null | PromiseLike<Reply | null>) => (await answer)?.text;

describe('router: answering at once', () => {
  it('answers a command that answers at once without a promise, as handle answers it', async () => {
    const { router, message } = routed();
    const now = router.answer(message('!ping'));
    assert.equal(pending(now), false);
    assert.equal((now as Reply).text, 'pong');
    assert.deepEqual(now, await router.handle(message('!ping')));
    assert.equal(router.answer(message('just chatting')), null, 'a line not for the bot');
    assert.equal(router.answer(message('!ping', { user: { id: 'b', name: 'b', verified: true, isBot: true } })), null, 'a bot');
  });

  it('gives a promise when the command waits, and its mistakes and crashes as replies, never as throws', async () => {
    const { router, message } = routed();
    const later = router.answer(message('!later'));
    assert.equal(pending(later), true);
    assert.equal(await textOf(later), 'later');
    assert.equal(((await router.answer(message('!nosuch'))) as Reply).code, 'UNKNOWN_COMMAND');
    router.register([{ family: 'boom', name: '', summary: 'fails', handler: () => { throw new Error('secret internals'); } }]);
    const boom = router.answer(message('!boom')) as Reply;
    assert.equal(boom.code, 'INTERNAL');
    assert.doesNotMatch(boom.text, /secret/);
  });

  it('holds the command behind a listener that waits, and goes on to the next listener when one fails', async () => {
    const { router, message } = routed();
    const heard: string[] = [];
    router.listen(async (m) => (heard.push(`slow ${m.text}`), null));
    router.listen(() => {
      throw new Error('broken listener');
    });
    router.listen((m) => (heard.push(`fast ${m.text}`), m.text === '#info' ? { kind: 'notice', text: 'noted' } : null));
    const ping = router.answer(message('!ping'));
    assert.equal(pending(ping), true, 'the first listener waits');
    assert.deepEqual(heard, ['slow !ping'], 'the listeners after it have not heard the line yet');
    assert.equal(await textOf(ping), 'pong');
    assert.equal(await textOf(router.answer(message('#info'))), 'noted');
    assert.deepEqual(heard, ['slow !ping', 'fast !ping', 'slow #info', 'fast #info']);
  });

  it('still holds the asker to the rate limits, line after line, when every answer comes at once', () => {
    const { router, message } = routed();
    router.use(rateGuard({ perUser: { burst: 3, refillSeconds: 60 }, perRoom: null }, () => NOW.toMillis()));
    const answers = Array.from({ length: 5 }, () => router.answer(message('!ping')) as Reply | null);
    assert.deepEqual(answers.slice(0, 3).map((a) => a?.text), ['pong', 'pong', 'pong']);
    assert.equal(answers[3]?.code, 'RATE_LIMITED');
    assert.equal(answers[4], null, 'a second refusal in a row is not said');
  });
});

