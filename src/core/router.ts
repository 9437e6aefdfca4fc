import { DateTime } from 'luxon';
import type { Logger } from '../base/log.js';
import { silentLogger } from '../base/log.js';
import { helpCommands } from './help.js';
import { DEFAULT_LIMITS, limitReply, type ReplyLimits } from './limits.js';
import { compose, type Invocation, type Middleware, type Turn } from './middleware.js';
import { DEFAULT_MORE, MoreStore, moreCommands, paginate, type MoreOptions } from './more.js';
import { permitting, roleOf, type PermissionConfig } from './permissions.js';
import type { QuestionReader } from './questions.js';
import { Registry } from './registry.js';
import { cleanLine, truncate } from './sanitize.js';
import { splitOptions, tokenize } from './tokenize.js';
import { resolveZone } from './zones.js';
import {
  BotError,
  type Clock,
  type CommandContext,
  type CommandSpec,
  type Message,
  type OptionSpec,
  type Reply,
  type Role,
  type ZoneSource,
} from './types.js';
import { withTimes } from './times.js';
import { normaliseZone } from './zones.js';

export interface RouterOptions {
  clock: Clock;
  /** Zone for times in replies when the asker gives no --tz. */
  defaultZone: string;
  limits?: ReplyLimits;
  /** Longest command line accepted, in characters. */
  maxInput?: number;
  permissions?: PermissionConfig;
  logger?: Logger;
  /** Called once per command handled, for metrics. */
  observe?: (event: CommandEvent) => void;
  /** The asker's own zone (`!tz set`), used for every time shown to them unless --tz overrides it. */
  zoneFor?: (message: Message) => { zone: string; source: ZoneSource } | undefined;
  /** How long the rest of a cut answer waits for `!more`. */
  more?: MoreOptions;
  /** One line for a failure the bot knows (its state database failing): logged instead of a stack trace. */
  describeFailure?: (err: unknown) => string | undefined;
  /** Reads lines that are no command as questions in plain words (src/language); without it they are unknown commands. */
  questions?: QuestionReader;
}

export interface CommandEvent {
  message: Message;
  /** `family subcommand`, or '?' when the line did not parse. */
  command: string;
  /** ok, silenced, or the error code in lower case (unknown_command, denied, rate_limited …). */
  outcome: string;
  seconds: number;
}

const COMMON_OPTIONS: OptionSpec[] = [{ name: 'tz', type: 'zone', description: 'show times in this time zone (Europe/Paris, Asia/Kolkata, BST, UTC+2)' }];

/** Hints in replies name commands as they are written where the question came from. */
export function commandWriter(syntax: string): (line: string) => string {
  return (line) => `${syntax}${line}`.trim();
}

/**
 * Sees every message from a person before command parsing, addressed to the bot or not (a meeting recorder); a reply
 * it returns is the answer to that message, and no command is looked for in it.
 */
export type Listener = (message: Message) => Reply | null | Promise<Reply | null>;

export function errorReply(code: BotError['code'], text: string): Reply {
  return { kind: 'error', code, text };
}

/**
 * The network-free heart of the bot: resolves the command line an adapter found in a message (or reads it as a
 * question), checks it, runs it and bounds the answer. It knows no prefix and no nick: addressing is the adapter's.
 */
export class Router {
  readonly registry = new Registry();
  /** What every line goes through, in order (ignore list, mutes, rate limits …), before the command's permission and the command. */
  private readonly middlewares: Middleware[] = [];
  /** Always last: whether the asker may run the command. */
  private readonly permission: Middleware;
  private readonly listeners: Listener[] = [];
  private readonly log: Logger;
  private readonly maxInput: number;
  /** The rest of cut answers, for `!more`. */
  readonly more: MoreStore;

  constructor(readonly options: RouterOptions) {
    this.log = options.logger ?? silentLogger();
    this.maxInput = options.maxInput ?? 500;
    this.more = new MoreStore(options.more ?? DEFAULT_MORE);
    this.permission = permitting(this.log);
    this.registry.register(helpCommands(this.registry));
    this.registry.register(moreCommands(this.more));
    if (options.questions) this.registry.register(options.questions.commands(this.registry));
  }

  /** How commands are written for this message's asker, as its adapter says. */
  syntaxOf(message: Message): string {
    return message.syntax;
  }

  register(specs: CommandSpec[]): this {
    this.registry.register(specs);
    return this;
  }

  listen(listener: Listener): this {
    this.listeners.push(listener);
    return this;
  }

  /** Add a middleware at the end of the list (before the permission check, which is always last). */
  use(middleware: Middleware): this {
    this.middlewares.push(middleware);
    return this;
  }

  private roleOf(message: Message): Role {
    return roleOf(message, this.options.permissions ?? { admins: [] });
  }

  /** A line's way through the middlewares; its command is parsed when first asked for, and told to `parsed`. */
  private turn(message: Message, line: string, heard: Reply | undefined, parsed: (inv: Invocation) => void): Turn & { ignored: boolean } {
    let invocation: Promise<Invocation> | undefined;
    const turn = {
      message,
      line,
      role: this.roleOf(message),
      heard,
      ignored: false,
      invocation: () =>
        (invocation ??= (async () => {
          if (line.length > this.maxInput) {
            throw new BotError('TOO_LONG', `That command is too long (${line.length} characters; the limit is ${this.maxInput}).`);
          }
          const inv = await this.parse(message, line);
          parsed(inv);
          return inv;
        })()),
      unheard: () => {
        turn.ignored = true;
        return null;
      },
    };
    return turn;
  }

  /** Every line's middlewares, in order, the permission check last, around `last`. */
  private chain(last: (turn: Turn) => Promise<Reply | null>) {
    return compose([...this.middlewares, this.permission], last);
  }

  /**
   * A listener's answer (a meeting's acknowledgement) obeys what commands obey, through the same middlewares: nothing
   * is said in a muted room, and an acknowledgement that may be dropped is dropped, not queued, when the room or the
   * person is over the rate.
   */
  private async listened(message: Message, heard: Reply): Promise<Reply | null> {
    const turn = this.turn(message, message.text, heard, () => {});
    const said = await this.chain(async () => heard)(turn);
    return said && limitReply(this.page(message, said), this.options.limits ?? DEFAULT_LIMITS);
  }

  /** Answer a message, or return null when it is not for the bot. Never throws. */
  async handle(message: Message): Promise<Reply | null> {
    if (message.user.isBot) return null;
    for (const listener of this.listeners) {
      try {
        const heard = await listener(message);
        if (heard) return await this.listened(message, heard);
      } catch (err) {
        this.log.error({ err, adapter: message.network, channel: message.room }, 'listener failed');
      }
    }
    // The adapter decided whether the line is for the bot; a line that is not was for the listeners alone.
    const line = message.addressed?.line.trim();
    if (!line) return null;
    const started = process.hrtime.bigint();
    let reply: Reply | null;
    let command = '?';
    const turn = this.turn(message, line, undefined, (inv) => (command = `${inv.spec.family} ${inv.spec.name}`.trim()));
    try {
      reply = await this.chain(async (t) => this.run(await t.invocation()))(turn);
    } catch (err) {
      reply = this.failure(err, message, line);
    }
    if (turn.ignored) return null;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const limited = reply && limitReply(this.page(message, reply), this.options.limits ?? DEFAULT_LIMITS);
    const outcome = limited ? (limited.kind === 'error' ? (limited.code ?? 'ERROR').toLowerCase() : 'ok') : 'silenced';
    this.options.observe?.({ message, command, outcome, seconds });
    // The operator's own commands at the bot's terminal are on that terminal already, answer and all: logging each one
    // too would cost more than answering it. They are logged at debug level.
    const level = message.local ? 'debug' : 'info';
    if (this.log.isLevelEnabled(level)) {
      this.log[level]({ adapter: message.network, channel: message.room, user: message.user.id, command, outcome, ms: Math.round(seconds * 1e4) / 10 }, 'command answered');
    }
    return limited;
  }

  /**
   * A command line, or a question in plain words when the bot was addressed by name or in private (never with the
   * prefix: `!…` is command syntax, and a typo there gets a "did you mean"). A question runs as the command it maps
   * to, exactly as if typed; one that maps to nothing clear gets the commands to try instead of an answer.
   */
  private async parse(message: Message, line: string): Promise<Invocation> {
    try {
      return this.invocation(message, line);
    } catch (err) {
      const prefixed = message.addressed?.by === 'prefix';
      const questions = this.options.questions;
      if (!questions || !(err instanceof BotError) || err.code !== 'UNKNOWN_COMMAND' || prefixed || questions.isCommandTypo(this.registry, line)) throw err;
      const understood = questions.read(this.registry, line, commandWriter(this.syntaxOf(message)));
      const log = { adapter: message.network, channel: message.room, user: message.user.id, notes: understood.notes };
      if (understood.kind === 'command') {
        this.log.info({ ...log, understood: understood.line, because: understood.because }, 'question understood');
        return this.invocation(message, understood.line);
      }
      this.log.info({ ...log, candidates: understood.candidates }, 'question not understood');
      const reply = understood.reply;
      // Still an invocation, so that rate limits and mutes apply to questions as to commands.
      const spec: CommandSpec = { family: 'question', name: '', summary: 'a question that maps to no command', handler: () => reply };
      const ctx = { message, args: {}, options: {}, now: this.options.clock.now(), zone: this.options.defaultZone, role: this.roleOf(message), command: commandWriter(this.syntaxOf(message)) };
      return { spec, line, ctx };
    }
  }

  /** Cut a list to what fits where it is read; keep the rest for `!more` (a new answer replaces it). */
  private page(message: Message, reply: Reply): Reply {
    if (reply.kind === 'error') return reply;
    const limits = this.options.limits ?? DEFAULT_LIMITS;
    const maxItems = reply.kind === 'help' ? Math.max(limits.maxItems, 40) : limits.maxItems;
    const { page, rest } = paginate(reply, message.maxLines, maxItems, commandWriter(this.syntaxOf(message))('more'));
    const key = MoreStore.key(message);
    if (rest) this.more.put(key, rest);
    else this.more.forget(key);
    return page;
  }

  /** Parse and bind a command line; throws BotError for anything the user got wrong. */
  invocation(message: Message, line: string): Invocation {
    const syntax = this.syntaxOf(message);
    const command = commandWriter(syntax);
    // "!interview latest?" asks the same as "!interview latest"; an announcement keeps its "!".
    const asked = line.replace(/[\s?!？！]+$/u, '');
    let { spec, rest } = this.registry.resolve(tokenize(asked), syntax);
    if (asked !== line && spec.args?.some((a) => a.verbatim)) ({ spec, rest } = this.registry.resolve(tokenize(line), syntax));
    const optionSpecs = [...(spec.options ?? []), ...COMMON_OPTIONS];
    const split = splitOptions(rest, (name) => {
      const o = optionSpecs.find((s) => s.name === name);
      return o ? o.type !== 'flag' : undefined;
    });
    const options: CommandContext['options'] = {};
    for (const [name, raw] of Object.entries(split.options)) {
      const o = optionSpecs.find((s) => s.name === name)!;
      options[name] = checkOption(o, raw);
    }
    const args = bindArgs(spec, split.words, command);
    const { zone, zoneSource } = this.zoneOf(message, options.tz as string | undefined);
    const role = this.roleOf(message);
    return { spec, line, ctx: new Context(message, args, options, zone, zoneSource, role, command, this.options.clock) };
  }

  /** --tz, else the asker's own zone (!tz), else the one their network knows (Slack profile), else the default. */
  private zoneOf(message: Message, option: string | undefined): { zone: string; zoneSource: ZoneSource } {
    if (option) return { zone: option, zoneSource: 'option' };
    const own = this.options.zoneFor?.(message);
    if (own) return { zone: own.zone, zoneSource: own.source };
    const network = message.userZone ? normaliseZone(message.userZone) : null;
    if (network) return { zone: network, zoneSource: 'network' };
    return { zone: this.options.defaultZone, zoneSource: 'default' };
  }

  private async run(inv: Invocation): Promise<Reply> {
    return withTimes(() => inv.spec.handler(inv.ctx));
  }

  private failure(err: unknown, message: Message, line: string): Reply {
    if (err instanceof BotError) return errorReply(err.code, err.message);
    const known = this.options.describeFailure?.(err);
    if (known) {
      this.log.error({ adapter: message.network, channel: message.room, command: truncate(cleanLine(line), 100) }, known);
      return errorReply('INTERNAL', 'Sorry, I could not save or read that: my storage has a problem. The operator has it in the log.');
    }
    this.log.error({ err, adapter: message.network, channel: message.room, command: truncate(cleanLine(line), 100) }, 'command failed');
    return errorReply('INTERNAL', 'Sorry, something went wrong answering that. The error has been logged.');
  }
}

/**
 * What a command is run with. The time is read once, when the command first asks: most answers (the archive's) never
 * need it, and reading it costs more than the rest of the context. (A class, so that every context shares one getter.)
 */
/** A command's context; the clock is read only if the command asks for the time. */
class Context implements CommandContext {
  #now: DateTime | undefined;

  constructor(
    readonly message: Message,
    readonly args: CommandContext['args'],
    readonly options: CommandContext['options'],
    readonly zone: string,
    readonly zoneSource: ZoneSource,
    readonly role: Role,
    readonly command: (line: string) => string,
    private readonly clock: Clock,
  ) {}

  get now(): DateTime {
    return (this.#now ??= this.clock.now());
  }
}

function checkOption(spec: OptionSpec, raw: string | true): string | number | boolean {
  if (spec.type === 'flag') return true;
  const value = String(raw);
  if (spec.type === 'zone') {
    const r = resolveZone(cleanLine(value));
    if ('error' in r) throw new BotError('BAD_OPTION', r.error);
    return r.zone;
  }
  if (spec.type === 'integer') return countOf(value, `--${spec.name}`);
  return value;
}

/** A count the user gives (`!interview list 5`): 1 or more, said plainly when it is not. */
function countOf(word: string, what: string): number {
  if (/^0+$/.test(word)) throw new BotError('BAD_ARGUMENTS', `${what} must be at least 1.`);
  if (!/^\d{1,6}$/.test(word)) throw new BotError('BAD_ARGUMENTS', `${what} must be a number such as 5, not '${truncate(cleanLine(word), 20)}'.`);
  return Number(word);
}

function bindArgs(spec: CommandSpec, words: string[], command: (line: string) => string): CommandContext['args'] {
  const args: CommandContext['args'] = {};
  const specs = spec.args ?? [];
  const name = `${spec.family} ${spec.name}`.trim();
  const usage = command(name);
  let i = 0;
  for (const a of specs) {
    if (a.rest) {
      const rest = words.slice(i).join(' ').trim();
      if (rest) args[a.name] = rest;
      i = words.length;
    } else if (i < words.length) {
      const word = words[i++];
      if (a.integer) {
        args[a.name] = countOf(word, `${usage} <${a.name}> (${a.description})`);
      } else {
        args[a.name] = word;
      }
    }
    if (a.required && args[a.name] === undefined) {
      throw new BotError('BAD_ARGUMENTS', `${usage} needs <${a.name}>: ${a.description}. Try ${command(`help ${name}`)}.`);
    }
  }
  if (i < words.length) {
    throw new BotError('BAD_ARGUMENTS', `${usage} does not take '${truncate(cleanLine(words.slice(i).join(' ')), 40)}'. Try ${command(`help ${name}`)}.`);
  }
  return args;
}

export { normaliseZone } from './zones.js';

/** The real clock; tests and `--now` use a fixed one. */
export { fixedClock, systemClock } from './clock.js';
