import assert from 'node:assert/strict';
import { plainWords } from '../../src/language/understand.js';
import { DateTime } from 'luxon';
import { DEFAULT_RATE_LIMITS, rateGuard } from '../../src/core/rate-limit.js';
import { fixedClock, Router } from '../../src/core/router.js';
import type { Message, Reply } from '../../src/core/types.js';
import type { RateLimitConfig } from '../../src/core/rate-limit.js';
import { said } from '../helpers/message.js';
import { fixtureBot, type TestBot } from '../helpers/bot.js';

const NOW = DateTime.fromISO('2026-11-25T12:00:00Z', { zone: 'utc' });

function limitedRouter(nowMs: () => number, limits: RateLimitConfig = { perUser: { burst: 3, refillSeconds: 10 }, perRoom: { burst: 5, refillSeconds: 1 } }) {
  const router = new Router({ questions: plainWords, clock: fixedClock(NOW), defaultZone: 'UTC' });
  router.register([{ family: 'ping', name: '', summary: 'pong', handler: () => ({ kind: 'answer', text: 'pong' }) }]);
  router.use(rateGuard(limits, nowMs));
  return (user: string, room = '#rdo', text = '!ping') =>
    router.handle(said(text, { network: 'irc', room, user: { id: user, name: user, verified: true } }));
}

describe('abuse limits', () => {
  it('answers a burst, then says when to try again once, then stays silent until that time', async () => {
    let now = 0;
    const ping = limitedRouter(() => now);
    const replies = [];
    for (let i = 0; i < 6; i++) replies.push(await ping('mallory'));
    assert.deepEqual(replies.slice(0, 3).map((r) => r?.text), ['pong', 'pong', 'pong']);
    assert.equal(replies[3]?.code, 'RATE_LIMITED');
    assert.equal(replies[3]!.text, 'Slow down, please: mallory, that is more than 3 commands in a short while (then one every 10 s). Try again in 10 s.');
    assert.deepEqual(replies.slice(4), [null, null]);
    now += 10_000;
    assert.equal((await ping('mallory'))?.text, 'pong');
  });

  it('never drops silently the first refused line after the wait it named', async () => {
    let now = 0;
    const ping = limitedRouter(() => now);
    for (let i = 0; i < 3; i++) await ping('alice');
    assert.equal((await ping('alice'))?.code, 'RATE_LIMITED');
    now += 10_000;
    assert.equal((await ping('alice'))?.text, 'pong', 'waited as told: answered');
    assert.match((await ping('alice'))!.text, /Try again in 10 s\.$/, 'refused again, and told so');
  });

  it('lets a person explore at human speed with the defaults: one line every 3 s is never refused, nor a burst of 10', async () => {
    let now = 0;
    const ping = limitedRouter(() => now, DEFAULT_RATE_LIMITS);
    for (let i = 0; i < 40; i++, now += 3000) assert.equal((await ping('alice'))?.text, 'pong', `line ${i + 1}`);
    now += 60_000;
    for (let i = 0; i < 10; i++) assert.equal((await ping('bob'))?.text, 'pong', `burst line ${i + 1}`);
    const refused = await ping('bob');
    assert.equal(refused?.code, 'RATE_LIMITED');
    assert.match(refused!.text, /^Slow down, please: bob, that is more than 10 commands in a short while \(then one every 2 s\)\. Try again in 2 s\.$/);
  });

  it('holds a script to the steady rate, and tells it less and less often (at most once a minute)', async () => {
    let now = 0;
    const ping = limitedRouter(() => now, DEFAULT_RATE_LIMITS);
    const texts: string[] = [];
    // Ten lines a second for ten minutes.
    for (let i = 0; i < 6000; i++, now += 100) texts.push((await ping('script'))?.text ?? '');
    const answered = texts.filter((t) => t === 'pong').length;
    const refusals = texts.filter((t) => t.startsWith('Slow down')).length;
    assert.ok(answered <= 10 + 600 / 2 + 1, `${answered} answers: the burst, then one per 2 s`);
    assert.ok(refusals <= 10 + 10, `${refusals} refusals in ten minutes`);
    assert.ok(refusals >= 10, 'still told now and then');
  });

  it('charges a long line more than a short one, before reading it', async () => {
    const now = 0;
    const ping = limitedRouter(() => now, { perUser: { burst: 10, refillSeconds: 2 }, perRoom: null });
    const long = `!ping ${'word '.repeat(90)}`.trim();
    const replies = [];
    for (let i = 0; i < 4; i++) replies.push(await ping('mallory', '#rdo', long));
    assert.deepEqual(replies.map((r) => r?.code), ['BAD_ARGUMENTS', 'BAD_ARGUMENTS', 'BAD_ARGUMENTS', 'RATE_LIMITED'], 'three lines of 454 characters (3 each) use up a burst of 10');
  });

  it('refuses a flood of long questions cheaply: the language reader never sees the refused ones', async () => {
    const t = await fixtureBot({ rateLimits: DEFAULT_RATE_LIMITS });
    const question = `rdobot: ${'when is the next community meeting and who chairs it and where can I read the agenda please '.repeat(4)}`.slice(0, 400);
    const started = process.hrtime.bigint();
    const outcomes = [];
    for (let i = 0; i < 2000; i++) {
      const reply = await t.ask(question, { user: { id: 'flood', name: 'flood', verified: true } });
      outcomes.push(reply === null ? 'silent' : reply.code === 'RATE_LIMITED' ? 'RATE_LIMITED' : 'answered');
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.ok(outcomes.filter((o) => o === 'answered').length <= 4, 'a burst of 10 buys four 400-character questions');
    assert.equal(outcomes.filter((o) => o === 'RATE_LIMITED').length, 1, 'told once');
    assert.ok(ms < 1500, `2,000 long questions took ${Math.round(ms)} ms`);
  });

  it('limits a channel as a whole, while each user is within their own limit', async () => {
    const now = 0;
    const ping = limitedRouter(() => now);
    const texts = [];
    for (const user of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) texts.push((await ping(user))?.text ?? null);
    assert.deepEqual(texts.slice(0, 5), ['pong', 'pong', 'pong', 'pong', 'pong']);
    assert.match(texts[5]!, /^Slow down, please: this channel has sent more than 5 commands in a short while/);
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
    const network = {
      adapters: () => [],
      announceTargets: ['irc:#rdo', 'slack:C123'],
      deliver: async (target: string, reply: Reply) => {
        if (target.startsWith('slack')) throw new Error('down');
        sent.push(`${target} ${reply.text}`);
      },
    };
    t = await fixtureBot({ admins: ['irc:rbowen'], ignore: ['irc:spambot'], metrics: true, network });
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
