import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { SendAborted, type Handoff } from '../../../src/core/handoff.js';
import type { Reply } from '../../../src/core/types.js';
import { REMINDER_DEFAULTS } from '../../../src/schedule/reminders/config.js';
import { ReminderStore } from '../../../src/schedule/reminders/store.js';
import { ReminderScheduler } from '../../../src/schedule/reminders/scheduler.js';
import type { TestDay } from '../../../src/schedule/types.js';
import { SAMPLE_ROOT } from '../../helpers/bot.js';
import { burstEnv, burstEvents, tally } from '../../helpers/burst.js';
import { ircBot, type IrcBot } from '../../helpers/irc-fixture.js';
import { hasBinary, NGIRCD, startNgircd, type IrcServer } from '../../helpers/irc-server.js';
import { IrcUser } from '../../helpers/irc-user.js';
import { spawnBot, type RunningBot } from '../../helpers/spawn-bot.js';
import { until } from '../../helpers/wait.js';

const POSTS = join(SAMPLE_ROOT, 'posts');

/** A promised message that records when (and whether) the adapter claimed it. */
function promised(text: string): { handoff: Handoff; claims: number[] } {
  const claims: number[] = [];
  return { claims, handoff: { claim: () => (claims.push(Date.now()), { kind: 'notice', text } satisfies Reply) } };
}

describe('IRC: promised messages are claimed as their line goes onto a live connection', function () {
  this.timeout(30_000);
  let server: IrcServer | undefined;
  const bots: IrcBot[] = [];
  let users: IrcUser[] = [];
  const dirs: string[] = [];

  beforeEach(async function () {
    if (!hasBinary(NGIRCD)) this.skip();
    server = await startNgircd();
  });

  afterEach(async () => {
    for (const u of users) u.close();
    users = [];
    for (const b of bots.splice(0)) await b.adapter.stop();
    server?.thaw();
    await server?.close();
    dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  async function bot(env: Record<string, string> = {}): Promise<IrcBot> {
    const b = await ircBot(server!, env, [POSTS], { eventsDirs: [], meetingsDirs: [] });
    bots.push(b);
    return b;
  }

  async function listener(): Promise<IrcUser> {
    const u = new IrcUser('listener');
    users.push(u);
    await u.connect(server!.host, server!.port);
    await u.join('#rdo');
    return u;
  }

  const fromBot = (u: IrcUser) => u.heard.filter((h) => h.from.startsWith('rdobot') && h.target === '#rdo');

  it('does not claim while the server is frozen, and claims once, as one line, when it is back', async () => {
    const b = await bot();
    const alice = await listener();
    server!.freeze();
    await until(() => !b.adapter.status!().connected, 6000, 'the bot to notice the freeze');
    const m = promised('Reminder: RDO meeting starts in 15 min');
    const sent = b.adapter.send('#rdo', { kind: 'notice', text: 'preview' }, m.handoff);
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(m.claims, [], 'claimed while the connection was dead');
    server!.thaw();
    await sent;
    assert.equal(m.claims.length, 1);
    await until(() => fromBot(alice).length === 1, 8000, 'the reminder');
    assert.equal(fromBot(alice)[0].text, 'Reminder: RDO meeting starts in 15 min');
  });

  it('gives back what is still queued at a stop, unclaimed (SendAborted)', async () => {
    const b = await bot();
    await server!.stop();
    await until(() => !b.adapter.status!().connected, 3000, 'the bot to notice');
    const messages = [promised('one'), promised('two'), promised('three')];
    const pending = messages.map((m) => b.adapter.send('#rdo', { kind: 'notice', text: 'preview' }, m.handoff).then(() => 'sent', (e: unknown) => e));
    await b.adapter.stop();
    for (const outcome of await Promise.all(pending)) assert.ok(outcome instanceof SendAborted, String(outcome));
    assert.ok(messages.every((m) => m.claims.length === 0));
  });

  it('sends a promised message with a huge title as exactly one line within 512 bytes, cut with an ellipsis', async () => {
    const b = await bot();
    const alice = await listener();
    const title = `Test day ${'é🚀 '.repeat(300)}`;
    const m = promised(`Reminder: ${title} starts in 15 min — https://example.org/td`);
    await b.adapter.send('#rdo', { kind: 'notice', text: 'preview', fields: [{ label: 'more', value: 'a second line' }] }, m.handoff);
    await until(() => fromBot(alice).length === 1, 5000, 'the reminder');
    await alice.settle(800);
    assert.equal(fromBot(alice).length, 1, 'one line only');
    const raw = alice.raw.find((l) => / PRIVMSG #rdo :Reminder: Test day/.test(l))!;
    assert.ok(Buffer.byteLength(raw, 'utf8') + 2 <= 512, `${Buffer.byteLength(raw, 'utf8')} bytes`);
    assert.match(fromBot(alice)[0].text, /…$/);
    assert.ok(!fromBot(alice)[0].text.includes('\ufffd'), 'cut inside a character');
  });

  it('sends every reminder of a burst exactly once across a stop in its middle and a restart (real scheduler and timers)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdobot-irc-burst-'));
    dirs.push(dir);
    const file = join(dir, 'reminders.sqlite');
    const alice = await listener();
    const burst = DateTime.utc().plus({ milliseconds: 1500 });
    const testDays: TestDay[] = Array.from({ length: 10 }, (_, i) => ({ id: `td${i}`, title: `Burst ${i} test day`, start: burst, end: burst.plus({ hours: 8 }), source: 'test' }));
    const config = { ...REMINDER_DEFAULTS, testdayLeads: [0], subscriptions: [{ target: 'irc:#rdo', meetings: [] as string[], testdays: true }] };
    const life = async () => {
      const b = await bot({ IRC_FLOOD_BURST: '1', IRC_FLOOD_INTERVAL_MS: '400' });
      const store = new ReminderStore(file);
      const scheduler = new ReminderScheduler({
        store,
        config,
        definitions: () => ({ meetings: [], testDays }),
        deliver: (target, reply, handoff) => b.adapter.send(target.slice('irc:'.length), reply, handoff),
      });
      await scheduler.start();
      return { b, store, scheduler };
    };
    const first = await life();
    await until(() => fromBot(alice).length >= 3, 8000, 'the first reminders');
    // The service's stop: no more hand-overs; the adapter flushes (2 s at most) and gives back the rest; save.
    const stopping = Date.now();
    await first.scheduler.halt();
    await first.b.adapter.stop();
    await first.scheduler.stop();
    first.store.close();
    assert.ok(Date.now() - stopping < 10_000);
    bots.splice(bots.indexOf(first.b), 1);
    const beforeRestart = fromBot(alice).length;
    assert.ok(beforeRestart < 10, `all ${beforeRestart} went out before the stop: nothing was left to test`);

    const second = await life();
    await until(() => fromBot(alice).length >= 10, 15_000, 'the rest of the burst after the restart');
    await alice.settle(1000);
    await second.scheduler.stop();
    second.store.close();
    const titles = fromBot(alice).map((h) => /Burst (\d) test day/.exec(h.text)?.[1]);
    assert.deepEqual(titles, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], 'each exactly once, in order');
  });

  it('the service stopped by SIGTERM in the middle of a burst sends the rest after a restart, each exactly once', async () => {
    const alice = await listener();
    const at = Date.now() + 4000;
    const burst = burstEvents(Array.from({ length: 10 }, (_, i) => new Date(at + Math.floor(i / 5) * 500)));
    const env = {
      ...burstEnv(burst),
      RDOBOT_ADAPTERS: 'irc',
      RDOBOT_DATA_DIR: mkdtempSync(join(tmpdir(), 'rdobot-irc-sigterm-')),
      LOG_LEVEL: 'info',
      IRC_HOST: server!.host,
      IRC_PORT: String(server!.port),
      IRC_TLS: 'false',
      IRC_CHANNELS: '#rdo',
      IRC_FLOOD_BURST: '1',
      IRC_FLOOD_INTERVAL_MS: '500',
    };
    dirs.push(env.RDOBOT_DATA_DIR);
    const running: RunningBot[] = [];
    try {
      const first = spawnBot(env);
      running.push(first);
      await until(() => fromBot(alice).length >= 3, 15_000, 'the first reminders of the burst');
      const stopping = Date.now();
      first.child.kill('SIGTERM');
      assert.equal((await first.exited).code, 0, first.stderr().slice(-2000));
      assert.ok(Date.now() - stopping <= 10_000, `the stop took ${Date.now() - stopping} ms`);
      const before = tally(burst, fromBot(alice));
      assert.ok(before.delivered < 10, 'the whole burst went out before the stop: nothing was left to test');

      const second = spawnBot(env);
      running.push(second);
      await until(() => tally(burst, fromBot(alice)).delivered === 10, 20_000, 'the rest of the burst after the restart');
      await alice.settle(1500);
      const after = tally(burst, fromBot(alice));
      assert.equal(after.duplicated, 0, JSON.stringify([...after.counts]));
      assert.deepEqual(after.lost, []);
      assert.ok(!second.logs().some((l) => String(l.msg).includes('interrupted')), 'a graceful stop interrupted a reminder');
      second.child.kill('SIGTERM');
      assert.equal((await second.exited).code, 0);
    } finally {
      running.forEach((b) => b.kill());
    }
  });
});
