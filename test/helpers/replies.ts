/**
 * The reply fixtures (test/fixtures/replies) and each network's way of asking and rendering, as its adapter does it:
 * the Message it builds (command syntax, line budget, private or not) and the renderer it sends with.
 */
import { fileURLToPath } from 'node:url';
import { fitLines, ircReading, renderIrc } from '../../adapters/irc/render.js';
import { textBudget, utf8Length } from '../../adapters/irc/split.js';
import { renderMatrix } from '../../adapters/matrix/render.js';
import { renderSlack } from '../../adapters/slack/render.js';
import { slackMessage, toBot } from '../../adapters/slack/inbound.js';
import type { BuiltInPlugin } from '../../commands/index.js';
import type { BotOptions } from '../../src/main/compose.js';
import type { Message, Reply } from '../../src/core/types.js';
import { fixtureBot, TEST_NOW, type TestBot } from './bot.js';
import { said } from './message.js';

export const REPLY_FIXTURES = fileURLToPath(new URL('../../../test/fixtures/replies/', import.meta.url));
export const GOLDEN_ROOT = fileURLToPath(new URL('../../../test/golden/', import.meta.url));

/** A bot over the invented reply fixtures, "now" pinned to Wednesday 2026-11-25 12:00 UTC (all families unless given). */
export function fixtureRepliesBot(options: Partial<BotOptions> = {}, plugins?: readonly BuiltInPlugin[]): Promise<TestBot> {
  return fixtureBot({
    archiveDirs: [`${REPLY_FIXTURES}posts`],
    eventsDirs: [`${REPLY_FIXTURES}events`],
    meetingsDirs: [`${REPLY_FIXTURES}meetings`],
    ...options,
  }, plugins);
}

export type NetworkName = 'irc' | 'slack' | 'matrix';

/** The IRC defaults: 4 lines in a channel, 15 in a private query. */
export const IRC_LINES = { maxLines: 4, privateMaxLines: 20 };
/** The mask an IRC server puts before our lines (counted in each line's bytes). */
const IRC_PREFIX = { nick: 'rdobot', user: '~rdobot', host: 'irc.example.org' };

export interface Network {
  name: NetworkName;
  /** The Message this network's adapter hands the core for `text`. */
  message(text: string, isPrivate?: boolean): Message;
  /** The reply as this network's adapter sends it, as reviewable text. */
  render(reply: Reply, isPrivate?: boolean): string;
}

const base = { user: { id: 'alice', name: 'alice', verified: true }, time: TEST_NOW.toJSDate() };

/** The protocol lines, as the server relays them, each with its length in bytes (at most 512 with CR LF). */
export function ircProtocolLines(reply: Reply, isPrivate = false): { line: string; bytes: number }[] {
  const target = isPrivate ? 'alice' : '#rdo';
  const budget = textBudget(IRC_PREFIX, 'PRIVMSG', target);
  const text = fitLines(renderIrc(reply, { bold: true, ...ircReading(IRC_LINES, isPrivate) }), budget);
  return text.map((t) => {
    const line = `:${IRC_PREFIX.nick}!${IRC_PREFIX.user}@${IRC_PREFIX.host} PRIVMSG ${target} :${t}`;
    return { line, bytes: utf8Length(line) + 2 };
  });
}

export const NETWORKS: Network[] = [
  {
    name: 'irc',
    message: (text, isPrivate = false) => said(text, { ...base, network: 'irc', room: isPrivate ? 'alice' : '#rdo', isPrivate, ...ircReading(IRC_LINES, isPrivate) }),
    render: (reply, isPrivate) =>
      ircProtocolLines(reply, isPrivate)
        .map(({ line, bytes }) => `[${String(bytes).padStart(3)} bytes] ${line.replace(/\x02/g, '^B').replace(/\x0f/g, '^O')}`)
        .join('\n'),
  },
  {
    name: 'slack',
    // Asked as `/rdo interview latest`: the adapter hands the core the line `interview latest`, by slash command.
    message: (text, isPrivate = false) => ({
      ...slackMessage(
        { team: 'T1', user: 'U2', name: 'alice', channel: isPrivate ? 'D3' : 'C3', channelType: isPrivate ? 'im' : 'channel' },
        { text, addressed: toBot(text, 'slash', '!') },
        '/rdo',
      ),
      time: TEST_NOW.toJSDate(),
    }),
    render: (reply) => JSON.stringify(renderSlack(reply), null, 2),
  },
  {
    name: 'matrix',
    message: (text, isPrivate = false) => said(text, { ...base, network: 'matrix', room: isPrivate ? '!dm:example.org' : '!rdo:example.org', isPrivate }),
    render: (reply) => {
      const n = renderMatrix(reply);
      const html = n.formatted_body.replace(/(<\/p>|<ul>|<\/li>|<\/ul>)/g, '$1\n').trimEnd();
      return `# body\n${n.body}\n\n# formatted_body (line breaks added after </p>, <ul>, </li> and </ul> for reading)\n${html}`;
    },
  },
];
