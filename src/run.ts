import { createBot } from './app.js';
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
  const bot = await createBot({
    archiveDirs: config.archiveDirs,
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
  const done = new Promise<number>((resolveDone) => {
    let stopping = false;
    const stop = async (why: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ why }, 'shutting down');
      const timer = setTimeout(() => {
        logger.error('adapters did not stop within 10 s; exiting anyway');
        resolveDone(1);
      }, 10_000);
      timer.unref();
      await Promise.allSettled(adapters.map((a) => a.stop()));
      clearTimeout(timer);
      resolveDone(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
    void startAdapters(bot, config, io, () => void stop('input closed')).then((started) => {
      adapters = started;
      if (started.length === 0) void stop('no adapter could start');
    });
  });
  return done;
}
