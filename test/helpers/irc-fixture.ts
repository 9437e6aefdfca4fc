import type { BotOptions } from '../../src/main/compose.js';
/** rdobot's IRC adapter over the corpus bot, wired to a real test server, plus what the tests need to talk to it. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIrcAdapter, readIrcOptions } from '../../adapters/irc/index.js';
import type { Adapter, CommandSpec } from '../../src/core/types.js';
import { FIXTURE_POSTS, fixtureBot, type TestBot } from './bot.js';
import type { IrcServer } from './irc-server.js';

/** A 2,000-character answer made of words, with multi-byte letters in it. */
export const LONG_ANSWER = Array.from({ length: 400 }, (_, i) => (i % 7 === 3 ? 'Haïkel' : `w${i}`)).join(' ').slice(0, 2000);

/** Test-only commands: answers the corpus cannot give. */
export const TEST_COMMANDS: CommandSpec[] = [
  { family: 'longanswer', name: '', summary: 'a 2,000-character answer', handler: () => ({ kind: 'answer', text: LONG_ANSWER }) },
  {
    family: 'whoami',
    name: '',
    summary: 'the identity the adapter gave the asker',
    handler: ({ message }) => ({
      kind: 'answer',
      text: `id=${message.user.id} name=${message.user.name} ${message.user.verified ? 'verified' : 'unverified'} roles=${(message.roles ?? []).join(',') || 'none'}`,
    }),
  },
];

/** An archive with one post whose title tries to smuggle a second protocol line. */
export function forgedArchive(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rdobot-forged-'));
  writeFileSync(
    join(dir, '2026-11-20-forged.html.md'),
    ['---', 'title: "Innocent\\r\\nPRIVMSG #rdo :pwned\\r\\nQUIT :bye"', 'author: mallory', 'date: 2026-11-20 10:00:00 UTC', 'tags: openstack', '---', '', 'Nothing to see.\r\nPRIVMSG #rdo :pwned again', ''].join('\n'),
  );
  return dir;
}

export interface IrcBot {
  bot: TestBot;
  adapter: Adapter & { readonly nick: string };
}

/** Short timeouts so outages are noticed and healed within a test's bounds. */
export const FAST_ENV = {
  IRC_TLS: 'false',
  IRC_PING_INTERVAL_MS: '1000',
  IRC_PING_TIMEOUT_MS: '3000',
  IRC_RECONNECT_MIN_MS: '200',
  IRC_RECONNECT_MAX_MS: '1500',
  IRC_FLOOD_BURST: '5',
  IRC_FLOOD_INTERVAL_MS: '250',
};

export async function ircBot(server: IrcServer, env: Record<string, string> = {}, archiveDirs: string[] = [FIXTURE_POSTS], botOptions: Partial<BotOptions> = {}): Promise<IrcBot> {
  const bot = await fixtureBot({ archiveDirs, limits: { maxLineChars: 2500, maxSummaryChars: 200, maxItems: 10 }, ...botOptions });
  bot.bot.register(TEST_COMMANDS);
  const options = readIrcOptions({ IRC_HOST: server.host, IRC_PORT: String(server.port), IRC_NICK: 'rdobot', IRC_CHANNELS: '#rdo', ...FAST_ENV, ...env });
  const adapter = createIrcAdapter(bot.context, options);
  await adapter.start();
  return { bot, adapter };
}
