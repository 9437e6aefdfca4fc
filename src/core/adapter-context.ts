import type { Logger } from '../base/log.js';
import type { Env } from '../base/env-section.js';
import type { Message, Rename, Reply } from './types.js';

export type { Env };

/**
 * What an adapter is given. It translates network events into `Message`s (deciding, by its network's conventions,
 * which lines address the bot), hands every line to `handle`, and renders the `Reply` it gets back.
 */
export interface AdapterContext {
  /** Route one message through the core; null when it was not for the bot. Never throws. */
  handle(message: Message): Promise<Reply | null>;
  /**
   * The same, answered at once when nothing on the way waits (a promise otherwise): for an adapter that reads lines
   * faster than a promise per line allows (the shell fed by a pipe). Optional: `handle` is what every adapter may use.
   */
  answer?(message: Message): Reply | null | Promise<Reply | null>;
  /** Someone changed name (IRC NICK), for networks where people do; optional, never throws. */
  renamed?(change: Rename): void;
  /** The bot's configured nick/name: adapters address the bot by it ("rdobot: help") and show it. */
  nick: string;
  /** The command prefix (`!`): adapters that use one find commands by it and write it as the message's `syntax`. */
  prefix: string;
  env: Env;
  logger: Logger;
  /** Directory for state (sync tokens, device ids, the sqlite store). Exists. */
  dataDir: string;
}
