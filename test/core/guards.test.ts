import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { rateLimit } from '../../src/core/rate-limit.js';
import { fixedClock, Router } from '../../src/core/router.js';
import type { Message } from '../../src/core/types.js';
import { fixtureBot, type TestBot } from '../helpers/bot.js';

const NOW = DateTime.fromISO('2026-11-25T12:00:00Z', { zone: 'utc' });

function limitedRouter(nowMs: () => number) {
  const router = new Router({ prefix: '!', nick: 'rdobot', clock: fixedClock(NOW), defaultZone: 'UTC' });
  router.register([{ family: 'ping', name: '', summary: 'pong', handler: () => ({ kind: 'answer', text: 'pong' }) }]);
  router.use(rateLimit({ perUser: { burst: 3, refillSeconds: 10 }, perRoom: { burst: 5, refillSeconds: 1 } }, nowMs));
  return (user: string, room = '#rdo') =>
    router.handle({ network: 'irc', room, isPrivate: false, user: { id: user, name: user, verified: true }, text: '!ping', time: new Date() });
}

describe('abuse limits', () => {
  it('answers a burst, then says "slow down" once, then stays silent until the bucket refills', async () => {
    let now = 0;
    const ping = limitedRouter(() => now);
    const replies = [];
    for (let i = 0; i < 6; i++) replies.push(await ping('mallory'));
    assert.deepEqual(replies.slice(0, 3).map((r) => r?.text), ['pong', 'pong', 'pong']);
    assert.equal(replies[3]?.code, 'RATE_LIMITED');
    assert.match(replies[3]!.text, /^Slow down, please: mallory, you are sending commands faster than I answer them\. Try again in 10 s\.$/);
    assert.deepEqual(replies.slice(4), [null, null]);
    now += 10_000;
    assert.equal((await ping('mallory'))?.text, 'pong');
  });

  it('limits a channel as a whole, while each user is within their own limit', async () => {
    const now = 0;
    const ping = limitedRouter(() => now);
    const texts = [];
    for (const user of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) texts.push((await ping(user))?.text ?? null);
    assert.deepEqual(texts.slice(0, 5), ['pong', 'pong', 'pong', 'pong', 'pong']);
    assert.match(texts[5]!, /this channel is sending commands faster/);
    assert.equal(texts[6], null);
    assert.equal((await ping('a', '#other'))?.text, 'pong', 'other channels are not affected');
  });
});

describe('admin commands, ignore list and mutes', () => {
  let t: TestBot;
  const admin: Partial<Message> = { network: 'irc', user: { id: 'rbowen', name: 'rbowen', verified: true } };
  const impostor: Partial<Message> = { network: 'irc', user: { id: 'rbowen', name: 'rbowen', verified: false } };
  const sent: string[] = [];

  before(async () => {
    t = await fixtureBot({ admins: ['irc:rbowen'], ignore: ['irc:spambot'], metrics: true });
    t.bot.service.announceTargets = ['irc:#rdo', 'slack:C123'];
    t.bot.service.deliver = async (target, reply) => {
      if (target.startsWith('slack')) throw new Error('down');
      sent.push(`${target} ${reply.text}`);
    };
  });

  it('refuses !reload to a non-admin and to someone who only took an admin\'s nick, and lets the admin reload', async () => {
    assert.equal((await t.ask('!reload'))!.text, 'Sorry, !reload is for admins only.');
    assert.equal((await t.ask('!reload', impostor))!.code, 'DENIED');
    assert.match((await t.ask('!reload', admin))!.text, /^Reloaded in \d+ ms: 16 posts, 1 warnings?\.$/);
  });

  it('announces an admin\'s text into every announcement channel and says where it failed', async () => {
    assert.equal((await t.ask('!announce Test day tomorrow!', admin))!.text, 'Announced to irc:#rdo; failed: slack:C123.');
    assert.deepEqual(sent, ['irc:#rdo Test day tomorrow!']);
  });

  it('mutes a channel for a while: only admins are heard there, and !mute here 0 lifts it', async () => {
    assert.equal((await t.ask('!mute here 30m', admin))!.text, 'Muted in irc:#rdo until 2026-11-25 12:30 UTC.');
    assert.equal(await t.ask('!interview latest', { network: 'irc' }), null);
    assert.ok(await t.ask('!interview latest', { network: 'irc', room: '#other' }));
    assert.match((await t.ask('!status', admin))!.fields!.find((f) => f.label === 'muted')!.value, /^irc:#rdo until 12:30$/);
    assert.equal((await t.ask('!mute here 0', admin))!.text, 'irc:#rdo may hear from me again.');
    assert.ok(await t.ask('!interview latest', { network: 'irc' }));
    assert.match((await t.ask('!mute here soon', admin))!.text, /'soon' is not a duration/);
  });

  it('never answers an ignored identity', async () => {
    assert.equal(await t.ask('!help', { network: 'irc', user: { id: 'spambot', name: 'spambot', verified: true } }), null);
  });

  it('reports status without secrets', async () => {
    const fields = (await t.ask('!status', admin))!.fields!;
    assert.deepEqual(fields.slice(0, 3).map((f) => f.label), ['version', 'adapters', 'archive']);
    assert.match(fields[2].value, /^16 posts, 5 interviews, 1 warnings?/);
  });

  it('counts commands by name and outcome for /metrics', async () => {
    await t.ask('!interview latest');
    await t.ask('!intervew latest');
    const text = await t.bot.metrics!.registry.metrics();
    assert.match(text, /rdobot_commands_total\{command="interview latest",outcome="ok"\} \d+/);
    assert.match(text, /rdobot_commands_total\{command="\?",outcome="unknown_command"\} 1/);
    assert.match(text, /rdobot_command_duration_seconds_bucket\{le="0.005",command="interview latest"\} \d+/);
    assert.match(text, /rdobot_archive_posts 16/);
  });
});
