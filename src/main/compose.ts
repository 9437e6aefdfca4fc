import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Archive } from '../archive/archive.js';
import { Classifier, DEFAULT_CLASSIFY, type ClassifyConfig } from '../archive/classify/classify.js';
import { DirectorySource } from '../archive/sources/directory-source.js';
import { FEED_DEFAULTS, FeedSource, type FeedOptions } from '../archive/sources/feed-source.js';
import { GitSource, type GitOptions } from '../archive/sources/git-source.js';
import { LiveArchive } from '../archive/live-archive.js';
import { classifierFingerprint, parserFingerprint, PostCache } from '../archive/post-cache.js';
import type { LoadWarning, Post } from '../archive/post.js';
import type { PostSource } from '../archive/sources/source.js';
import { SOURCE_LIMITS, type SourceLimits } from '../archive/limits.js';
import type { AdapterContext, Env } from '../core/adapter-context.js';
import { MuteList } from '../core/mute.js';
import { DEFAULT_RATE_LIMITS, rateGuard, type RateLimitConfig } from '../core/rate-limit.js';
import { Router } from '../core/router.js';
import type { Adapter, Clock, CommandSpec, Message, Reply, ReplyField } from '../core/types.js';
import type { Deliver } from '../archive/announcer.js';
import type { Metrics } from '../http/metrics.js';
import { adminCommands } from '../../commands/admin.js';
import { meetingCommands, type RemindControl } from '../../commands/meeting.js';
import { remindersCommands } from '../../commands/reminders.js';
import { testdayCommands } from '../../commands/testday.js';
import { loadTestDays } from '../schedule/events-load.js';
import { announcedEvents } from '../schedule/announced/post-events.js';
import { DefinitionWatcher } from '../schedule/watch.js';
import { loadMeetings, meetingsFromConfig, mergeMeetings } from '../schedule/meetings-load.js';
import type { PlannedReminder } from '../schedule/reminders/plan.js';
import type { DefinitionWarning, Meeting, TestDay } from '../schedule/types.js';
import type { ReplyLimits } from '../core/limits.js';
import { silentLogger, type Logger } from '../base/log.js';
import { PROJECT_ROOT } from '../base/paths.js';
import { privateDir, stateProblem } from '../base/state-files.js';
import { join } from 'node:path';
import { aboutCommands } from '../../commands/about.js';
import { interviewCommands } from '../../commands/interview.js';
import { postCommands } from '../../commands/post.js';
import { calendarCommands } from '../../commands/calendar.js';
import { tzCommands } from '../../commands/tz.js';
import { weekCommands } from '../../commands/week.js';
import type { DatabaseSync } from 'node:sqlite';
import { openUsersDb } from '../state/users-db.js';
import { UserZones } from '../state/user-zones.js';
import { Addresses } from '../state/addresses.js';
import { PersonalSubscriptions } from '../schedule/reminders/subscriptions.js';
import { Notes } from '../schedule/reminders/notes.js';
import { REMINDER_DEFAULTS } from '../schedule/reminders/config.js';
import { remindCommands } from '../../commands/remind.js';
import { personalMeetingCommands } from '../../commands/meeting-personal.js';
import { Meetings } from './meetings.js';

export const VERSION: string = (JSON.parse(readFileSync(`${PROJECT_ROOT}package.json`, 'utf8')) as { version: string }).version;

/** Settings left out (undefined) fall back to defaults instead of overriding them. */
const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** Said at start and by !about while the built-in sample archive is served. */
export const SAMPLE_NOTICE = 'serving the built-in sample archive (examples/); set RDOBOT_ARCHIVE, RDOBOT_EVENTS, RDOBOT_MEETINGS, RDOBOT_FEEDS or RDOBOT_CONFIG for real data';

export interface BotOptions {
  /** The data is the built-in sample archive (nothing was configured): say so at start and in !about. */
  samples?: boolean;
  archiveDirs: string[];
  /** Git checkouts whose posts directory is followed (and optionally pulled). */
  gitSources?: GitOptions[];
  /** RSS/Atom feeds, polled. */
  feeds?: (Partial<FeedOptions> & { url: string })[];
  eventsDirs?: string[];
  meetingsDirs?: string[];
  /** Meetings given in the YAML config file (`meetings:`), with where they came from for error messages. */
  configMeetings?: unknown;
  configFile?: string;
  configLineOf?: (path: (string | number)[]) => number | undefined;
  prefix?: string;
  nick?: string;
  baseUrl?: string;
  permalink?: string;
  /** Default zone for times in replies. */
  timezone?: string;
  admins?: string[];
  clock: Clock;
  logger?: Logger;
  limits?: ReplyLimits;
  classify?: ClassifyConfig;
  /** For !interview random: index in [0, count). */
  pick?: (count: number) => number;
  /** Per-user and per-room limits; false turns them off (benchmarks). */
  rateLimits?: RateLimitConfig | false;
  /** Identities never answered: `network:id` (irc:spambot, slack:T1/U2). */
  ignore?: string[];
  /** File of the cache of parsed posts (node:sqlite); none: every start reads every post file. */
  postCache?: string;
  /** Keep Prometheus metrics (the service does; prom-client is loaded only then). */
  metrics?: boolean;
  /** Where per-person state (time zones, subscriptions, one-off reminders) is kept; in memory without one. */
  dataDir?: string;
  /** Where the HTTP endpoint is reached from outside (HTTP_PUBLIC_URL), for !calendar. */
  publicUrl?: string;
  /** Caps on feeds, post, meeting and events files (RDOBOT_FEED_MAX_BYTES …); defaults when absent. */
  sourceLimits?: Partial<SourceLimits>;
  /** Meetings run in channels: close one left open after this long; remind action owners this long before. */
  meetings?: { staleMs?: number; actionLeadMinutes?: number; clock?: Clock; dataDir?: string };
}

/** What the running service tells the bot about itself (set by `rdobot run`; empty in tests and one-shot mode). */
export interface ServiceHooks {
  adapters: () => Adapter[];
  deliver?: Deliver;
  announceTargets: string[];
  /** Extra !status lines (the scheduler's next reminder …). */
  status: (() => ReplyField[])[];
  /** Extra work for !reload (meetings, events …). */
  reload: (() => Promise<void>)[];
  /** Extra /healthz facts (the scheduler's next reminder …). */
  health: () => Record<string, unknown>;
  /** Mount a receiver (Slack's) on the bot's HTTP endpoint, when it has one. */
  mount?: (path: string, handler: (req: IncomingMessage, res: ServerResponse) => void) => void;
  /** The reminder scheduler's controls, when one runs. */
  remindControl?: RemindControl;
  upcomingReminders?: (target: string, count: number) => PlannedReminder[];
  /** People's own reminders changed (a subscription, a one-off reminder): the scheduler plans again. */
  personalChanged?: () => void;
  /** Minutes before a meeting that its reminders go out, as configured. */
  leadsFor?: (meetingId: string) => number[];
}

/** Meetings and test days, replaced as a whole on every (re)load. */
export interface Schedule {
  meetings: Meeting[];
  testDays: TestDay[];
  warnings: DefinitionWarning[];
}

/** The bot without any network: router, archive and schedule, ready for adapters. */
export class Bot {
  readonly router: Router;
  readonly live: LiveArchive;
  readonly logger: Logger;
  readonly mutes = new MuteList();
  /** Prometheus metrics, for the service (`metrics: true`); null in one-shot mode and in most tests. */
  metrics: Metrics | null = null;
  readonly startedAt = new Date();
  readonly service: ServiceHooks = { adapters: () => [], announceTargets: [], status: [], reload: [], health: () => ({}) };
  schedule: Schedule = { meetings: [], testDays: [], warnings: [] };
  /** Gives posts their kinds (interview, test day, meeting) from the configured rules. */
  readonly classifier: Classifier;
  /** Per-person state: `users.sqlite` in the data dir. */
  readonly users: DatabaseSync;
  readonly zones: UserZones;
  readonly addresses: Addresses;
  readonly subscriptions: PersonalSubscriptions;
  readonly notes: Notes;
  /** Meetings run in channels (#startmeeting): recorder, minutes, actions. */
  readonly meetings: Meetings;
  private readonly scheduleListeners: (() => void)[] = [];
  private definitions: DefinitionWatcher | null = null;
  /** Parsed posts kept between starts, when configured and usable. */
  postCache: PostCache | null = null;
  /** Caps on what is taken from the sources (settings over defaults). */
  readonly limits: SourceLimits;
  /** Each meeting and events file's last good reading, kept when the file breaks. */
  private readonly lastGoodMeetings = new Map<string, Meeting>();
  private readonly lastGoodDays = new Map<string, TestDay[]>();

  constructor(readonly options: BotOptions) {
    this.logger = options.logger ?? silentLogger();
    this.limits = { ...SOURCE_LIMITS, ...defined(options.sourceLimits ?? {}) };
    this.classifier = new Classifier(options.classify ?? DEFAULT_CLASSIFY);
    const ignore = new Set(options.ignore ?? []);
    this.users = openUsersDb(options.dataDir);
    this.zones = new UserZones(this.users);
    this.addresses = new Addresses(this.users);
    this.subscriptions = new PersonalSubscriptions(this.users);
    this.notes = new Notes(this.users);
    const zones = this.zones;
    this.router = new Router({
      clock: options.clock,
      defaultZone: options.timezone ?? 'UTC',
      limits: options.limits,
      permissions: { admins: options.admins ?? [] },
      logger: this.logger,
      accept: (m, role) =>
        !ignore.has(`${m.network}:${m.user.id}`) && (role === 'admin' || this.mutes.mutedUntil(`${m.network}:${m.room}`, options.clock.now().toMillis()) === null),
      observe: (e) => this.metrics?.command(e.command, e.outcome, e.seconds),
      // The per-person store failing mid-run (a full disk, a file replaced under it) is said as what it is.
      describeFailure: (err) =>
        (err as { code?: string }).code === 'ERR_SQLITE_ERROR' && options.dataDir
          ? stateProblem(join(options.dataDir, 'users.sqlite'), err, "people's time zones, subscriptions and reminders")
          : undefined,
      zoneFor: (m) => {
        const own = zones.get(m);
        return own && { zone: own.zone, source: own.scope === 'stored' ? 'user' : 'session' };
      },
    });
    // Real time, not the (possibly pinned) clock of the answers: a flood is a flood now. Checked before any parsing.
    if (options.rateLimits !== false) this.router.guard(rateGuard(options.rateLimits ?? DEFAULT_RATE_LIMITS));
    this.live = new LiveArchive(this.sources(), this.logger);
    const archiveDeps = { archive: () => this.archive, pick: options.pick, explain: (post: Post) => this.classifier.explain(post) };
    this.router.register(interviewCommands(archiveDeps));
    this.router.register(postCommands(archiveDeps));
    this.router.register(
      aboutCommands({
        version: VERSION,
        notice: options.samples ? `It is ${SAMPLE_NOTICE}.` : undefined,
        counts: () => ({
          posts: this.archive.size,
          interviews: this.archive.all('interview').length,
          meetings: this.schedule.meetings.length,
          'test days': this.schedule.testDays.length,
        }),
      }),
    );
    const service = this.service;
    this.router.register(meetingCommands({ meetings: () => this.schedule.meetings, get reminders() { return service.remindControl; } }));
    this.router.register(testdayCommands({ testDays: () => this.schedule.testDays }));
    this.router.register(remindersCommands({ get upcoming() { return service.upcomingReminders; } }));
    this.router.register(tzCommands({ zones: this.zones, defaultZone: options.timezone ?? 'UTC' }));
    this.router.register(weekCommands({ meetings: () => this.schedule.meetings, testDays: () => this.schedule.testDays, archive: () => this.archive }));
    this.router.register(calendarCommands({ publicUrl: options.publicUrl, meetings: () => this.schedule.meetings }));
    const personal = {
      meetings: () => this.schedule.meetings,
      addresses: this.addresses,
      changed: () => service.personalChanged?.(),
    };
    this.router.register(remindCommands({ ...personal, notes: this.notes }));
    this.router.register(
      personalMeetingCommands({
        ...personal,
        subscriptions: this.subscriptions,
        leads: (id) => service.leadsFor?.(id) ?? REMINDER_DEFAULTS.perMeeting[id] ?? REMINDER_DEFAULTS.meetingLeads,
      }),
    );
    this.meetings = new Meetings({
      dataDir: options.dataDir,
      nick: options.nick ?? 'rdobot',
      publicUrl: options.publicUrl,
      definitions: () => this.schedule.meetings,
      changed: () => service.personalChanged?.(),
      deliver: () => service.deliver,
      logger: this.logger,
      ignore,
      seen: (network, id, name) =>
        this.addresses.remember({ network, room: '', isPrivate: false, user: { id, name, verified: true }, text: '', syntax: '', time: new Date() }, options.clock.now().toMillis()),
      ...options.meetings,
      clock: options.meetings?.clock ?? options.clock,
    });
    this.router.listen((m) => this.meetings.hear(m));
    this.router.register(this.meetings.commands);
    // A post announcing a test day (or another event, maybe in its body only) can arrive at any time.
    this.live.onUpdate((u) => {
      if (!u.initial && u.changes.some((c) => c.post.kinds.includes('testday') || announcedEvents(c.post).length > 0)) void this.loadSchedule();
    });
    this.router.register(
      adminCommands({
        mutes: this.mutes,
        reload: async () => {
          const started = performance.now();
          await this.load();
          for (const r of this.service.reload) await r();
          return { posts: this.archive.size, warnings: this.warnings.length, ms: performance.now() - started };
        },
        announce: (text) => this.announce(text),
        status: () => this.statusFields(),
      }),
    );
  }

  /** Send an operator's notice to every announcement target; muted rooms are skipped. */
  async announce(text: string): Promise<{ sent: string[]; failed: string[] }> {
    const result = { sent: [] as string[], failed: [] as string[] };
    for (const target of this.service.announceTargets) {
      if (!this.service.deliver || this.mutes.mutedUntil(target, this.options.clock.now().toMillis()) !== null) {
        result.failed.push(target);
        continue;
      }
      try {
        await this.service.deliver(target, { kind: 'notice', text });
        result.sent.push(target);
      } catch (err) {
        this.logger.error({ target, err }, 'announcement failed');
        result.failed.push(target);
      }
    }
    return result;
  }

  /** Facts for !status and /healthz: never a secret, only names, counts and states. */
  statusFields(): ReplyField[] {
    const uptime = Math.round((Date.now() - this.startedAt.getTime()) / 1000);
    const adapters = this.service.adapters().map((a) => {
      const s = a.status?.();
      return `${a.name} ${s ? (s.connected ? 'connected' : 'disconnected') : 'running'}${s?.reconnects ? ` (${s.reconnects} reconnects)` : ''}`;
    });
    return [
      { label: 'version', value: `${VERSION}, up ${Math.floor(uptime / 3600)} h ${Math.floor((uptime % 3600) / 60)} min` },
      { label: 'adapters', value: adapters.join(', ') || 'none' },
      { label: 'archive', value: `${this.archive.size} posts, ${this.archive.all('interview').length} interviews, ${this.warnings.length} warnings, loaded ${this.loadedAt.toISOString()}` },
      { label: 'schedule', value: `${this.schedule.meetings.length} meetings, ${this.schedule.testDays.length} test days, ${this.schedule.warnings.length} warnings` },
      ...this.service.status.flatMap((s) => s()),
    ];
  }

  private sources(): PostSource[] {
    const o = this.options;
    const rules = o.classify ?? DEFAULT_CLASSIFY;
    const parse = {
      maxBytes: this.limits.postMaxBytes,
      allowOutside: this.limits.allowOutsideLinks,
      classifier: this.classifier,
      permalink: { baseUrl: o.baseUrl ?? 'https://www.rdoproject.org', pattern: o.permalink ?? '/blog/:year/:month/:slug/' },
    };
    const fingerprints = () => ({ parser: parserFingerprint({ permalink: parse.permalink }), classifier: classifierFingerprint(rules) });
    this.postCache = o.postCache ? PostCache.open(o.postCache, fingerprints(), { logger: this.logger }) : null;
    const cache = this.postCache;
    return [
      ...o.archiveDirs.map((dir) => new DirectorySource(dir, parse, cache)),
      ...(o.gitSources ?? []).map((g) => new GitSource(g, parse, cache)),
      ...(o.feeds ?? []).map(
        (f) =>
          new FeedSource(
            {
              ...FEED_DEFAULTS,
              maxBytes: this.limits.feedMaxBytes,
              maxItems: this.limits.feedMaxItems,
              maxRedirects: this.limits.feedMaxRedirects,
              userAgent: `rdobot/${VERSION}`,
              ...defined(f),
              url: f.url,
            },
            parse.classifier,
          ),
      ),
    ];
  }

  get archive(): Archive {
    return this.live.archive;
  }

  get warnings(): LoadWarning[] {
    return this.live.warnings;
  }

  get loadedAt(): Date {
    return this.live.loadedAt;
  }

  register(specs: CommandSpec[]): void {
    this.router.register(specs);
  }

  /** (Re)read every source; a broken file is a warning, the rest still loads. */
  async load(): Promise<void> {
    await this.live.load();
    this.logger.info({ posts: this.archive.size, warnings: this.warnings.length }, 'archive loaded');
    await this.loadSchedule();
  }

  /** Meeting definitions (files and config) and test days (events files and announcing posts). */
  async loadSchedule(): Promise<Schedule> {
    const o = this.options;
    const files = await loadMeetings(o.meetingsDirs ?? [], this.limits, this.lastGoodMeetings);
    const inline = meetingsFromConfig(o.configMeetings, o.configFile ?? 'config', o.configLineOf, this.limits);
    const warnings = [...files.warnings, ...inline.warnings];
    const meetings = mergeMeetings(inline.meetings, files.meetings, warnings);
    const days = await loadTestDays(o.eventsDirs ?? [], this.archive.all(), this.limits, this.lastGoodDays, o.clock.now());
    warnings.push(...days.warnings);
    for (const w of warnings) this.logger.warn({ file: w.file, line: w.line }, w.reason);
    this.schedule = { meetings, testDays: days.testDays, warnings };
    this.logger.info({ meetings: meetings.length, testDays: days.testDays.length, warnings: warnings.length }, 'schedule loaded');
    for (const l of this.scheduleListeners) l();
    return this.schedule;
  }

  /** Called after every schedule (re)load, e.g. for the reminder scheduler to re-plan. */
  onSchedule(listener: () => void): void {
    this.scheduleListeners.push(listener);
  }

  /** Follow the sources as they change (watch directories, pull, poll feeds, meeting and events files) until stop(). */
  follow(): void {
    this.live.start();
    const o = this.options;
    this.definitions ??= new DefinitionWatcher([...(o.meetingsDirs ?? []), ...(o.eventsDirs ?? [])], () =>
      void this.loadSchedule().catch((err: unknown) => this.logger.error({ err }, 'schedule reload failed')),
    );
    this.definitions.start();
  }

  async stop(): Promise<void> {
    this.meetings.stop();
    this.definitions?.stop();
    await this.live.stop();
    this.postCache?.close();
  }

  /** Close the per-person store, after everything that may still write to it has stopped. */
  close(): void {
    if (this.users.isOpen) this.users.close();
    this.meetings.close();
  }

  handle(message: Message): Promise<Reply | null> {
    return this.router.handle(message);
  }

  /** What an adapter gets: the bot's entry point and its own slice of configuration. */
  adapterContext(env: Env, dataDir: string, logger: Logger = this.logger): AdapterContext {
    // An adapter's state (Matrix's access token and keys, Slack's install) is private like the rest.
    privateDir(dataDir);
    return { handle: (m) => this.handle(m), nick: this.options.nick ?? 'rdobot', prefix: this.options.prefix ?? '!', env, logger, dataDir };
  }
}

export async function createBot(options: BotOptions): Promise<Bot> {
  const bot = new Bot(options);
  if (options.samples) bot.logger.warn(SAMPLE_NOTICE);
  if (options.metrics) {
    const { Metrics } = await import('../http/metrics.js');
    bot.metrics = new Metrics(() => bot.service.adapters(), () => bot.archive.size);
  }
  await bot.load();
  return bot;
}
