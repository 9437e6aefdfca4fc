import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { createBot, type Bot, type BotOptions } from '../../src/app.js';
import type { AdapterContext } from '../../src/adapter-context.js';
import { fixedClock } from '../../src/core/router.js';
import type { Message, Reply } from '../../src/core/types.js';

import { CORPUS_EVENTS, CORPUS_MEETINGS, CORPUS_POSTS } from './corpus.js';
export { CORPUS, CORPUS_EVENTS, CORPUS_MEETINGS, CORPUS_POSTS, HAVE_CORPUS, describeCorpus } from './corpus.js';
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

/** A bot over the shared corpus (or other dirs), with the clock pinned. */
export async function corpusBot(options: Partial<BotOptions> = {}): Promise<TestBot> {
  const bot = await createBot({
    archiveDirs: [CORPUS_POSTS],
    eventsDirs: [CORPUS_EVENTS],
    meetingsDirs: [CORPUS_MEETINGS],
    clock: fixedClock(TEST_NOW),
    pick: () => 0,
    // Tests ask many questions as one user; the limits have tests of their own.
    rateLimits: false,
    ...options,
  });
  const context = bot.adapterContext({}, mkdtempSync(join(tmpdir(), 'rdobot-test-')));
  const ask = (text: string, message: Partial<Message> = {}) =>
    bot.handle({
      network: 'test',
      room: '#rdo',
      isPrivate: false,
      user: { id: 'tester', name: 'tester', verified: true },
      text,
      time: TEST_NOW.toJSDate(),
      ...message,
    });
  return { bot, context, ask };
}
