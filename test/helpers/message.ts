import { addressing } from '../../adapters/addressing.js';
import type { Message } from '../../src/core/types.js';

/** The test network's conventions, as an IRC channel's: the `!` prefix, the nick `rdobot`. */
export const TEST_PREFIX = '!';
export const TEST_NICK = 'rdobot';

/**
 * A line said on the test network, read the way an adapter reads it: addressed when it starts with `!`, names the bot
 * (`rdobot: …`, or one of `names`) or is said privately. `over.addressed` overrides what the test network would decide.
 */
export function said(text: string, over: Partial<Message> = {}, names: string[] = []): Message {
  const isPrivate = over.isPrivate ?? false;
  const addressed = 'addressed' in over ? over.addressed : addressing(text, { prefix: TEST_PREFIX, names: [TEST_NICK, ...names] }, isPrivate);
  return {
    network: 'test',
    room: '#rdo',
    user: { id: 'tester', name: 'tester', verified: true },
    time: new Date(),
    syntax: TEST_PREFIX,
    ...over,
    isPrivate,
    text,
    ...(addressed ? { addressed } : {}),
  };
}
