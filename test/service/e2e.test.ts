import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { FIXTURE_POSTS } from '../helpers/bot.js';
import { hasBinary, NGIRCD, startNgircd, type IrcServer } from '../helpers/irc-server.js';
import { IrcUser } from '../helpers/irc-user.js';
import { SlackApiStandIn } from '../helpers/slack-api.js';
import { postSigned, SIGNING_SECRET, slashCommandBody } from '../helpers/slack-signer.js';
import { spawnBot, type RunningBot } from '../helpers/spawn-bot.js';
import { until } from '../helpers/wait.js';

describe('one process, two networks: IRC and Slack around one bot, with /healthz and /metrics', function () {
  this.timeout(40_000);
  let server: IrcServer;
  const api = new SlackApiStandIn();
  const user = new IrcUser('alice');
  let bot: RunningBot;
  const dataDir = mkdtempSync(join(tmpdir(), 'rdobot-e2e-'));

  before(async function () {
    if (!hasBinary(NGIRCD)) return this.skip();
    server = await startNgircd();
    await api.start();
  });
  after(async () => {
    bot?.kill();
    user.client.quit();
    await api.stop();
    await server?.close();
  });

  it('answers the same question on IRC and Slack, reports both in /healthz and /metrics, and stops cleanly on SIGTERM', async () => {
    bot = spawnBot({
      RDOBOT_ADAPTERS: 'irc,slack',
      RDOBOT_DATA_DIR: dataDir,
      RDOBOT_ARCHIVE: FIXTURE_POSTS,
      RDOBOT_ANNOUNCE_POSTS: 'irc:#rdo',
      HTTP_PORT: '0',
      LOG_LEVEL: 'info',
      IRC_HOST: server.host,
      IRC_PORT: String(server.port),
      IRC_TLS: 'false',
      IRC_CHANNELS: '#rdo',
      IRC_FLOOD_INTERVAL_MS: '300',
      SLACK_BOT_TOKEN: 'xoxb-e2e',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: api.apiUrl,
    });
    const http = await bot.waitForLog(/^HTTP endpoint on/);
    const base = `http://127.0.0.1:${/:(\d+)\//.exec(String(http.msg))![1]}`;
    await bot.waitForLog(/adapter started/);
    await user.connect(server.host, server.port);
    await user.join('#rdo');
    await until(async () => {
      // Not `status: ok`: the fixture archive's broken post leaves it degraded (checked below).
      const h = (await (await fetch(`${base}/healthz`)).json()) as { adapters: { connected: boolean }[] };
      return h.adapters.length === 2 && h.adapters.every((a) => a.connected);
    }, 15_000, 'both adapters connected');

    // Connected is not yet joined: wait until alice sees the bot in #rdo (in the names list, or joining).
    await until(() => user.raw.some((l) => /^:rdobot!\S+ JOIN :?#rdo/i.test(l) || (/ 353 /.test(l) && /[ :@+]rdobot(\s|$)/.test(l))), 10_000, `the bot in #rdo (heard: ${JSON.stringify(user.raw.slice(-8))})`);
    user.say('#rdo', '!interview latest');
    const onIrc = await user.waitFor((h) => /Interview with Priya Raman: keeping RDO CI green/.test(h.text), 10_000, 'the IRC answer');
    assert.match(onIrc.text, /Priya Raman/);

    // Slack's receiver shares the bot's HTTP endpoint.
    const body = slashCommandBody({ command: '/rdo', text: 'interview latest', response_url: api.responseUrl('e2e'), trigger_id: 'e2e.1' });
    assert.equal((await postSigned(`${base}/slack/events`, body, 'application/x-www-form-urlencoded')).status, 200);
    await until(() => api.responses.some((r) => r.id === 'e2e'), 5000, 'the Slack answer');
    assert.match(String(api.responses.find((r) => r.id === 'e2e')!.body.text), /Interview with Priya Raman: keeping RDO CI green/);
    const forged = await postSigned(`${base}/slack/events`, body.replace('e2e.1', 'e2e.2'), 'application/x-www-form-urlencoded', { secret: '0'.repeat(32) });
    assert.equal(forged.status, 401);

    const health = (await (await fetch(`${base}/healthz`)).json()) as { status: string; adapters: { name: string; connected: boolean }[]; archive: { posts: number }; sources?: { files: { file: string }[] } };
    // The fixture archive's one broken post is named: every network is up, yet a file could not be used.
    assert.equal(health.status, 'degraded');
    assert.deepEqual(health.sources?.files.map((f) => f.file.split('/').at(-1)), ['2016-05-01-broken-front-matter.html.md']);
    assert.deepEqual(health.adapters.map((a) => `${a.name}:${a.connected}`).sort(), ['irc:true', 'slack:true']);
    assert.equal(health.archive.posts, 16);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    assert.match(metrics, /rdobot_commands_total\{command="interview latest",outcome="ok"\} 2/);
    assert.match(metrics, /rdobot_adapter_connected\{adapter="irc"\} 1/);
    assert.match(metrics, /rdobot_adapter_connected\{adapter="slack"\} 1/);
    assert.match(metrics, /rdobot_command_duration_seconds_count\{command="interview latest"\} 2/);

    const quits = user.raw.length;
    bot.child.kill('SIGTERM');
    const exit = await bot.exited;
    assert.equal(exit.code, 0);
    await until(() => user.raw.slice(quits).some((l) => / QUIT /.test(l)), 5000, 'the bot\'s QUIT');
    // Secrets never reach the logs.
    assert.ok(!bot.stderr().includes('xoxb-e2e') && !bot.stderr().includes(SIGNING_SECRET), 'a secret in the logs');
    // State persisted: the announcement baseline of the archive is on disk.
    assert.ok(existsSync(join(dataDir, 'announcements.sqlite')));
    const db = new DatabaseSync(join(dataDir, 'announcements.sqlite'), { readOnly: true });
    assert.equal((db.prepare("SELECT COUNT(*) AS n FROM announcements WHERE state = 'baseline'").get() as { n: number }).n, 16);
    db.close();
  });
});
