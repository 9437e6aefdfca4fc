import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { createBot, type Bot, type BotOptions } from '../../src/main/compose.js';
import type { BuiltInPlugin } from '../../commands/index.js';
import type { AdapterContext } from '../../src/core/adapter-context.js';
import { fixedClock } from '../../src/core/router.js';
import type { Message, Reply } from '../../src/core/types.js';
import { said } from './message.js';

import { CORPUS_EVENTS, CORPUS_MEETINGS, CORPUS_POSTS } from './corpus.js';
export { CORPUS, CORPUS_EVENTS, CORPUS_MEETINGS, CORPUS_POSTS, HAVE_CORPUS, describeCorpus } from './corpus.js';
/** The project's own test fixtures: invented posts, events and meetings, as messy as the real data. */
export const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/', import.meta.url));
export const FIXTURE_POSTS = join(FIXTURES, 'posts');
export const FIXTURE_EVENTS = join(FIXTURES, 'events');
export const FIXTURE_MEETINGS = join(FIXTURES, 'meetings');
/** What the fixture archive's newest interview is, for tests of every adapter. */
export const FIXTURE_LATEST = {
  title: 'Interview with Priya Raman: keeping RDO CI green',
  person: 'Priya Raman',
  slug: 'interview-with-priya-raman-keeping-ci-green',
  url: 'https://www.rdoproject.org/blog/2016/06/interview-with-priya-raman-keeping-ci-green/',
  /** As answers show it in UTC: date, time and author. */
  when: '2016-06-02 20:08 UTC',
  author: 'rhenderson',
} as const;
/** The fixture archive: 18 files, 16 published posts, 1 draft hidden, 1 broken file reported. */
export const FIXTURE_COUNTS = { published: 16, hidden: 1, warnings: 1 } as const;

/** The project's own sample archive. */
export const SAMPLE_ROOT = fileURLToPath(new URL('../../../examples/', import.meta.url));

/** A fixed "now" for tests: Wednesday 2026-11-25 12:00 UTC. */
export const TEST_NOW = DateTime.fromISO('2026-11-25T12:00:00Z', { zone: 'utc' });

export interface TestBot {
  bot: Bot;
  /** An AdapterContext for adapters under test (data dir in a fresh temp dir). */
  context: AdapterContext;
  /** Ask like a user in a channel: `await ask('!interview latest')`. */
  ask(text: string, message?: Partial<Message>): Promise<Reply | null>;
}

/** A bot over the real corpus (or other dirs), with the clock pinned; only inside `describeCorpus` suites. */
export async function corpusBot(options: Partial<BotOptions> = {}): Promise<TestBot> {
  return testBot({ archiveDirs: [CORPUS_POSTS], eventsDirs: [CORPUS_EVENTS], meetingsDirs: [CORPUS_MEETINGS], ...options });
}

/** A bot over the project's own fixtures (or other dirs), with the clock pinned. */
export async function fixtureBot(options: Partial<BotOptions> = {}, plugins?: readonly BuiltInPlugin[]): Promise<TestBot> {
  return testBot({ archiveDirs: [FIXTURE_POSTS], eventsDirs: [FIXTURE_EVENTS], meetingsDirs: [FIXTURE_MEETINGS], ...options }, plugins);
}

async function testBot(options: Partial<BotOptions> & Pick<BotOptions, 'archiveDirs'>, plugins?: readonly BuiltInPlugin[]): Promise<TestBot> {
  const bot = await createBot({
    clock: fixedClock(TEST_NOW),
    pick: () => 0,
    // Tests ask many questions as one user; the limits have tests of their own.
    rateLimits: false,
    ...options,
  }, plugins);
  const context = bot.adapterContext({}, mkdtempSync(join(tmpdir(), 'rdobot-test-')));
  const ask = (text: string, message: Partial<Message> = {}) =>
    // Read as an adapter reads it, with the bot's configured prefix and nick.
    bot.handle(said(text, { time: TEST_NOW.toJSDate(), ...message }, { prefix: context.prefix, names: [context.nick] }));
  return { bot, context, ask };
}
