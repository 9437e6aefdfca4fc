import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { addressing } from '../../adapters/addressing.js';
import { createBot } from './compose.js';
import { botOptionsFrom } from './bot-options.js';
import { configAhead, oneShotCacheFile } from './ask-early.js';
import { loadConfig } from '../config/load.js';
import { ConfigError } from '../base/errors.js';
import { StateError } from '../base/state-files.js';
import { InstanceLockedError } from '../state/instance-lock.js';
import { fixedClock, systemClock } from '../core/router.js';
import { resolveZone } from '../core/zones.js';
import { renderLines } from '../present/render-text.js';
import type { Reply } from '../core/types.js';
import type { Env } from '../core/adapter-context.js';
import { lazyLogger } from '../base/log.js';
import { replyJson } from '../present/reply-json.js';
import type { CoreConfig } from '../config/load.js';
import { readOnly } from './read-only.js';
import { pluginOptions } from './plugins-load.js';

export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: Env;
  cwd: string;
}

/** A usage mistake: exit code 2 and a message on stderr. */
export class UsageError extends Error {}

export const ASK_USAGE = `usage: rdobot ask "<command>" [--archive DIR]... [--events DIR]... [--meetings DIR]... [--now DATE|ISO-INSTANT] [--tz ZONE] [--json] [--no-cache]`;

function readableDir(flag: string, dir: string, cwd: string): string {
  const path = resolve(cwd, dir);
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch (err) {
    throw new UsageError(`${flag} ${dir}: cannot read it (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (!isDir) throw new UsageError(`${flag} ${dir}: not a directory`);
  return path;
}

export { replyJson };

const SOURCE_OPTIONS = {
  archive: { type: 'string', multiple: true },
  events: { type: 'string', multiple: true },
  meetings: { type: 'string', multiple: true },
  now: { type: 'string' },
  tz: { type: 'string' },
  'no-cache': { type: 'boolean', default: false },
} as const;

interface SourceValues {
  archive?: string[];
  events?: string[];
  meetings?: string[];
  now?: string;
  tz?: string;
  'no-cache'?: boolean;
}

export { oneShotCacheFile } from './ask-early.js';

/** --now: an ISO-8601 instant; one without an offset is UTC, a date alone its first moment (2015-12-01: 00:00 UTC). */
export function nowOption(value: string): DateTime {
  const now = DateTime.fromISO(value, { zone: 'utc', setZone: true });
  if (!now.isValid || !/^\d{4}-\d{2}-\d{2}/.test(value)) {
    throw new UsageError(`--now ${value}: expected an ISO-8601 date or instant, e.g. 2015-12-01 or 2026-11-25T14:00:00Z`);
  }
  return now.toUTC();
}

/** A bot for one answer: the configured (or given) sources, the clock pinned by --now, no network. */
async function oneShotBot(values: SourceValues, io: Io) {
  const config = configAhead(io.env, io.cwd) ?? loadConfig(io.env, io.cwd);
  let clock = systemClock;
  if (values.now !== undefined) clock = fixedClock(nowOption(values.now));
  const resolved = values.tz === undefined ? { zone: config.timezone } : resolveZone(values.tz);
  if ('error' in resolved) throw new UsageError(`--tz ${values.tz}: ${resolved.error}`);
  const zone = resolved.zone;
  // A source given by flag counts as configuration too: the samples do not fill in the others.
  const samples = config.samples && !(values.archive || values.events || values.meetings);
  const configured = (dirs: string[]) => (config.samples && !samples ? [] : dirs);
  // pino is loaded only if a line is written: a one-shot answer usually writes none.
  const logger = lazyLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, destination: io.stderr });
  const bot = await createBot({
    ...botOptionsFrom(config),
    samples,
    archiveDirs: values.archive?.map((d) => readableDir('--archive', d, io.cwd)) ?? configured(config.archiveDirs),
    eventsDirs: values.events?.map((d) => readableDir('--events', d, io.cwd)) ?? configured(config.eventsDirs),
    meetingsDirs: values.meetings?.map((d) => readableDir('--meetings', d, io.cwd)) ?? configured(config.meetingsDirs),
    timezone: zone,
    postCache: oneShotCacheFile(config, values['no-cache']),
    // One answer: the schedule is built only if the command asked reads it (`!interview latest` does not).
    scheduleWhenNeeded: true,
    // Nor the meetings' store and minutes: opened only if the command asked reads the minutes (`!minutes`, `!actions`).
    meetingsWhenNeeded: true,
    // The minutes and action items the service recorded, read where they are (`rdobot ask "minutes" --json`).
    meetings: existsSync(join(config.dataDir, 'meetings.sqlite')) ? { dataDir: config.dataDir } : undefined,
    clock,
    logger,
    ...(await pluginOptions(config, io.cwd, logger)),
  });
  return { bot, clock, zone };
}

export const CALENDAR_USAGE = 'usage: rdobot calendar [--meetings DIR]... [--events DIR]... [--archive DIR]... [--now ISO-INSTANT] > rdo.ics';

/** `rdobot calendar`: every meeting and test day as an iCal feed on stdout. */
export async function calendar(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: SOURCE_OPTIONS });
  if (positionals.length) throw new UsageError(`unexpected '${positionals.join(' ')}'\n${CALENDAR_USAGE}`);
  const { bot, clock } = await oneShotBot(values, io);
  await bot.scheduled();
  // Only this command needs the iCalendar writer.
  const { calendarText } = await import('./calendar.js');
  io.stdout.write(calendarText(bot, clock.now()));
  return 0;
}

/**
 * A quoted line that starts with a dash but holds spaces ("- latest post", a bullet) is words, never an option:
 * it goes after `--`, where parseArgs reads everything as words.
 */
function withWordsLast(argv: string[]): string[] {
  const words = argv.filter((a) => /^-/.test(a) && /\s/.test(a));
  return words.length ? [...argv.filter((a) => !words.includes(a)), '--', ...words] : argv;
}

/** `rdobot ask`: one command, one answer, for scripts and checks. Returns the exit code. */
export async function ask(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: withWordsLast(argv), allowPositionals: true, options: { ...SOURCE_OPTIONS, json: { type: 'boolean', default: false } } });
  if (positionals.length === 0) throw new UsageError(`no command given\n${ASK_USAGE}`);
  const { bot, clock, zone } = await oneShotBot(values, io);
  // Read-only: a reminder, subscription or setting asked here is answered with what to type in a running bot.
  bot.router.use(readOnly);
  const prefix = bot.options.prefix ?? '!';
  const said = (text: string) =>
    bot.handle({
      network: 'shell',
      room: 'cli',
      isPrivate: true,
      user: { id: 'cli', name: 'cli', verified: true },
      roles: ['admin'],
      local: true,
      text,
      // One command from the command line, as said privately to the bot: the prefix is optional.
      addressed: addressing(text, { prefix, names: [bot.options.nick ?? 'rdobot'] }, true),
      syntax: prefix,
      time: clock.now().toJSDate(),
    });
  const first = await said(positionals.join(' '));
  if (!first) throw new UsageError(`'${positionals.join(' ')}' is not a command`);
  const reply = await wholeAnswer(first, said);
  if (values.json) io.stdout.write(`${replyJson(reply, zone)}\n`);
  else if (reply.kind !== 'error') io.stdout.write(`${renderLines(reply).join('\n')}\n`);
  if (reply.kind === 'error') {
    io.stderr.write(`rdobot: ${reply.text}\n`);
    return 1;
  }
  return 0;
}

/**
 * A one-shot answer is read once, by a script or a person who cannot type `!more`: the pages the bot cut it into are
 * followed to the end and joined, and nothing points at `!more`.
 */
export async function wholeAnswer(first: Reply, said: (text: string) => Promise<Reply | null>): Promise<Reply> {
  let reply = first;
  let page = first;
  while (page.more?.command) {
    const next = await said(page.more.command);
    if (!next || !next.continued) break;
    const more = next.more?.command || !next.more ? undefined : next.more;
    reply = { ...reply, items: [...(reply.items ?? []), ...(next.items ?? [])], note: next.note ?? reply.note, times: [...(reply.times ?? []), ...(next.times ?? [])], more };
    page = next;
  }
  if (reply.more?.command) {
    const { command: _command, ...rest } = reply.more;
    reply = { ...reply, more: rest.link ? rest : undefined };
  }
  return reply;
}

export function reportFailure(err: unknown, stderr: NodeJS.WritableStream): number {
  if (err instanceof StateError) {
    stderr.write(`rdobot: ${err.message}\n`);
    return 1;
  }
  if (err instanceof UsageError || err instanceof ConfigError || err instanceof InstanceLockedError) {
    stderr.write(`rdobot: ${err.message}\n`);
    return 2;
  }
  if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
    stderr.write(`rdobot: ${err.message}\n${ASK_USAGE}\n`);
    return 2;
  }
  stderr.write(`rdobot: unexpected error: ${(err as Error).stack ?? String(err)}\n`);
  return 1;
}
