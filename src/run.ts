import { join } from 'node:path';
import { AnnounceStore } from './archive/announce-store.js';
import { Announcer } from './archive/announcer.js';
import { createBot } from './app.js';
import { sourcesConfig } from './config/sources.js';
import { deliverVia } from './delivery.js';
import type { Io } from './cli-ask.js';
import { loadConfig } from './config/load.js';
import { systemClock } from './core/router.js';
import type { Adapter } from './core/types.js';
import { createLogger } from './log.js';
import { startAdapters } from './adapters-registry.js';

/** `rdobot run`: every configured adapter around one bot, until a signal or the terminal closes. */
export async function run(_argv: string[], io: Io): Promise<number> {
  const config = loadConfig(io.env, io.cwd);
  const interactive = config.adapters.includes('shell') && process.stdin.isTTY === true;
  const logger = createLogger({ level: config.logLevel, pretty: interactive || process.stderr.isTTY === true });
  const sources = sourcesConfig(config, io.cwd);
  const bot = await createBot({
    archiveDirs: [...config.archiveDirs, ...sources.extraDirs],
    gitSources: sources.gitSources,
    feeds: sources.feeds,
    eventsDirs: config.eventsDirs,
    meetingsDirs: config.meetingsDirs,
    configMeetings: config.file.meetings,
    prefix: config.prefix,
    nick: config.nick,
    baseUrl: config.baseUrl,
    permalink: config.permalink,
    timezone: config.timezone,
    admins: config.admins,
    clock: systemClock,
    logger,
  });
  let adapters: Adapter[] = [];
  const store = new AnnounceStore(join(config.dataDir, 'announcements.sqlite'));
  const announcer = new Announcer(store, sources.announce, deliverVia(() => adapters), logger);
  let stopping = false;
  bot.live.onUpdate((update) => {
    if (!stopping) void announcer.handle(update);
  });
  const done = new Promise<number>((resolveDone) => {
    const stop = async (why: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ why }, 'shutting down');
      const timer = setTimeout(() => {
        logger.error('adapters did not stop within 10 s; exiting anyway');
        resolveDone(1);
      }, 10_000);
      timer.unref();
      await bot.stop();
      await announcer.idle();
      await Promise.allSettled(adapters.map((a) => a.stop()));
      store.close();
      clearTimeout(timer);
      resolveDone(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
    void startAdapters(bot, config, io, () => void stop('input closed')).then((started) => {
      adapters = started;
      if (started.length === 0) return void stop('no adapter could start');
      if (stopping) return;
      // Posts that arrived while the bot was down are announced now that the networks are up.
      for (const update of bot.live.snapshot()) void announcer.handle(update);
      bot.follow();
    });
  });
  return done;
}
