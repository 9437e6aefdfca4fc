import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_POSTS } from '../../helpers/bot.js';
import { SlackApiStandIn } from '../../helpers/slack-api.js';
import { postSigned, SIGNING_SECRET, slashCommandBody } from '../../helpers/slack-signer.js';
import { spawnBot, type RunningBot } from '../../helpers/spawn-bot.js';
import { until } from '../../helpers/wait.js';

describe('rdobot run with RDOBOT_ADAPTERS=slack', function () {
  this.timeout(15000);
  const api = new SlackApiStandIn();
  let bot: RunningBot | undefined;

  before(async () => {
    await api.start();
  });
  after(async () => {
    if (bot && bot.child.exitCode === null) {
      bot.child.kill('SIGTERM');
      const late = setTimeout(() => bot?.kill(), 3000);
      await bot.exited;
      clearTimeout(late);
    }
    await api.stop();
  });

  const env = (extra: Record<string, string>) => ({
    RDOBOT_ADAPTERS: 'slack',
    RDOBOT_DATA_DIR: mkdtempSync(join(tmpdir(), 'rdobot-slack-cli-')),
    RDOBOT_ARCHIVE: FIXTURE_POSTS,
    HTTP_PORT: 'off',
    LOG_LEVEL: 'info',
    ...extra,
  });

  it('refuses to start with a setting named when the Slack settings are incomplete', async () => {
    const failed = spawnBot(env({ SLACK_SIGNING_SECRET: SIGNING_SECRET }));
    const { code } = await failed.exited;
    assert.notEqual(code, 0);
    assert.match(failed.stderr(), /SLACK_BOT_TOKEN is required/);
  });

  it('starts the HTTP receiver from the env and answers a signed /rdo interview latest', async () => {
    bot = spawnBot(env({ SLACK_BOT_TOKEN: 'xoxb-cli-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_PORT: '0', SLACK_API_URL: api.apiUrl }));
    const started = await bot.waitForLog(/slack: receiving events over HTTP/);
    const url = `http://127.0.0.1:${String(started.port)}/slack/events`;
    const body = slashCommandBody({ command: '/rdo', text: 'interview latest', response_url: api.responseUrl('cli'), trigger_id: 'cli.1' });
    const answer = await postSigned(url, body, 'application/x-www-form-urlencoded');
    assert.equal(answer.status, 200);
    await until(() => api.responses.some((r) => r.id === 'cli'), 5000, 'the answer on the response_url');
    assert.match(String(api.responses.find((r) => r.id === 'cli')!.body.text), /Interview with Priya Raman: keeping RDO CI green/);
    const forged = await postSigned(url, body.replace('cli.1', 'cli.2'), 'application/x-www-form-urlencoded', { secret: '0'.repeat(32) });
    assert.equal(forged.status, 401);
  });
});
