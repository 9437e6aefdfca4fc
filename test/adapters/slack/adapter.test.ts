import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureBot } from '../../helpers/bot.js';
import { blockText, SlackFixture } from '../../helpers/slack-fixture.js';
import { until } from '../../helpers/wait.js';

const LATEST = /Interview with Priya Raman: keeping RDO CI green/;
const LATEST_LINK = 'https://www.rdoproject.org/blog/2016/06/interview-with-priya-raman-keeping-ci-green/';

describe('Slack adapter over the real Bolt HTTP receiver (Web API stand-in, signed requests)', function () {
  this.timeout(15000);
  let fx: SlackFixture;

  before(async () => {
    fx = await new SlackFixture().setUp();
  });
  after(async () => {
    await fx?.tearDown();
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.log(fx.logs.map((l) => JSON.stringify(l)).join('\n'), '\nunknown:', fx.api.unknown);
  });

  /** Something answerable, waited for: everything sent before it has been handled by then. */
  async function barrier(): Promise<void> {
    const before = fx.api.posted.length;
    await fx.event(fx.chat('!about'));
    await fx.post(before + 1);
  }

  describe('slash commands', () => {
    it('acknowledges /rdo interview latest at once, then answers the asker only on the response_url', async () => {
      const { answer, id } = await fx.command('/rdo', 'interview latest');
      assert.equal(answer.status, 200);
      assert.ok(answer.ms < 3000, `acknowledged in ${answer.ms} ms`);
      const body = await fx.responseTo(id);
      assert.equal(body.response_type, 'ephemeral');
      assert.match(String(body.text), LATEST);
      const blocks = blockText(body.blocks);
      assert.match(blocks, LATEST);
      assert.ok(blocks.includes(`<${LATEST_LINK}|Interview with Priya Raman: keeping RDO CI green>`), blocks);
      // The post's date as a Slack date token, which each reader's client shows in their own zone.
      assert.match(blocks, /<!date\^1464898122\^\{date_short_pretty\} \{time\}\|2016-06-02 20:08 UTC> by rhenderson/);
      const message = fx.handled.at(-1)!;
      assert.equal(message.network, 'slack');
      assert.equal(message.room, 'C0RDO');
      assert.equal(message.isPrivate, false);
      assert.deepEqual(message.user, { id: 'T0RDO/U0ALICE', name: 'Alice', verified: true });
      assert.deepEqual(message.roles, []);
      assert.equal(message.text, '/rdo interview latest');
      assert.deepEqual(message.addressed, { line: 'interview latest', by: 'slash' });
    });

    it('counts workspace admins as channel operators, and falls back to the command\'s user name', async () => {
      const { id } = await fx.command('/rdo', 'about', { user_id: 'U0ADMIN', user_name: 'ada' });
      await fx.responseTo(id);
      assert.deepEqual(fx.handled.at(-1)!.roles, ['operator']);
      const { id: other } = await fx.command('/rdo', 'about', { user_id: 'U0BOB', user_name: 'bob' });
      await fx.responseTo(other);
      assert.deepEqual(fx.handled.at(-1)!.user, { id: 'T0RDO/U0BOB', name: 'bob', verified: true });
      assert.deepEqual(fx.handled.at(-1)!.roles, []);
    });

    it('offers a button under a private answer that posts the answer in the channel', async () => {
      const { id } = await fx.command('/rdo', 'interview latest');
      const blocks = (await fx.responseTo(id)).blocks as { type: string; elements?: { action_id: string; value: string }[] }[];
      const button = blocks.find((b) => b.type === 'actions')?.elements?.[0];
      assert.deepEqual(button && { action_id: button.action_id, value: button.value }, { action_id: 'rdobot_share', value: 'interview latest' });
      const click = {
        type: 'block_actions',
        token: 'legacy',
        api_app_id: 'A0RDOBOT',
        user: { id: 'U0ALICE', username: 'alice', team_id: 'T0RDO' },
        team: { id: 'T0RDO', domain: 'rdo' },
        channel: { id: 'C0RDO', name: 'rdo' },
        container: { type: 'message', is_ephemeral: true, channel_id: 'C0RDO' },
        trigger_id: 'click.trigger.1',
        response_url: fx.api.responseUrl('click'),
        actions: [{ type: 'button', action_id: 'rdobot_share', block_id: 'share', value: button!.value, text: { type: 'plain_text', text: 'Post in channel' }, action_ts: '1764072000.1' }],
      };
      const answer = await fx.interaction(click);
      assert.equal(answer.status, 200);
      await until(() => fx.api.responses.filter((r) => r.id === 'click').length === 2, 5000, 'the shared answer and the deletion');
      const [shared, removed] = fx.api.responses.filter((r) => r.id === 'click').map((r) => r.body);
      assert.equal(shared.response_type, 'in_channel');
      assert.match(String(shared.text), LATEST);
      assert.ok(!blockText(shared.blocks).includes('rdobot_share'), 'no button on the public answer');
      assert.equal(removed.delete_original, true);
      const forged = await fx.interaction({ ...click, trigger_id: 'click.trigger.2' }, { secret: '0'.repeat(32) });
      assert.equal(forged.status, 401);
    });

    it('posts in the channel when asked with the public word', async () => {
      const { id } = await fx.command('/rdo', 'public interview latest');
      const body = await fx.responseTo(id);
      assert.equal(body.response_type, 'in_channel');
      assert.match(String(body.text), LATEST);
    });

    it('keeps a mistake to the asker even when public was asked', async () => {
      const { id } = await fx.command('/rdo', 'interviw latest --public');
      const body = await fx.responseTo(id);
      assert.equal(body.response_type, 'ephemeral');
      // Suggestions are written as Slack users type commands.
      assert.equal(String(body.text), "Unknown command 'interviw'. Did you mean /rdo interview? Try /rdo help.");
    });

    it('answers the per-family command /interview latest', async () => {
      const { id } = await fx.command('/interview', 'latest');
      assert.match(String((await fx.responseTo(id)).text), LATEST);
      assert.deepEqual(fx.handled.at(-1)!.addressed, { line: 'interview latest', by: 'slash' });
    });

    it('shows help for a bare /rdo', async () => {
      const { id } = await fx.command('/rdo', '');
      const body = await fx.responseTo(id);
      assert.match(String(body.text), /^Commands: \/rdo about, (?:\/rdo [\w-]+, )*\/rdo help, (?:\/rdo [\w-]+, )*\/rdo interview/);
      assert.doesNotMatch(JSON.stringify(body.blocks), /![a-z]/);
      assert.match(JSON.stringify(body.blocks), /\/rdo help &lt;command&gt; explains one/);
    });

    it('answers a slash command delivered twice (same trigger_id) once', async () => {
      const { id } = await fx.command('/rdo', 'about', { trigger_id: 'same.trigger', response_url: fx.api.responseUrl('twice') });
      await fx.command('/rdo', 'about', { trigger_id: 'same.trigger', response_url: fx.api.responseUrl('twice') });
      await fx.responseTo('twice');
      const { id: next } = await fx.command('/rdo', 'about');
      await fx.responseTo(next);
      assert.equal(fx.api.responses.filter((r) => r.id === 'twice').length, 1, id);
    });
  });

  describe('request signing', () => {
    it('refuses a forged slash command with 401 and does nothing', async () => {
      const handled = fx.handled.length;
      const { answer, id } = await fx.command('/rdo', 'interview latest', {}, { secret: 'f'.repeat(32) });
      assert.equal(answer.status, 401);
      await barrier();
      assert.equal(fx.handled.length, handled + 1, 'only the barrier was handled');
      assert.ok(!fx.api.responses.some((r) => r.id === id));
    });

    it('refuses a correctly signed but stale (10 minutes old) request with 401', async () => {
      const handled = fx.handled.length;
      const { answer } = await fx.command('/rdo', 'interview latest', {}, { timestamp: Math.floor(Date.now() / 1000) - 600 });
      assert.equal(answer.status, 401);
      const posted = fx.api.posted.length;
      const { answer: event } = await fx.event(fx.chat('<@U0BOT> interview latest', { type: 'app_mention' }), { timestamp: Math.floor(Date.now() / 1000) - 600 });
      assert.equal(event.status, 401);
      await barrier();
      assert.equal(fx.handled.length, handled + 1);
      assert.equal(fx.api.posted.length, posted + 1);
    });

    it('refuses an unsigned event and one whose body was altered after signing', async () => {
      const handled = fx.handled.length;
      const { answer } = await fx.event(fx.chat('!interview latest'), { signature: '' });
      assert.equal(answer.status, 401);
      const { answer: altered } = await fx.event(fx.chat('!interview latest'), { signature: 'v0=' + '0'.repeat(64) });
      assert.equal(altered.status, 401);
      await barrier();
      assert.equal(fx.handled.length, handled + 1);
    });
  });

  describe('events', () => {
    it('answers an app_mention in the channel, naming the asker by their Slack identity', async () => {
      const before = fx.api.posted.length;
      const { answer, eventId } = await fx.event(fx.chat('<@U0BOT> interview latest', { type: 'app_mention' }));
      assert.equal(answer.status, 200);
      const post = await fx.post(before + 1);
      assert.equal(post.args.channel, 'C0RDO');
      assert.equal(post.token, 'xoxb-test-token');
      assert.match(String(post.args.text), LATEST);
      assert.match(blockText(post.args.blocks), LATEST);
      const message = fx.handled.at(-1)!;
      assert.equal(message.id, eventId);
      assert.deepEqual(message.user, { id: 'T0RDO/U0ALICE', name: 'Alice', verified: true });
    });

    it('answers an app_mention re-delivered with X-Slack-Retry-Num: 1 only once', async () => {
      const before = fx.api.posted.length;
      const mention = fx.chat('<@U0BOT> interview latest', { type: 'app_mention' });
      const { eventId } = await fx.event(mention);
      await fx.post(before + 1);
      const { answer } = await fx.event(mention, { eventId, retryNum: 1 });
      assert.equal(answer.status, 200, 'the retry is acknowledged, so Slack stops retrying');
      await barrier();
      assert.equal(fx.api.posted.length, before + 2, 'the answer and the barrier, no second answer');
      assert.ok(fx.logs.some((l) => l.msg === 'slack: redelivered event ignored' && l.event === eventId && l.retryNum === 1));
    });

    it('answers the mention once when its message event arrives too', async () => {
      const before = fx.api.posted.length;
      const mention = fx.chat('<@U0BOT> about');
      await fx.event({ ...mention, type: 'app_mention' });
      await fx.event(mention);
      await barrier();
      assert.equal(fx.api.posted.length, before + 2);
    });

    it('answers a ! message in a channel and stays quiet for ordinary chat', async () => {
      const before = fx.api.posted.length;
      await fx.event(fx.chat('lunch, anyone?'));
      await fx.event(fx.chat('!interview latest'));
      const post = await fx.post(before + 1);
      assert.match(String(post.args.text), LATEST);
      await barrier();
      assert.equal(fx.api.posted.length, before + 2);
    });

    it('answers a direct message without prefix, as private', async () => {
      const before = fx.api.posted.length;
      await fx.event(fx.chat('interview latest', { channel: 'D0ALICE', channel_type: 'im' }));
      const post = await fx.post(before + 1);
      assert.equal(post.args.channel, 'D0ALICE');
      assert.match(String(post.args.text), LATEST);
      assert.equal(fx.handled.at(-1)!.isPrivate, true);
    });

    it('answers in the thread a mention was made in', async () => {
      const before = fx.api.posted.length;
      await fx.event(fx.chat('<@U0BOT> about', { type: 'app_mention', thread_ts: '1764000000.000001' }));
      const post = await fx.post(before + 1);
      assert.equal(post.args.thread_ts, '1764000000.000001');
    });

    it('logs an answer Slack refuses with its channel, and carries on', async () => {
      fx.api.refuse('chat.postMessage', 'not_in_channel');
      await fx.event(fx.chat('!about', { channel: 'C0OUT' }));
      await until(() => fx.logs.some((l) => l.msg === 'slack: answering failed' && l.channel === 'C0OUT' && l.err === 'not_in_channel'), 5000, 'the failure log');
      await barrier();
    });

    it('ignores other bots, edits and its own posts', async () => {
      const handled = fx.handled.length;
      await fx.event(fx.chat('!interview latest', { bot_id: 'B0OTHER' }));
      await fx.event(fx.chat('!interview latest', { subtype: 'message_changed' }));
      await fx.event(fx.chat('!interview latest', { user: 'U0BOT', bot_id: 'B0BOT' }));
      await barrier();
      assert.equal(fx.handled.length, handled + 1);
    });
  });

  describe('proactive sends', () => {
    it('delivers a reminder with chat.postMessage into the channel', async () => {
      const before = fx.api.posted.length;
      await fx.adapter.send('C0MEET', { kind: 'notice', text: 'RDO meeting starts in 15 min in #rdo-meeting', link: 'https://www.rdoproject.org/community/' });
      const post = fx.api.posted[before];
      assert.equal(post.args.channel, 'C0MEET');
      assert.match(String(post.args.text), /RDO meeting starts in 15 min/);
      assert.equal(post.args.unfurl_links, 'false');
      assert.match(blockText(post.args.blocks), /<https:\/\/www\.rdoproject\.org\/community\/\|/);
    });

    it('claims a promised reminder right before its one chat.postMessage, and sends nothing when the claim is declined', async () => {
      const before = fx.api.posted.length;
      const order: string[] = [];
      await fx.adapter.send('C0MEET', { kind: 'notice', text: 'preview' }, {
        claim: () => (order.push(`claim after ${fx.api.posted.length - before} posts`), { kind: 'notice', text: 'Reminder: RDO meeting starts in 15 min' }),
      });
      await fx.adapter.send('C0MEET', { kind: 'notice', text: 'preview' }, { claim: () => null });
      assert.deepEqual(order, ['claim after 0 posts']);
      assert.equal(fx.api.posted.length, before + 1);
      assert.match(String(fx.api.posted[before].args.text), /^Reminder: RDO meeting starts in 15 min/);
    });

    it('waits out a 429 for its Retry-After and delivers the message once', async () => {
      const before = fx.api.posted.length;
      const attempts = fx.api.called('chat.postMessage').length;
      fx.api.rateLimit('chat.postMessage', 1);
      const started = Date.now();
      await fx.adapter.send('C0MEET', { kind: 'notice', text: 'Test day tomorrow' });
      assert.ok(Date.now() - started >= 1000, 'waited for Retry-After: 1');
      assert.equal(fx.api.called('chat.postMessage').length, attempts + 2);
      assert.equal(fx.api.posted.length, before + 1);
      assert.match(String(fx.api.posted[before].args.text), /Test day tomorrow/);
    });

    it('retries a 5xx and delivers', async () => {
      const before = fx.api.posted.length;
      fx.api.failWith('chat.postMessage', 503);
      await fx.adapter.send('C0MEET', { kind: 'notice', text: 'after a hiccup' });
      assert.equal(fx.api.posted.length, before + 1);
    });

    it('reports a refused send as an error and logs it with the channel', async () => {
      fx.api.refuse('chat.postMessage', 'channel_not_found');
      await assert.rejects(fx.adapter.send('C0GONE', { kind: 'notice', text: 'hello?' }), /channel_not_found/);
      assert.ok(fx.logs.some((l) => l.channel === 'C0GONE' && l.err === 'channel_not_found' && l.level === 50));
    });
  });

  it('reports its status', () => {
    const status = fx.adapter.status();
    assert.equal(status.connected, true);
    assert.match(status.detail ?? '', /^HTTP on \d+/);
  });
});

describe('Slack adapter: hostile post titles', function () {
  this.timeout(15000);
  let fx: SlackFixture;
  const TITLE = 'Party <!channel> @here with <@U0BOSS> & <https://evil.example|free stuff>';

  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdobot-slack-posts-'));
    writeFileSync(
      join(dir, '2026-11-20-party.html.md'),
      `---\ntitle: "${TITLE}"\nauthor: "<!here> mallory"\ndate: 2026-11-20 10:00:00 UTC\ntags: interview\n---\n\nCome along @channel, <!everyone> is invited.\n`,
    );
    fx = await new SlackFixture().setUp({}, await fixtureBot({ archiveDirs: [dir], eventsDirs: [], meetingsDirs: [] }));
  });
  after(async () => {
    await fx?.tearDown();
  });

  it('renders a post title with <!channel> and @here harmless in text and blocks', async () => {
    await fx.event(fx.chat('!post latest'));
    const post = await fx.post(1);
    for (const rendered of [String(post.args.text), blockText(post.args.blocks)]) {
      assert.ok(!rendered.includes('<!channel>'), rendered);
      assert.ok(!rendered.includes('<!here>'), rendered);
      assert.ok(!rendered.includes('<!everyone>'), rendered);
      assert.ok(!rendered.includes('<@U0BOSS>'), rendered);
      assert.ok(!rendered.includes('<https://evil.example'), rendered);
      assert.ok(!/@(here|channel)\b/.test(rendered), rendered);
      assert.match(rendered, /&lt;!channel&gt;/);
      assert.match(rendered, /@\u2060here/);
      assert.match(rendered, /&amp;/);
    }
  });

  it('does the same for a slash command answer', async () => {
    const { id } = await fx.command('/rdo', 'public post latest');
    const body = await fx.responseTo(id);
    const rendered = `${String(body.text)}${blockText(body.blocks)}`;
    assert.ok(!rendered.includes('<!channel>') && !rendered.includes('<!here>'), rendered);
    assert.ok(!/@(here|channel)\b/.test(rendered), rendered);
  });
});

describe('Slack adapter: HTTP receiver mounted on a shared server', function () {
  this.timeout(15000);
  let fx: SlackFixture;
  let shared: Server;

  before(async () => {
    fx = await new SlackFixture().setUp({
      connection: { mode: 'http', signingSecret: 'e3b0c44298fc1c149afbf4c8996fb924', host: '127.0.0.1', port: 0, path: '/slack/events', listen: false },
    });
    const handler = fx.adapter.requestHandler()!;
    shared = createServer((req, res) => (req.url?.startsWith('/slack/') ? handler(req, res) : res.writeHead(404).end()));
    await new Promise<void>((resolve) => shared.listen(0, '127.0.0.1', resolve));
    fx.mountedAt = `http://127.0.0.1:${(shared.address() as AddressInfo).port}/slack/events`;
  });
  after(async () => {
    shared?.closeAllConnections();
    await new Promise<void>((resolve) => (shared ? shared.close(() => resolve()) : resolve()));
    await fx?.tearDown();
  });

  it('does not listen itself, and answers signed requests through the mounted handler', async () => {
    assert.equal(fx.adapter.port, undefined);
    assert.match(fx.adapter.status().detail ?? '', /shared server/);
    const { id } = await fx.command('/rdo', 'interview latest');
    assert.match(String((await fx.responseTo(id)).text), LATEST);
    const { answer } = await fx.command('/rdo', 'interview latest', {}, { secret: '1'.repeat(32) });
    assert.equal(answer.status, 401);
  });
});
