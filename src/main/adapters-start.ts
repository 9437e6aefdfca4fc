import { join } from 'node:path';
import { NETWORKS, type NetworkEntry } from '../../adapters/index.js';
import type { Bot } from './compose.js';
import type { CoreConfig } from '../config/load.js';
import type { Adapter } from '../core/types.js';

/** A configured adapter, ready to be built around a bot. */
type Start = (bot: Bot, onClose: () => void) => Promise<Adapter>;

/**
 * Check every configured network's settings (throwing a ConfigError that names the key) before anything starts; a
 * network's code is loaded only when RDOBOT_ADAPTERS names it. The networks are the manifest's (adapters/index.ts).
 */
export async function prepareAdapters(config: Pick<CoreConfig, 'adapters' | 'env' | 'dataDir' | 'http'>, networks: readonly NetworkEntry[] = NETWORKS): Promise<{ name: string; start: Start }[]> {
  const prepared = [];
  for (const name of config.adapters) {
    const network = networks.find((n) => n.name === name);
    if (!network) throw new Error(`adapter '${name}' is not available in this build`);
    const create = await (await network.load()).prepare({ env: config.env, sharedHttp: config.http !== null });
    const start: Start = async (bot, onClose) =>
      create({
        context: bot.adapterContext(config.env, join(config.dataDir, name)),
        onClose,
        mount: (path, handler) => bot.service.mount?.(path, handler),
      });
    prepared.push({ name, start });
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
