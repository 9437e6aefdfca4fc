import { mkdirSync, readFileSync } from 'node:fs';
import { Archive } from './archive/archive.js';
import { Classifier, DEFAULT_CLASSIFY, type ClassifyConfig } from './archive/classify.js';
import { loadPostDirectory } from './archive/loader.js';
import type { LoadWarning } from './archive/post.js';
import type { AdapterContext, Env } from './adapter-context.js';
import { Router } from './core/router.js';
import type { Clock, CommandSpec, Message, Reply } from './core/types.js';
import type { ReplyLimits } from './core/limits.js';
import { silentLogger, type Logger } from './log.js';
import { PROJECT_ROOT } from './paths.js';
import { aboutCommands } from '../commands/about.js';
import { interviewCommands } from '../commands/interview.js';
import { postCommands } from '../commands/post.js';

export const VERSION: string = (JSON.parse(readFileSync(`${PROJECT_ROOT}package.json`, 'utf8')) as { version: string }).version;

export interface BotOptions {
  archiveDirs: string[];
  eventsDirs?: string[];
  meetingsDirs?: string[];
  /** Meetings given in the YAML config file. */
  configMeetings?: unknown;
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
}

/** Everything loaded from disk that a reload replaces at once. */
export interface Knowledge {
  archive: Archive;
  warnings: LoadWarning[];
  hidden: number;
  loadedAt: Date;
}

/** The bot without any network: router, archive and schedule, ready for adapters. */
export class Bot {
  readonly router: Router;
  private knowledge: Knowledge = { archive: new Archive(), warnings: [], hidden: 0, loadedAt: new Date(0) };
  readonly logger: Logger;

  constructor(readonly options: BotOptions) {
    this.logger = options.logger ?? silentLogger();
    this.router = new Router({
      prefix: options.prefix ?? '!',
      nick: options.nick ?? 'rdobot',
      clock: options.clock,
      defaultZone: options.timezone ?? 'UTC',
      limits: options.limits,
      permissions: { admins: options.admins ?? [] },
      logger: this.logger,
    });
    const archiveDeps = { archive: () => this.knowledge.archive, pick: options.pick };
    this.router.register(interviewCommands(archiveDeps));
    this.router.register(postCommands(archiveDeps));
    this.router.register(
      aboutCommands({
        version: VERSION,
        prefix: () => this.router.prefix,
        counts: () => ({ posts: this.archive.size, interviews: this.archive.all('interview').length }),
      }),
    );
  }

  get archive(): Archive {
    return this.knowledge.archive;
  }

  get warnings(): LoadWarning[] {
    return this.knowledge.warnings;
  }

  get loadedAt(): Date {
    return this.knowledge.loadedAt;
  }

  register(specs: CommandSpec[]): void {
    this.router.register(specs);
  }

  /** (Re)read every post directory; a broken file is a warning, the rest still loads. */
  async load(): Promise<Knowledge> {
    const classifier = new Classifier(this.options.classify ?? DEFAULT_CLASSIFY);
    const parse = {
      classifier,
      permalink: { baseUrl: this.options.baseUrl ?? 'https://www.rdoproject.org', pattern: this.options.permalink ?? '/blog/:year/:month/:slug/' },
    };
    const results = await Promise.all(this.options.archiveDirs.map((dir) => loadPostDirectory(dir, parse)));
    const knowledge: Knowledge = {
      archive: new Archive(results.flatMap((r) => r.posts)),
      warnings: results.flatMap((r) => r.warnings),
      hidden: results.reduce((n, r) => n + r.hidden, 0),
      loadedAt: new Date(),
    };
    for (const w of knowledge.warnings) this.logger.warn({ file: w.file, line: w.line }, `skipped: ${w.reason}`);
    this.knowledge = knowledge;
    this.logger.info({ posts: knowledge.archive.size, hidden: knowledge.hidden, warnings: knowledge.warnings.length }, 'archive loaded');
    return knowledge;
  }

  handle(message: Message): Promise<Reply | null> {
    return this.router.handle(message);
  }

  /** What an adapter gets: the bot's entry point and its own slice of configuration. */
  adapterContext(env: Env, dataDir: string, logger: Logger = this.logger): AdapterContext {
    mkdirSync(dataDir, { recursive: true });
    return { handle: (m) => this.handle(m), nick: this.router.options.nick, prefix: this.router.prefix, env, logger, dataDir };
  }
}

export async function createBot(options: BotOptions): Promise<Bot> {
  const bot = new Bot(options);
  await bot.load();
  return bot;
}
