import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { ignoring } from '../../src/core/ignore.js';
import { forCommands } from '../../src/core/middleware.js';
import { MuteList, muting } from '../../src/core/mute.js';
import { rateGuard } from '../../src/core/rate-limit.js';
import { fixedClock, Router, type CommandEvent } from '../../src/core/router.js';
import type { Message } from '../../src/core/types.js';
import { said } from '../helpers/message.js';

const NOW = DateTime.fromISO('2026-11-25T12:00:00Z', { zone: 'utc' });
const person = (id: string, over: Partial<Message> = {}): Partial<Message> => ({ user: { id, name: id, verified: true }, ...over });

/** A router with the bot's own order of middlewares: ignore list, mutes, a rate of two lines a minute per person. */
function guardedRouter() {
  const clock = fixedClock(NOW);
  const mutes = new MuteList();
  const events: CommandEvent[] = [];
  const router = new Router({ clock, defaultZone: 'UTC', permissions: { admins: ['test:boss'] }, observe: (e) => events.push(e) });
  router.register([
    { family: 'ping', name: '', summary: 'pong', handler: () => ({ kind: 'answer', text: 'pong' }) },
    { family: 'reload', name: '', summary: 'reload', permission: 'admin', handler: () => ({ kind: 'answer', text: 'reloaded' }) },
  ]);
  router.use(ignoring(['test:spambot'])).use(muting(mutes, clock)).use(rateGuard({ perUser: { burst: 2, refillSeconds: 30 }, perRoom: null }, () => 0));
  const ask = (text: string, over: Partial<Message> = {}) => router.handle(said(text, over));
  return { router, mutes, events, ask };
}

describe('the router\'s middlewares: one ordered list, the permission check last', () => {
  it('never hears an ignored identity: no answer, and nothing counted', async () => {
    const { events, ask } = guardedRouter();
    for (let i = 0; i < 5; i++) assert.equal(await ask('!ping', person('spambot')), null);
    assert.deepEqual(events, []);
  });

  it('hears only admins in a muted room, on the router\'s clock, and counts nothing said there', async () => {
    const { mutes, events, ask } = guardedRouter();
    mutes.mute('test:#rdo', NOW.plus({ minutes: 30 }).toMillis());
    assert.equal(await ask('!ping', person('alice')), null);
    assert.deepEqual(events, []);
    assert.equal((await ask('!ping', person('boss')))?.text, 'pong');
    assert.equal((await ask('!ping', person('alice', { room: '#other' })))?.text, 'pong');
    mutes.mute('test:#rdo', NOW.toMillis());
    assert.equal((await ask('!ping', person('alice')))?.text, 'pong', 'a mute ending now is over');
  });

  it('refuses a flood before parsing it: an unknown command over the rate is told to slow down', async () => {
    const { ask } = guardedRouter();
    assert.equal((await ask('!nosuch'))?.code, 'UNKNOWN_COMMAND');
    assert.equal((await ask('!nosuch'))?.code, 'UNKNOWN_COMMAND');
    assert.equal((await ask('!nosuch'))?.code, 'RATE_LIMITED');
  });

  it('checks the permission after every middleware added, and before the command runs', async () => {
    const { router, events, ask } = guardedRouter();
    const seen: string[] = [];
    router.use(forCommands(async (inv, next) => (seen.push(inv.line), next())));
    assert.equal((await ask('!reload'))?.code, 'DENIED');
    assert.equal((await ask('!reload', person('boss')))?.text, 'reloaded');
    assert.deepEqual(seen, ['reload', 'reload']);
    assert.deepEqual(events.map((e) => `${e.command} ${e.outcome}`), ['reload denied', 'reload ok']);
  });

  it('holds a listener\'s answer to the same list: unheard in a muted room, a droppable one dropped over the rate', async () => {
    const { router, mutes, ask } = guardedRouter();
    router.listen((m) => (m.text.startsWith('#info') ? { kind: 'answer', text: 'noted', droppable: true } : null));
    assert.equal((await ask('#info one'))?.text, 'noted');
    assert.equal((await ask('#info two'))?.text, 'noted');
    assert.equal(await ask('#info three'), null, 'over the rate: dropped, not refused aloud');
    mutes.mute('test:#lab', NOW.plus({ hours: 1 }).toMillis());
    assert.equal(await ask('#info four', person('bob', { room: '#lab' })), null);
  });
});
