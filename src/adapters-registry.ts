import { join } from 'node:path';
import type { Bot } from './app.js';
import type { Io } from './cli-ask.js';
import type { CoreConfig } from './config/load.js';
import type { Adapter } from './core/types.js';

type Factory = (bot: Bot, config: CoreConfig, io: Io, onClose: () => void) => Promise<Adapter>;

/** Adapters by the name RDOBOT_ADAPTERS uses; each module is loaded only when configured. */
const FACTORIES: Record<string, Factory> = {
  shell: async (bot, config, _io, onClose) => {
    const { createShellAdapter } = await import('../adapters/shell.js');
    return createShellAdapter(bot.adapterContext(config.env, join(config.dataDir, 'shell')), {
      input: process.stdin,
      output: process.stdout,
      terminal: process.stdin.isTTY === true,
      onClose,
    });
  },
  matrix: async (bot, config) => {
    const { createMatrixAdapter, readMatrixOptions } = await import('../adapters/matrix.js');
    return createMatrixAdapter(bot.adapterContext(config.env, join(config.dataDir, 'matrix')), readMatrixOptions(config.env));
  },
};

/** Start every configured adapter; one that fails is logged and the others go on. */
export async function startAdapters(bot: Bot, config: CoreConfig, io: Io, onClose: () => void): Promise<Adapter[]> {
  const started: Adapter[] = [];
  await Promise.all(
    config.adapters.map(async (name) => {
      const factory = FACTORIES[name];
      if (!factory) {
        bot.logger.error({ adapter: name }, `adapter '${name}' is not available in this build`);
        return;
      }
      try {
        const adapter = await factory(bot, config, io, onClose);
        await adapter.start();
        started.push(adapter);
        bot.logger.info({ adapter: name }, 'adapter started');
      } catch (err) {
        bot.logger.error({ adapter: name, err }, `adapter '${name}' failed to start`);
      }
    }),
  );
  return started;
}
