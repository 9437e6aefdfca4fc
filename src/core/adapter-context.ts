import type { Logger } from '../base/log.js';
import type { Env } from '../config/base/env-section.js';
import type { Message, Reply } from './types.js';

export type { Env };

/**
 * What an adapter is given. It translates network events into `Message`s, hands them to
 * `handle`, and renders the `Reply` it gets back; it never decides anything itself.
 */
export interface AdapterContext {
  /** Route one message through the core; null when it was not for the bot. Never throws. */
  handle(message: Message): Promise<Reply | null>;
  /** The bot's nick/name, for addressing ("rdobot: help") and mentions. */
  nick: string;
  prefix: string;
  env: Env;
  logger: Logger;
  /** Directory for state (sync tokens, device ids, the sqlite store). Exists. */
  dataDir: string;
}
