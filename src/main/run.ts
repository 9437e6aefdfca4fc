import { join } from 'node:path';
import { AnnounceStore } from '../archive/announce-store.js';
import { Announcer } from '../archive/announcer.js';
import { prepareAdapters, startAdapters } from './adapters-start.js';
import { createBot } from './compose.js';
import type { Io } from './ask.js';
import { botOptionsFrom } from './bot-options.js';
import { loadConfig } from '../config/load.js';
import { sourcesConfig } from '../archive/sources/config.js';
import { metricsAccessConfig } from '../config/limits.js';
import { systemClock } from '../core/router.js';
import type { Adapter } from '../core/types.js';
import { deliverVia } from '../delivery/deliver.js';
import { HttpEndpoint } from '../http/server.js';
import { calendarFor } from './calendar.js';
import { botSite } from '../web/bot-site.js';
import { InstanceLock } from '../state/instance-lock.js';
import { createLogger } from '../base/log.js';
import { stateKeeper } from '../base/state-keeper.js';
import { startReminders, type RemindersService } from './reminders-service.js';
import { reminderConfig } from '../schedule/reminders/config.js';
import { digestConfig } from '../schedule/reminders/digest.js';
import { warmUp } from '../language/nlp.js';
import { meetingSettings } from '../config/meetings.js';
import { pluginOptions, pluginTimeout } from './plugins-load.js';

/** Longest a shutdown may take before the process exits anyway. */
const STOP_LIMIT_MS = 10_000;
/** How often the daily snapshot of the stores is looked for (one is taken when the day has none yet). */
const SNAPSHOT_CHECK_MS = 60 * 60 * 1000;

/**
 * `rdobot run`: one process for every configured network around one bot, archive and schedule, until SIGTERM,
 * SIGINT or the end of the terminal's input.
 */
export async function run(_argv: string[], io: Io): Promise<number> {
  // Whatever the umask the service was started with, what the bot writes (state, adapter tokens, logs it opens) is
  // for its own user only; state files already there are made private as they are opened.
  process.umask(0o077);
  // Every setting is checked before anything starts: a bad one stops start-up with its name.
  const config = loadConfig(io.env, io.cwd);
  const sources = sourcesConfig(config, io.cwd);
  const options = botOptionsFrom(config); // the classify rules are compiled and checked here
  const metricsAccess = metricsAccessConfig(config.env);
  const prepared = await prepareAdapters(config);
  reminderConfig(config.env, config.file.reminders, config.lineOf); // checked now; used once the networks are up
  digestConfig(config.env, config.file.digest, config.timezone, config.lineOf);
  meetingSettings(config.env);
  pluginTimeout(config.env);
  const interactive = config.adapters.includes('shell') && process.stdin.isTTY === true;
  // At a terminal prompt, info lines would interleave with the conversation: warnings only, unless asked.
  const level = interactive && config.env.LOG_LEVEL === undefined ? 'warn' : config.logLevel;
  const logger = createLogger({ level, pretty: interactive || process.stderr.isTTY === true });

  const lock = await InstanceLock.acquire(config.dataDir, {
    standby: config.standby,
    onWait: (holder) => logger.warn({ holder }, 'another rdobot holds this data directory; waiting to take over'),
  });

  // The networks are given to the bot once, at construction: the adapters' live list fills as they come up, and
  // `deliver` and `http` are read only when something is sent or mounted, by then both exist.
  const adapters: Adapter[] = [];
  let http: HttpEndpoint | null = null;
  const bot = await createBot({
    ...options,
    archiveDirs: [...config.archiveDirs, ...sources.extraDirs],
    gitSources: sources.gitSources,
    feeds: sources.feeds,
    clock: systemClock,
    logger,
    metrics: true,
    dataDir: config.dataDir,
    postCache: config.cache ? join(config.dataDir, 'cache', 'posts.sqlite') : undefined,
    // Built once the networks are up (below), or sooner if a first command needs it: the first answer about posts
    // does not wait for it.
    scheduleWhenNeeded: true,
    meetings: meetingSettings(config.env),
    ...(await pluginOptions(config, io.cwd, logger)),
    network: {
      adapters: () => adapters,
      deliver: (target, reply, handoff) => deliver(target, reply, handoff),
      announceTargets: [...new Set([...sources.announce.posts, ...sources.announce.interviews])],
      mount: (path, handler) => http?.mount(path, handler),
    },
  });
  const deliver = deliverVia(() => adapters, (network, id) => bot.addresses.nameOf(network, id));

  const store = new AnnounceStore(join(config.dataDir, 'announcements.sqlite'));
  // Each open store is copied into snapshots/ once a day (checked hourly, and now for a first copy at once).
  const keeper = stateKeeper(config.dataDir, logger);
  const snapshot = () => keeper.tick(systemClock.now().toMillis());
  snapshot();
  const snapshots = setInterval(snapshot, SNAPSHOT_CHECK_MS);
  snapshots.unref();
  const announcer = new Announcer(store, sources.announce, bot.deliver!, logger, undefined, (outcome) =>
    bot.metrics?.announcements.inc({ outcome }),
  );
  let stopping = false;
  bot.live.onUpdate((update) => {
    if (!stopping) void announcer.handle(update);
  });

  let reminders: RemindersService | null = null;
  http = config.http ? new HttpEndpoint(bot, { ...config.http, calendar: (query) => calendarFor(bot, query), site: botSite(bot, config.http.publicUrl), metrics: metricsAccess, ready: () => bot.scheduled() }) : null;
  if (http) {
    const port = await http.start();
    logger.info({ host: config.http!.host, port }, `HTTP endpoint on http://${config.http!.host}:${port}/healthz`);
  }

  return new Promise<number>((resolveDone) => {
    const stop = async (why: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ why }, 'shutting down');
      const timer = setTimeout(() => {
        logger.error(`shutdown took longer than ${STOP_LIMIT_MS / 1000} s; exiting anyway`);
        resolveDone(1);
      }, STOP_LIMIT_MS);
      timer.unref();
      // Nothing new is handed over from here. What the adapters hold goes out while they flush (each claimed as
      // it is written) or stays unclaimed, due again at the next start; then the cursor is saved short of it.
      announcer.halt();
      await reminders?.halt();
      await bot.stop();
      await Promise.allSettled(adapters.map((a) => a.stop()));
      await reminders?.stop();
      await announcer.idle();
      await http?.stop();
      clearInterval(snapshots);
      store.close();
      bot.close();
      lock.release();
      clearTimeout(timer);
      logger.info('stopped');
      resolveDone(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
    void startAdapters(bot, prepared, () => void stop('input closed'), adapters).then((started) => {
      if (started.length === 0) return void stop('no adapter could start');
      if (stopping) return;
      // The schedule (meetings, test days, what posts announce), now that the networks are up: once a first burst of
      // questions is answered (it yields to lines as it goes, too), or sooner if a command needs it.
      const scheduled = bot.whenQuiet(() => bot.scheduled());
      // Posts that arrived while the bot was down are announced now that the networks are up.
      for (const update of bot.live.snapshot()) void announcer.handle(update);
      bot.follow();
      // A meeting that outlived a restart or a crash is said to be still recorded, now that the rooms can hear it.
      void bot.meetings.running().catch((err: unknown) => logger.error({ err }, 'meetings could not resume'));
      // The question parser loads in the background, at a quiet moment, so that a plain-language question is answered at
      // once (one asked sooner loads it then).
      void bot.whenQuiet(warmUp);
      // Reminders due while the bot was down (within the grace period) go out now that the networks are up and the
      // schedule is built.
      void scheduled.then(() => startReminders(bot, config, bot.deliver!, logger)).then(
        (r) => {
          // Started while shutting down (it waits for the schedule): stopped here, and left out of stop()'s reach so
          // that it is not stopped twice.
          if (stopping) return void r.stop();
          reminders = r;
          // reminders.sqlite is open now: its first snapshot need not wait for the hourly look.
          snapshot();
        },
        (err: unknown) => logger.error({ err }, 'reminders could not start'),
      );
    });
  });
}
