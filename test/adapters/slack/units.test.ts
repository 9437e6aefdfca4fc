import assert from 'node:assert/strict';
import { renderSlack } from '../../../adapters/slack/render.js';
import { readSlackOptions } from '../../../adapters/slack/config.js';
import { Deduper } from '../../../adapters/slack/dedupe.js';
import { escapeMrkdwn, mrkdwnLink, plainText, slackToPlain } from '../../../adapters/slack/escape.js';
import { mentionCommand, mentionsBot, parseSlashCommand, slackMessage, toBot } from '../../../adapters/slack/inbound.js';
import type { Reply } from '../../../src/core/types.js';

const HTTP_ENV = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'e3b0c44298fc1c149afbf4c8996fb924' };

describe('Slack configuration (SLACK_*)', () => {
  it('reads an HTTP receiver set-up with defaults', () => {
    const options = readSlackOptions(HTTP_ENV);
    assert.deepEqual(options.connection, { mode: 'http', signingSecret: HTTP_ENV.SLACK_SIGNING_SECRET, host: '127.0.0.1', port: 3000, path: '/slack/events' });
    assert.equal(options.apiUrl, 'https://slack.com/api/');
    assert.equal(options.command, '/rdo');
    assert.deepEqual(options.familyCommands, []);
    assert.equal(options.publicByDefault, false);
  });

  it('chooses Socket Mode when an app token is given', () => {
    const options = readSlackOptions({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A1-2-abc' });
    assert.deepEqual(options.connection, { mode: 'socket', appToken: 'xapp-1-A1-2-abc' });
  });

  it('reads port, path, API URL, commands and the public default', () => {
    const options = readSlackOptions({
      ...HTTP_ENV,
      SLACK_MODE: 'http',
      SLACK_APP_TOKEN: 'xapp-unused',
      SLACK_PORT: '0',
      SLACK_PATH: '/hooks/slack',
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      SLACK_COMMAND: '/rdobot',
      SLACK_FAMILY_COMMANDS: 'interview, /post',
      SLACK_PUBLIC: 'true',
    });
    assert.equal(options.connection.mode, 'http');
    assert.equal(options.connection.mode === 'http' && options.connection.port, 0);
    assert.equal(options.connection.mode === 'http' && options.connection.path, '/hooks/slack');
    assert.equal(options.apiUrl, 'http://127.0.0.1:9999/api/');
    assert.equal(options.command, '/rdobot');
    assert.deepEqual(options.familyCommands, ['interview', 'post']);
    assert.equal(options.publicByDefault, true);
  });

  it('names every bad key, and never echoes a secret', () => {
    assert.throws(() => readSlackOptions({}), /SLACK_BOT_TOKEN is required.*SLACK_SIGNING_SECRET is required/);
    assert.throws(() => readSlackOptions({ ...HTTP_ENV, SLACK_PORT: 'eighty' }), /SLACK_PORT must be a port number/);
    assert.throws(() => readSlackOptions({ ...HTTP_ENV, SLACK_MODE: 'socket' }), /SLACK_APP_TOKEN is required for Socket Mode/);
    assert.throws(() => readSlackOptions({ ...HTTP_ENV, SLACK_COMMAND: 'rdo' }), /SLACK_COMMAND must be a slash command/);
    assert.throws(
      () => readSlackOptions({ SLACK_BOT_TOKEN: 'xoxp-user-token-secret', SLACK_SIGNING_SECRET: HTTP_ENV.SLACK_SIGNING_SECRET }),
      (error: Error) => /SLACK_BOT_TOKEN must be a bot token/.test(error.message) && !error.message.includes('secret'),
    );
  });
});

describe('Slack escaping', () => {
  it('escapes &, < and > so no mention, channel ping or link survives', () => {
    assert.equal(escapeMrkdwn('a <!channel> & <@U1> <https://x|y>'), 'a &lt;!channel&gt; &amp; &lt;@U1&gt; &lt;https://x|y&gt;');
  });

  it('defuses bare @channel, @here and @everyone with a word joiner', () => {
    assert.equal(escapeMrkdwn('hey @here and @Channel, @everyone'), 'hey @\u2060here and @\u2060Channel, @\u2060everyone');
    assert.equal(plainText('@here <b>'), '@\u2060here <b>');
    assert.equal(escapeMrkdwn('mail me at rich@here.example'), 'mail me at rich@\u2060here.example');
  });

  it('folds line breaks and control characters into one line', () => {
    assert.equal(escapeMrkdwn('one\r\ntwo\u0007\u202ethree'), 'one two three');
  });

  it('makes links only of web URLs, with an escaped label', () => {
    assert.equal(mrkdwnLink('https://rdoproject.org/a?b=1&c=2', 'A & B'), '<https://rdoproject.org/a?b=1&amp;c=2|A &amp; B>');
    assert.equal(mrkdwnLink('javascript:alert(1)', 'click'), 'click');
    assert.equal(mrkdwnLink('https://x.example/a|b>c', 'x'), '<https://x.example/a%7Cb%3Ec|x>');
  });

  it('turns incoming Slack markup back into what the user typed', () => {
    assert.equal(slackToPlain('see <#C1|rdo> &amp; <@U2|bob>, <https://a.example/x|a.example> &lt;3'), 'see #rdo & @bob, https://a.example/x <3');
    assert.equal(slackToPlain('<!here> hi'), '@here hi');
  });
});

describe('Slack inbound translation', () => {
  it('reads a leading mention of the bot as addressing, and a later one as talk about it', () => {
    assert.equal(mentionCommand('<@U0BOT> interview latest', 'U0BOT'), 'interview latest');
    assert.equal(mentionCommand('<@U0BOT>: post search &lt;tag&gt;', 'U0BOT'), 'post search <tag>');
    assert.equal(mentionCommand('thanks <@U0BOT>', 'U0BOT'), null);
    assert.equal(mentionCommand('<@U0OTHER> help', 'U0BOT'), null);
    assert.equal(mentionsBot('thanks <@U0BOT>!', 'U0BOT'), true);
    assert.equal(mentionsBot('thanks <@U0BOTX>!', 'U0BOT'), false);
  });

  it('takes public/private words and options out of a slash command', () => {
    assert.deepEqual(parseSlashCommand('interview latest', undefined, false), { line: 'interview latest', inChannel: false });
    assert.deepEqual(parseSlashCommand('public interview latest', undefined, false), { line: 'interview latest', inChannel: true });
    assert.deepEqual(parseSlashCommand('latest --public', 'interview', false), { line: 'interview latest', inChannel: true });
    assert.deepEqual(parseSlashCommand('private meeting next --tz Asia/Tokyo', undefined, true), { line: 'meeting next --tz Asia/Tokyo', inChannel: false });
    assert.deepEqual(parseSlashCommand('post search public cloud', undefined, false), { line: 'post search public cloud', inChannel: false });
  });

  it('builds identities from workspace and user id, and marks DMs private', () => {
    const message = slackMessage({ team: 'T1', user: 'U2', name: 'Bob', channel: 'D3', channelType: 'im', ts: '1764072000.000100', id: 'Ev1' }, { text: 'help' });
    assert.deepEqual(message.user, { id: 'T1/U2', name: 'Bob', verified: true });
    assert.equal(message.isPrivate, true);
    assert.equal(message.time.toISOString(), '2025-11-25T12:00:00.000Z');
    assert.equal(slackMessage({ user: 'U2', channel: 'C3' }, { text: 'x' }).user.id, 'U2');
    assert.equal(slackMessage({ user: 'U2', channel: 'C3', channelType: 'channel' }, { text: 'x' }).isPrivate, false);
  });

  it('hands the slash command line over as addressed, a bare command as help, a habitual ! dropped', () => {
    assert.deepEqual(toBot('interview latest', 'slash', '!'), { line: 'interview latest', by: 'slash' });
    assert.deepEqual(toBot('  ', 'slash', '!'), { line: 'help', by: 'slash' });
    assert.deepEqual(toBot('!help', 'name', '!'), { line: 'help', by: 'name' });
    // Anything after the slash command is for the bot, whatever it starts with.
    assert.deepEqual(toBot('3 latest interviews', 'slash', '!'), { line: '3 latest interviews', by: 'slash' });
  });
});

describe('Slack Block Kit rendering', () => {
  it('stays within Slack limits for a long list of hostile items', () => {
    const reply: Reply = {
      kind: 'list',
      text: 'lots',
      items: Array.from({ length: 120 }, (_, i) => ({ title: `${'&'.repeat(400)} ${i}`, meta: '<'.repeat(500), summary: '>'.repeat(900), link: 'https://x.example/' })),
      more: { count: 3 },
    };
    const { text, blocks } = renderSlack(reply);
    assert.ok(blocks.length <= 50, `${blocks.length} blocks`);
    assert.ok(text.length <= 3000, `${text.length} characters of text`);
    for (const block of blocks) {
      const texts = JSON.stringify(block).match(/"text":"((?:[^"\\]|\\.)*)"/g) ?? [];
      for (const t of texts) assert.ok(t.length <= 3010, `a text of ${t.length}`);
    }
    assert.match(JSON.stringify(blocks.at(-1)), /and 83 more/);
  });

  it('marks errors and keeps their text', () => {
    const { text, blocks } = renderSlack({ kind: 'error', code: 'UNKNOWN_COMMAND', text: 'Unknown command <x>. Did you mean !help?' });
    assert.equal(text, 'Unknown command &lt;x&gt;. Did you mean !help?');
    assert.match(JSON.stringify(blocks), /:warning: Unknown command &lt;x&gt;/);
  });
});

describe('Slack redelivery memory', () => {
  it('takes a delivery once per key, across any of its keys, until the entry expires', () => {
    let now = 0;
    const seen = new Deduper(1000, 3, () => now);
    assert.equal(seen.first('event:E1', 'ts:C:1'), true);
    assert.equal(seen.first('event:E1'), false);
    assert.equal(seen.first('event:E2', 'ts:C:1'), false);
    assert.equal(seen.first(undefined, ''), true);
    now = 1000;
    assert.equal(seen.first('event:E1'), true);
  });

  it('forgets the oldest entries beyond its size', () => {
    const seen = new Deduper(60_000, 2);
    seen.first('a');
    seen.first('b');
    seen.first('c');
    assert.equal(seen.size, 2);
    assert.equal(seen.first('a'), true);
    assert.equal(seen.first('c'), false);
  });
});
