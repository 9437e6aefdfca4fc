import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnBot, type RunningBot } from '../helpers/spawn-bot.js';
import { until } from '../helpers/wait.js';

describe('the bot as a service', function () {
  this.timeout(30_000);
  const running: RunningBot[] = [];
  const start = (env: Record<string, string>) => {
    const bot = spawnBot({ RDOBOT_ADAPTERS: 'shell', HTTP_PORT: '0', LOG_LEVEL: 'info', ...env });
    running.push(bot);
    return bot;
  };
  const portOf = async (bot: RunningBot) => Number(/:(\d+)\//.exec(String((await bot.waitForLog(/^HTTP endpoint on/)).msg))![1]);
  afterEach(() => running.splice(0).forEach((b) => b.kill()));

  it('serves /healthz and /metrics, answers on its adapter, and stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rdobot-svc-'));
    const bot = start({ RDOBOT_DATA_DIR: dataDir });
    const port = await portOf(bot);
    await bot.waitForLog(/^adapter started/);
    bot.child.stdin.write('!interview latest\n');
    await until(() => bot.stdout().includes('What did you do in Flamingo? Ana Example'), 5000, 'the answer');

    const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { status: string; adapters: { name: string }[]; archive: { posts: number } };
    assert.equal(health.status, 'ok');
    assert.deepEqual(health.adapters.map((a) => a.name), ['shell']);
    assert.equal(health.archive.posts, 6);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    assert.match(metrics, /rdobot_commands_total\{command="interview latest",outcome="ok"\} 1/);
    assert.match(metrics, /rdobot_adapter_connected\{adapter="shell"\} 1/);
    assert.equal((await fetch(`http://127.0.0.1:${port}/nope`)).status, 404);

    const t0 = Date.now();
    bot.child.kill('SIGTERM');
    const exit = await bot.exited;
    assert.equal(exit.code, 0);
    assert.ok(Date.now() - t0 < 10_000);
    assert.ok(bot.logs().some((l) => l.msg === 'stopped'));
  });

  it('refuses a second bot on the same data directory, naming the one that runs', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rdobot-svc-'));
    const first = start({ RDOBOT_DATA_DIR: dataDir });
    await portOf(first);
    const second = start({ RDOBOT_DATA_DIR: dataDir });
    const exit = await second.exited;
    assert.equal(exit.code, 2);
    assert.match(second.stderr(), new RegExp(`another rdobot \\(pid ${first.child.pid} on .+\\) is running on the data directory`));
  });

  it('waits as a standby and takes over when the first one exits, even after kill -9', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rdobot-svc-'));
    const first = start({ RDOBOT_DATA_DIR: dataDir });
    await portOf(first);
    const standby = start({ RDOBOT_DATA_DIR: dataDir, RDOBOT_STANDBY: 'true' });
    await standby.waitForLog(/waiting to take over/);
    assert.ok(!standby.logs().some((l) => /HTTP endpoint/.test(String(l.msg))), 'the standby does nothing while it waits');
    first.child.kill('SIGKILL');
    await first.exited;
    const port = await portOf(standby);
    assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
  });

  it('keeps answering on one network while another cannot connect, and says so in /healthz', async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const bot = start({ RDOBOT_DATA_DIR: mkdtempSync(join(tmpdir(), 'rdobot-svc-')), RDOBOT_ADAPTERS: 'shell,irc', IRC_HOST: '127.0.0.1', IRC_PORT: String(closed), IRC_TLS: 'false' });
    const port = await portOf(bot);
    bot.child.stdin.write('!version\n');
    await until(() => /rdobot \d+\.\d+\.\d+ on Node\.js/.test(bot.stdout()), 5000, 'the shell answer');
    await until(async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 503, 5000, 'a degraded /healthz');
    const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { adapters: { name: string; connected: boolean; detail?: string }[] };
    assert.deepEqual(health.adapters.map((a) => `${a.name}:${a.connected}`).sort(), ['irc:false', 'shell:true']);
    assert.match(health.adapters.find((a) => a.name === 'irc')!.detail!, /ECONNREFUSED/);
  });

  it('stops at start-up on an adapter\'s missing setting, naming it, without a stack trace', async () => {
    const bot = start({ RDOBOT_ADAPTERS: 'shell,irc' });
    assert.equal((await bot.exited).code, 2);
    assert.match(bot.stderr(), /^rdobot: IRC configuration: IRC_HOST is required/m);
    assert.doesNotMatch(bot.stderr(), /\n\s+at /);
  });

  it('stops at start-up on a bad HTTP_PORT, naming it', async () => {
    const bot = start({ HTTP_PORT: 'eighty' });
    assert.equal((await bot.exited).code, 2);
    assert.match(bot.stderr(), /config error: HTTP_PORT: got 'eighty', expected a port number/);
  });
});
