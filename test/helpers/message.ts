import { addressing, type Addressee } from '../../adapters/addressing.js';
import type { Message } from '../../src/core/types.js';

/** The test network's conventions, as an IRC channel's with the default settings: the `!` prefix, the nick `rdobot`. */
export const TEST_ADDRESSEE: Addressee = { prefix: '!', names: ['rdobot'] };

/**
 * A line said on the test network, read the way an adapter reads it: addressed when it starts with the prefix, names
 * the bot or is said privately, and commands written with the prefix. `over.addressed` overrides that reading.
 */
export function said(text: string, over: Partial<Message> = {}, to: Addressee = TEST_ADDRESSEE): Message {
  const isPrivate = over.isPrivate ?? false;
  const addressed = 'addressed' in over ? over.addressed : addressing(text, to, isPrivate);
  return {
    network: 'test',
    room: '#rdo',
    user: { id: 'tester', name: 'tester', verified: true },
    time: new Date(),
    syntax: to.prefix,
    ...over,
    isPrivate,
    text,
    ...(addressed ? { addressed } : {}),
  };
}
