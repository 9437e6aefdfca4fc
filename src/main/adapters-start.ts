import { join } from 'node:path';
import type { Bot } from './compose.js';
import type { CoreConfig } from '../config/load.js';
import type { Adapter } from '../core/types.js';

/** A configured adapter, ready to be built around a bot. */
type Start = (bot: Bot, onClose: () => void) => Promise<Adapter>;

/**
 * Adapters by the name RDOBOT_ADAPTERS uses. `prepare` reads and checks the adapter's settings (throwing a
 * ConfigError that names the key) before anything starts; the adapter's module is loaded only when configured.
 */
const ADAPTERS: Record<string, (config: CoreConfig) => Promise<Start>> = {
  shell: async (config) => {
    const { createShellAdapter } = await import('../../adapters/shell/index.js');
    return async (bot, onClose) =>
      createShellAdapter(bot.adapterContext(config.env, join(config.dataDir, 'shell')), {
        input: process.stdin,
        output: process.stdout,
        terminal: process.stdin.isTTY === true,
        onClose,
      });
  },
  matrix: async (config) => {
    const { createMatrixAdapter, readMatrixOptions } = await import('../../adapters/matrix/index.js');
    const options = readMatrixOptions(config.env);
    return async (bot) => createMatrixAdapter(bot.adapterContext(config.env, join(config.dataDir, 'matrix')), options);
  },
  irc: async (config) => {
    const { createIrcAdapter, readIrcOptions } = await import('../../adapters/irc/index.js');
    const options = readIrcOptions(config.env);
    return async (bot) => createIrcAdapter(bot.adapterContext(config.env, join(config.dataDir, 'irc')), options);
  },
  slack: async (config) => {
    const { createSlackAdapter, readSlackOptions } = await import('../../adapters/slack/index.js');
    const options = readSlackOptions(config.env);
    // Without a port of its own, the Slack receiver shares the bot's HTTP endpoint.
    const shared = options.connection.mode === 'http' && config.http !== null && !config.env.SLACK_PORT;
    if (shared && options.connection.mode === 'http') options.connection.listen = false;
    return async (bot) => {
      const adapter = createSlackAdapter(bot.adapterContext(config.env, join(config.dataDir, 'slack')), options);
      const handler = shared ? adapter.requestHandler() : undefined;
      if (handler && options.connection.mode === 'http') bot.service.mount?.(options.connection.path, handler);
      return adapter;
    };
  },
};

/** Check every configured adapter's settings; throws on the first bad one. */
export async function prepareAdapters(config: CoreConfig): Promise<{ name: string; start: Start }[]> {
  const prepared = [];
  for (const name of config.adapters) {
    const prepare = ADAPTERS[name];
    if (!prepare) throw new Error(`adapter '${name}' is not available in this build`);
    prepared.push({ name, start: await prepare(config) });
  }
  return prepared;
}

/**
 * Start the prepared adapters. Each is listed as soon as it exists, so a network that is slow or down at start-up
 * (it keeps reconnecting on its own) neither hides the others nor holds back reminders and announcements; one whose
 * start fails outright is logged and dropped from the list. Resolves when all have started, or after `settleMs`.
 */
export async function startAdapters(
  bot: Bot,
  prepared: { name: string; start: Start }[],
  onClose: () => void,
  /** Filled as adapters come up (and emptied of those that fail): the service's live list. */
  live: Adapter[] = [],
  settleMs = 5000,
): Promise<Adapter[]> {
  const starts = prepared.map(async ({ name, start }) => {
    let adapter: Adapter;
    try {
      adapter = await start(bot, onClose);
    } catch (err) {
      bot.logger.error({ adapter: name, err }, `adapter '${name}' could not be created`);
      return;
    }
    live.push(adapter);
    try {
      await adapter.start();
      bot.logger.info({ adapter: name }, 'adapter started');
    } catch (err) {
      live.splice(live.indexOf(adapter), 1);
      bot.logger.error({ adapter: name, err }, `adapter '${name}' failed to start`);
    }
  });
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.allSettled(starts), new Promise((resolve) => (timer = setTimeout(resolve, settleMs)))]);
  clearTimeout(timer);
  return live;
}
