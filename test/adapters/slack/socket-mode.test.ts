import assert from 'node:assert/strict';
import { blockText, SlackFixture } from '../../helpers/slack-fixture.js';
import { eventBody } from '../../helpers/slack-signer.js';
import { until } from '../../helpers/wait.js';

const LATEST = /Interview with Priya Raman: keeping RDO CI green/;

describe('Slack adapter over Socket Mode (real Bolt SocketModeReceiver, websocket stand-in)', function () {
  this.timeout(15000);
  let fx: SlackFixture;

  before(async () => {
    fx = await new SlackFixture().setUp({ connection: { mode: 'socket', appToken: 'xapp-1-A0RDOBOT-test' } });
  });
  after(async () => {
    await fx?.tearDown();
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.log(fx.logs.map((l) => JSON.stringify(l)).join('\n'));
  });

  const mention = (text: string, ts: string) => ({ type: 'app_mention', user: 'U0ALICE', text, ts, channel: 'C0RDO', team: 'T0RDO' });

  it('opens the connection with the app-level token and reports itself connected', () => {
    const opened = fx.api.called('apps.connections.open');
    assert.equal(opened.length, 1);
    assert.equal(opened[0].token, 'xapp-1-A0RDOBOT-test');
    assert.equal(fx.api.sockets.length, 1);
    assert.deepEqual(fx.adapter.status(), { connected: true, reconnects: 0, detail: 'Socket Mode' });
  });

  it('acknowledges an app_mention envelope and answers it in the channel', async () => {
    const envelope = fx.api.envelope('events_api', JSON.parse(eventBody(mention('<@U0BOT> interview latest', '1764072100.000100'), 'EvSock1')) as Record<string, unknown>);
    const post = await fx.post(1);
    assert.ok(fx.api.acked(envelope));
    assert.equal(post.args.channel, 'C0RDO');
    assert.match(String(post.args.text), LATEST);
    assert.equal(fx.handled.at(-1)!.id, 'EvSock1');
  });

  it('answers an envelope Slack sends again (retry_attempt 1, same event) only once', async () => {
    const before = fx.api.posted.length;
    const payload = JSON.parse(eventBody(mention('<@U0BOT> about', '1764072200.000100'), 'EvSock2')) as Record<string, unknown>;
    fx.api.envelope('events_api', payload);
    await fx.post(before + 1);
    const again = fx.api.envelope('events_api', payload, 1);
    await until(() => fx.api.acked(again), 5000, 'the redelivery to be acknowledged');
    fx.api.envelope('events_api', JSON.parse(eventBody(mention('<@U0BOT> about', '1764072300.000100'), 'EvSock3')) as Record<string, unknown>);
    await fx.post(before + 2);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(fx.api.posted.length, before + 2);
  });

  it('answers a slash command on its response_url', async () => {
    const envelope = fx.api.envelope('slash_commands', {
      token: 'legacy',
      team_id: 'T0RDO',
      team_domain: 'rdo',
      channel_id: 'C0RDO',
      channel_name: 'rdo',
      user_id: 'U0ALICE',
      user_name: 'alice',
      command: '/rdo',
      text: 'interview latest',
      api_app_id: 'A0RDOBOT',
      response_url: fx.api.responseUrl('sock'),
      trigger_id: 'sock.trigger.1',
    });
    const body = await fx.responseTo('sock');
    assert.ok(fx.api.acked(envelope));
    assert.equal(body.response_type, 'ephemeral');
    assert.match(blockText(body.blocks), LATEST);
  });

  it('closes the connection on stop', async () => {
    await fx.adapter.stop();
    await until(() => fx.api.sockets[0].closed, 5000, 'the websocket to close');
    assert.equal(fx.adapter.status().connected, false);
  });
});
