import { readFileSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import { plainWords } from '../language/understand.js';
import type { Archive } from '../archive/archive.js';
import { Classifier, DEFAULT_CLASSIFY } from '../archive/classify/classify.js';
import { DirectorySource } from '../archive/sources/directory-source.js';
import { FEED_DEFAULTS, FeedSource } from '../archive/sources/feed-source.js';
import { GitSource } from '../archive/sources/git-source.js';
import { LiveArchive } from '../archive/live-archive.js';
import { classifierFingerprint, parserFingerprint, PostCache } from '../archive/post-cache.js';
import type { LoadWarning, Post } from '../archive/post.js';
import type { PostSource } from '../archive/sources/source.js';
import { SOURCE_LIMITS, type SourceLimits } from '../archive/limits.js';
import type { AdapterContext, Env } from '../core/adapter-context.js';
import type { Deliver } from '../core/handoff.js';
import { ignoring } from '../core/ignore.js';
import { forCommands } from '../core/middleware.js';
import { MuteList, muting } from '../core/mute.js';
import { DEFAULT_RATE_LIMITS, rateGuard } from '../core/rate-limit.js';
import { Router } from '../core/router.js';
import { roleOf } from '../core/permissions.js';
import type { Adapter, Clock, CommandSpec, Message, Reply, ReplyField } from '../core/types.js';
import type { Metrics } from '../http/metrics.js';
import { announcedEvents } from '../schedule/announced/post-events.js';
import { isDocDay, isTestDay, knownEntries } from '../schedule/entry-kind.js';
import { archiveAt } from '../archive/archive-at.js';
import { DefinitionWatcher } from '../schedule/watch.js';
import type { Meeting, Schedule, TestDay } from '../schedule/types.js';
import { silentLogger, type Logger } from '../base/log.js';
import { PROJECT_ROOT } from '../base/paths.js';
import { privateDirAndFiles } from '../base/state-files.js';
import { stateFailureOf } from '../base/sqlite.js';
import { stateKeeper } from '../base/state-keeper.js';
import { openUsersDb } from '../state/users-db.js';
import { UserZones } from '../state/user-zones.js';
import { Addresses } from '../state/addresses.js';
import { PersonalSubscriptions } from '../schedule/reminders/subscriptions.js';
import { Notes } from '../schedule/reminders/notes.js';
import type { BotOptions, NetworkHooks } from './settings.js';
import type { BotView } from '../web/bot-view.js';
import { SavedSources } from '../schedule/saved-sources.js';
import { problemsByFile, type SourceProblem } from '../core/source-problems.js';
import { BUILT_IN_PLUGINS, type BuiltInPlugin, type Services } from '../../commands/index.js';
import { externalHosting, hostPlugins, type HostedPlugin } from '../plugin/host.js';
import { Extensions, type BotExtension } from './extensions.js';
import type { Meetings, MeetingsOptions } from './meetings.js';
import { meetingMayHear } from '../meetings/heard.js';
import type { MinutesDeps } from '../views/minutes.js';

/**
 * The meetings' code (recorder, store, minutes' writers, search and site: some thirty modules), loaded by createBot
 * before a bot that records from its first line is built, or when a one-shot bot first needs it.
 */
let meetingsCode: typeof import('./meetings.js') | undefined;
async function loadMeetingsCode(): Promise<typeof import('./meetings.js')> {
  return (meetingsCode ??= await import('./meetings.js'));
}

// Re-exported for the callers that knew them from here.
export type { BotOptions, NetworkHooks } from './settings.js';
export type { Schedule } from '../schedule/types.js';
export type { BotExtension } from './extensions.js';

export const VERSION: string = (JSON.parse(readFileSync(`${PROJECT_ROOT}package.json`, 'utf8')) as { version: string }).version;

/** Settings left out (undefined) fall back to defaults instead of overriding them. */
const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** Said at start and by !about while the built-in sample archive is served. */
export const SAMPLE_NOTICE = 'serving the built-in sample archive (examples/); set RDOBOT_ARCHIVE, RDOBOT_EVENTS, RDOBOT_MEETINGS, RDOBOT_FEEDS or RDOBOT_CONFIG for real data';

/** The bot without any network: router, archive and schedule, ready for adapters. */
export class Bot implements BotView {
  readonly router: Router;
  readonly live: LiveArchive;
  readonly logger: Logger;
  readonly mutes = new MuteList();
  /** Prometheus metrics, for the service (`metrics: true`); null in one-shot mode and in most tests. */
  metrics: Metrics | null = null;
  readonly startedAt = new Date();
  readonly version = VERSION;
  /** The running service's networks, as given at construction (frozen: nothing replaces them later). */
  readonly service: Readonly<NetworkHooks>;
  /** Hand a reply to a room, refused for a muted one; undefined without networks. */
  readonly deliver: Deliver | undefined;
  schedule: Schedule = { meetings: [], testDays: [], warnings: [] };
  /** Gives posts their kinds (interview, test day, meeting) from the configured rules. */
  readonly classifier: Classifier;
  /** Per-person state: `users.sqlite` in the data dir. */
  readonly users: DatabaseSync;
  readonly zones: UserZones;
  readonly addresses: Addresses;
  readonly subscriptions: PersonalSubscriptions;
  readonly notes: Notes;
  /** Meetings run in channels, once opened (at construction, or on first use with `meetingsWhenNeeded`). */
  private opened: Meetings | undefined;
  private opening: Promise<Meetings> | undefined;
  private readonly ignored: Set<string>;
  /** What every command family is given. */
  readonly services: Services;
  /** The plugins running, built-in families first, with what each gave. */
  readonly plugins: readonly HostedPlugin[];
  /** The commands whose plugins say they read the schedule, or the minutes: looked up on every line, so made once. */
  private readonly readingSchedule: ReadonlySet<CommandSpec>;
  private readonly readingMinutes: ReadonlySet<CommandSpec>;
  /** What services running beside the bot attached (the reminder scheduler). */
  private readonly extensions = new Extensions();
  private definitions: DefinitionWatcher | null = null;
  /** The schedule being built or built for the posts loaded last; null while it is still to build. */
  private scheduleBuilt: Promise<Schedule> | null = null;
  /** Parsed posts kept between starts, when configured and usable. */
  postCache: PostCache | null = null;
  /** Caps on what is taken from the sources (settings over defaults). */
  readonly limits: SourceLimits;
  /** Each meeting and events file's last good reading, kept when the file breaks. */
  private readonly lastGoodMeetings = new Map<string, Meeting>();
  private readonly lastGoodDays = new Map<string, TestDay[]>();
  /** Their last good texts in the data directory, for a restart with a file broken meanwhile. */
  private readonly savedMeetings: SavedSources;
  private readonly savedDays: SavedSources;
  /** Meeting and events files that gave nothing new at the last schedule load, and why. */
  private scheduleProblems: SourceProblem[] = [];

  constructor(
    readonly options: BotOptions,
    /** The plugins to answer with, the built-in families first (tests add toy ones). */
    plugins: readonly BuiltInPlugin[] = BUILT_IN_PLUGINS,
  ) {
    this.logger = options.logger ?? silentLogger();
    this.limits = { ...SOURCE_LIMITS, ...defined(options.sourceLimits ?? {}) };
    this.classifier = new Classifier(options.classify ?? DEFAULT_CLASSIFY);
    this.savedMeetings = SavedSources.open(options.dataDir, 'meetings');
    this.savedDays = SavedSources.open(options.dataDir, 'events');
    for (const problem of [this.savedMeetings.problem, this.savedDays.problem]) if (problem) this.logger.warn(problem);
    this.service = Object.freeze({ adapters: () => [], ...options.network });
    const deliver = options.network?.deliver;
    this.deliver =
      deliver &&
      (async (target, reply, handoff) => {
        if (this.mutes.mutedUntil(target, options.clock.now().toMillis()) !== null) throw new Error(`${target} is muted`);
        await deliver(target, reply, handoff);
      });
    const ignore = new Set(options.ignore ?? []);
    this.ignored = ignore;
    // Stores found lost or restored as they open are said in the bot's log.
    if (options.dataDir) stateKeeper(options.dataDir, this.logger);
    this.users = openUsersDb(options.dataDir);
    this.zones = new UserZones(this.users);
    this.addresses = new Addresses(this.users);
    this.subscriptions = new PersonalSubscriptions(this.users);
    this.notes = new Notes(this.users);
    const zones = this.zones;
    this.router = new Router({
      questions: plainWords,
      clock: options.clock,
      defaultZone: options.timezone ?? 'UTC',
      limits: options.limits,
      permissions: { admins: options.admins ?? [] },
      logger: this.logger,
      observe: (e) => this.metrics?.command(e.command, e.outcome, e.seconds),
      // A store failing mid-run (a full disk, a file replaced under it) is said as what it is, for the file the error
      // came from: each store's connection tags its errors (src/base/sqlite.ts).
      describeFailure: (err) => stateFailureOf(err),
      zoneFor: (m) => {
        const own = zones.get(m);
        return own && { zone: own.zone, source: own.scope === 'stored' ? 'user' : 'session' };
      },
    });
    // Every line's way, in order (the permission check comes last, always): who is not heard at all, then floods
    // (real time, not the possibly pinned clock of the answers: a flood is a flood now), before any parsing.
    this.router.use(ignoring(ignore)).use(muting(this.mutes, options.clock));
    if (options.rateLimits !== false) this.router.use(rateGuard(options.rateLimits ?? DEFAULT_RATE_LIMITS));
    // With `meetingsWhenNeeded`, a command reading the minutes opens the meetings first (RdobotPlugin.readsMinutes).
    this.router.use(
      forCommands((inv, next) => (!this.opened && this.readingMinutes.has(inv.spec) ? this.meetingsReady().then(next) : next())),
    );
    // With `scheduleWhenNeeded`, a plugin's command waits for the schedule unless its plugin says it reads none of it
    // (RdobotPlugin.readsSchedule); the core's own (help, more, explain) never read it.
    this.router.use(
      forCommands((inv, next) => (this.readingSchedule.has(inv.spec) ? this.scheduled().then(next) : next())),
    );
    this.live = new LiveArchive(this.sources(), this.logger);
    const extensions = this.extensions;
    // Recording from the first line: opened now, unless this bot opens them on first use (one-shot mode).
    if (!options.meetingsWhenNeeded) {
      if (!meetingsCode) throw new Error('the meetings code is not loaded: build the bot with createBot');
      this.opened = new meetingsCode.Meetings(this.meetingsOptions());
    }
    this.services = this.composeServices(extensions);
    this.router.listen((m) => {
      // Opened at start: heard at once. Opened on first use: every line after that goes through the opening, so lines
      // are heard in the order they came even while it completes.
      if (this.opened && !this.opening) return this.opened.hear(m);
      if (!this.opening && !meetingMayHear(m)) return null;
      return this.meetingsReady().then((meetings) => meetings.hear(m));
    });
    const external = options.plugins ?? [];
    this.plugins = hostPlugins([...plugins, ...external.map((e) => e.plugin)], {
      services: this.services,
      logger: this.logger,
      dataDir: options.dataDir,
      builtIn: (p) => BUILT_IN_PLUGINS.includes(p),
      ...externalHosting(external, (word) => this.router.registry.family(word) !== undefined, options.pluginTimeoutMs),
    });
    const commandsOf = (reads: (p: HostedPlugin) => boolean) => new Set(this.plugins.filter(reads).flatMap((p) => p.commands));
    this.readingSchedule = commandsOf((p) => p.readsSchedule);
    this.readingMinutes = commandsOf((p) => p.readsMinutes);
    this.router.register(this.plugins.flatMap((p) => p.commands));
    this.opened?.addPluginCommands(this.plugins);
    // A post announcing a test day (or another event, maybe in its body only) can arrive at any time.
    this.live.onUpdate((u) => {
      if (!u.initial && u.changes.some((c) => c.post.kinds.includes('testday') || announcedEvents(c.post).length > 0)) void this.loadSchedule();
    });
  }

  /** Meetings run in channels (#startmeeting): recorder, minutes, actions. Opened already unless `meetingsWhenNeeded`. */
  get meetings(): Meetings {
    if (!this.opened) throw new Error('the meetings are opened on first use in this bot: await meetingsReady() first');
    return this.opened;
  }

  /** The meetings, opened now if they were not (`meetingsWhenNeeded`): once, however many ask at the same time. */
  meetingsReady(): Promise<Meetings> {
    if (this.opened && !this.opening) return Promise.resolve(this.opened);
    this.opening ??= loadMeetingsCode().then(({ Meetings }) => {
      this.opened ??= new Meetings(this.meetingsOptions());
      this.opened.addPluginCommands(this.plugins);
      return this.opened;
    });
    return this.opening;
  }

  private meetingsOptions(): MeetingsOptions {
    const options = this.options;
    const extensions = this.extensions;
    return {
      dataDir: options.dataDir,
      nick: options.nick ?? 'rdobot',
      publicUrl: options.publicUrl,
      definitions: () => this.schedule.meetings,
      changed: () => extensions.changed(),
      deliver: () => this.deliver,
      logger: this.logger,
      ignore: this.ignored,
      role: (m) => roleOf(m, { admins: options.admins ?? [] }),
      seen: (network, id, name) => this.addresses.seen(network, id, name, options.clock.now().toMillis()),
      ...options.meetings,
      clock: options.meetings?.clock ?? options.clock,
    };
  }

  /** What the minutes and actions commands read: the meetings' own, looked up when a command runs (they may open late). */
  private minutesDeps(): MinutesDeps {
    const bot = this;
    return {
      get store() {
        return bot.meetings.minutesDeps.store;
      },
      get search() {
        return bot.meetings.minutesDeps.search;
      },
      get publicUrl() {
        return bot.meetings.minutesDeps.publicUrl;
      },
      get publicRooms() {
        return bot.meetings.minutesDeps.publicRooms;
      },
    };
  }

  /** The one Services object every command family gets, built once. */
  private composeServices(extensions: Extensions): Services {
    const o = this.options;
    return {
      settings: {
        version: VERSION,
        nick: o.nick ?? 'rdobot',
        defaultZone: o.timezone ?? 'UTC',
        publicUrl: o.publicUrl,
        notice: o.samples ? `It is ${SAMPLE_NOTICE}.` : undefined,
      },
      clock: o.clock,
      logger: this.logger,
      posts: { archive: () => this.archive, pick: o.pick, explain: (post: Post) => this.classifier.explain(post) },
      schedule: { meetings: () => this.schedule.meetings, testDays: () => this.schedule.testDays },
      zones: this.zones,
      addresses: this.addresses,
      subscriptions: this.subscriptions,
      notes: this.notes,
      reminders: extensions,
      minutes: this.minutesDeps(),
      admin: {
        mutes: this.mutes,
        reload: async () => {
          const started = performance.now();
          await this.load();
          await this.scheduled();
          await extensions.reload();
          return { posts: this.archive.size, warnings: this.warnings.length, ms: performance.now() - started };
        },
        announce: (text) => this.announce(text),
        status: () => this.statusFields(),
        sources: () => problemsByFile(this.sourceProblems()),
      },
      plugins: () => this.plugins,
      // What the archive and the lists hold at the asker's now: `!testday list`'s entries, test days and doc days apart.
      counts: (now) => {
        const days = knownEntries(this.schedule.testDays, now);
        return {
          posts: archiveAt(this.archive, now).all().length,
          interviews: archiveAt(this.archive, now).all('interview').length,
          meetings: this.schedule.meetings.length,
          'test days': days.filter(isTestDay).length,
          'doc days': days.filter(isDocDay).length,
        };
      },
    };
  }

  /** A service running beside the bot adds its facts and controls; returns how to take them off again. */
  attach(extension: BotExtension): () => void {
    return this.extensions.add(extension);
  }

  get clock(): Clock {
    return this.options.clock;
  }

  get minutes(): BotView['minutes'] {
    return this.meetings.site;
  }

  adapters(): Adapter[] {
    return this.service.adapters();
  }

  /** What the attached services add to /healthz. */
  health(): Record<string, unknown> {
    const stores = this.options.dataDir ? { stores: stateKeeper(this.options.dataDir).problems() } : {};
    return { ...this.extensions.health(), ...stores };
  }

  /** Files the bot could not use, and why: posts skipped, meeting and events files not read (/healthz, !sources). */
  sourceProblems(): SourceProblem[] {
    return [...this.live.warnings, ...this.scheduleProblems];
  }

  /** Reminders sent, failed and dropped, as the attached scheduler counts them (for /metrics). */
  reminderCounts(): Record<string, number> {
    return this.extensions.reminderCounts();
  }

  /** Send an operator's notice to every announcement target; muted rooms are skipped. */
  async announce(text: string): Promise<{ sent: string[]; failed: string[] }> {
    const result = { sent: [] as string[], failed: [] as string[] };
    for (const target of this.service.announceTargets ?? []) {
      if (!this.deliver || this.mutes.mutedUntil(target, this.options.clock.now().toMillis()) !== null) {
        result.failed.push(target);
        continue;
      }
      try {
        await this.deliver(target, { kind: 'notice', text });
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
    // How long this process has run: real time, as startedAt is, whatever time the answers are pinned to.
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
      ...this.extensions.status(),
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

  /**
   * (Re)read every source; a broken file is a warning, the rest still loads. The schedule is built too, unless it is
   * built when needed (`scheduleWhenNeeded`): then the first command that reads it (or scheduled()) builds it.
   */
  async load(): Promise<void> {
    await this.live.load();
    this.logger.info({ posts: this.archive.size, warnings: this.warnings.length }, 'archive loaded');
    this.scheduleBuilt = null;
    if (!this.options.scheduleWhenNeeded) await this.scheduled();
  }

  /** The schedule for the posts loaded: built now if it is not yet (once, however many ask at the same time). */
  scheduled(): Promise<Schedule> {
    if (this.scheduleBuilt) return this.scheduleBuilt;
    const building = this.loadSchedule();
    // A failed build is tried again by the next command that needs it.
    this.scheduleBuilt = building;
    building.catch(() => {
      if (this.scheduleBuilt === building) this.scheduleBuilt = null;
    });
    return building;
  }

  /** Meeting definitions (files and config) and test days (events files and announcing posts). */
  async loadSchedule(): Promise<Schedule> {
    const o = this.options;
    // Loaded with the first schedule: a one-shot answer that needs none loads neither (nor their YAML and schemas).
    const [{ loadMeetings, meetingsFromConfig, mergeMeetings }, { loadTestDays }] = await Promise.all([import('../schedule/meetings-load.js'), import('../schedule/events-load.js')]);
    const files = await loadMeetings(o.meetingsDirs ?? [], this.limits, this.lastGoodMeetings, this.savedMeetings);
    const inline = meetingsFromConfig(o.configMeetings, o.configFile ?? 'config', o.configLineOf, this.limits);
    const warnings = [...files.warnings, ...inline.warnings];
    const meetings = mergeMeetings(inline.meetings, files.meetings, warnings);
    const days = await loadTestDays(o.eventsDirs ?? [], this.archive.all(), this.limits, this.lastGoodDays, o.clock.now(), this.savedDays, { cache: this.postCache });
    warnings.push(...days.warnings);
    this.scheduleProblems = [...files.unusable, ...days.unusable];
    for (const problem of [this.savedMeetings.flush(), this.savedDays.flush()]) if (problem) this.logger.warn(problem);
    for (const w of warnings) this.logger.warn({ file: w.file, line: w.line }, w.reason);
    this.schedule = { meetings, testDays: days.testDays, warnings };
    this.logger.info({ meetings: meetings.length, testDays: days.testDays.length, warnings: warnings.length }, 'schedule loaded');
    this.extensions.scheduleChanged();
    return this.schedule;
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
    this.opened?.stop();
    this.definitions?.stop();
    await this.live.stop();
    this.postCache?.close();
  }

  /** Close the per-person store, after everything that may still write to it has stopped. */
  close(): void {
    if (this.users.isOpen) this.users.close();
    this.opened?.close();
  }

  handle(message: Message): Promise<Reply | null> {
    this.lastMessageAt = performance.now();
    return this.router.handle(message);
  }

  /** `handle`, answered at once when nothing waits (Router.answer). */
  answer(message: Message): Reply | null | Promise<Reply | null> {
    this.lastMessageAt = performance.now();
    return this.router.answer(message);
  }

  /** When the last message came in (performance.now()); -Infinity before any. */
  lastMessageAt = -Infinity;

  /**
   * Run `task` once the bot has had no message for `quietMs` (a second: a burst of questions has pauses shorter than
   * that), or after `latestMs` whatever happens: work a running service can put off (loading the question reader,
   * building the schedule) does not compete with a burst of questions. Returns what the task returns.
   */
  whenQuiet<T>(task: () => T | Promise<T>, quietMs = 1_000, latestMs = 30_000): Promise<T> {
    const since = performance.now();
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const now = performance.now();
        const quietFor = now - Math.max(this.lastMessageAt, since);
        if (quietFor >= quietMs || now - since >= latestMs) {
          Promise.resolve().then(task).then(resolve, reject);
          return;
        }
        setTimeout(check, quietMs - quietFor).unref();
      };
      setTimeout(check, quietMs).unref();
    });
  }

  /** What an adapter gets: the bot's entry point and its own slice of configuration. */
  adapterContext(env: Env, dataDir: string, logger: Logger = this.logger): AdapterContext {
    // An adapter's state (Matrix's access token and keys, Slack's install) is private like the rest.
    privateDirAndFiles(dataDir);
    return { handle: (m) => this.handle(m), answer: (m) => this.answer(m), renamed: (r) => this.meetings.renamed(r), nick: this.options.nick ?? 'rdobot', prefix: this.options.prefix ?? '!', env, logger, dataDir };
  }
}

export async function createBot(options: BotOptions, plugins?: readonly BuiltInPlugin[]): Promise<Bot> {
  if (!options.meetingsWhenNeeded) await loadMeetingsCode();
  const bot = new Bot(options, plugins);
  if (options.samples) bot.logger.warn(SAMPLE_NOTICE);
  if (options.metrics) {
    const { Metrics } = await import('../http/metrics.js');
    bot.metrics = new Metrics(() => bot.adapters(), () => bot.archive.size, () => bot.reminderCounts(), () => problemsByFile(bot.sourceProblems()).length);
  }
  await bot.load();
  return bot;
}
