import { DateTime } from 'luxon';
import type { Logger } from '../base/log.js';
import { silentLogger } from '../base/log.js';
import { helpCommands } from './help.js';
import { DEFAULT_LIMITS, limitReply, type ReplyLimits } from './limits.js';
import { compose, pending, type Answer, type Invocation, type Middleware, type Turn } from './middleware.js';
import { DEFAULT_MORE, isOnePiece, MoreStore, moreCommands, paginate, type MoreOptions } from './more.js';
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
  let writer = WRITERS.get(syntax);
  if (!writer) {
    writer = (line) => `${syntax}${line}`.trim();
    // A network writes commands one way or two (`!`, `/rdo `): the map stays small; bounded all the same.
    if (WRITERS.size >= 64) WRITERS.clear();
    WRITERS.set(syntax, writer);
  }
  return writer;
}

/** One writer per syntax, since every line's context is handed one. */
const WRITERS = new Map<string, (line: string) => string>();

/** `family subcommand`, as commands are counted and logged: written once per command, not once per line. */
const NAMES = new WeakMap<CommandSpec, string>();
export function commandName(spec: CommandSpec): string {
  let name = NAMES.get(spec);
  if (name === undefined) NAMES.set(spec, (name = `${spec.family} ${spec.name}`.trim()));
  return name;
}

/** The options a command takes, the common ones (--tz) after its own: gathered once per command. */
const OPTIONS = new WeakMap<CommandSpec, OptionSpec[]>();
function optionsOf(spec: CommandSpec): OptionSpec[] {
  let options = OPTIONS.get(spec);
  if (!options) OPTIONS.set(spec, (options = [...(spec.options ?? []), ...COMMON_OPTIONS]));
  return options;
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
  /** The middlewares, the permission check and the command, composed once (again after `use`). */
  private steps: ((turn: Turn) => Answer) | undefined;
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
    this.steps = undefined;
    return this;
  }

  private roleOf(message: Message): Role {
    return roleOf(message, this.options.permissions ?? NO_ADMINS);
  }

  /** A line's command, parsed: the line checked for length, then read as a command or a question. */
  private readonly parseLine = (message: Message, line: string): Invocation => {
    if (line.length > this.maxInput) {
      throw new BotError('TOO_LONG', `That command is too long (${line.length} characters; the limit is ${this.maxInput}).`);
    }
    return this.parse(message, line);
  };

  /**
   * Every line's middlewares, in order, the permission check last, around the command (or, on a listener's turn, its
   * answer going out).
   */
  private chain(): (turn: Turn) => Answer {
    return (this.steps ??= compose([...this.middlewares, this.permission], (turn) => turn.heard ?? this.run(turn.invocation())));
  }

  /**
   * A listener's answer (a meeting's acknowledgement) obeys what commands obey, through the same middlewares: nothing
   * is said in a muted room, and an acknowledgement that may be dropped is dropped, not queued, when the room or the
   * person is over the rate.
   */
  private listened(message: Message, heard: Reply): Answer {
    const answer = this.chain()(new LineTurn(this.parseLine, message, message.text, this.roleOf(message), heard));
    const bounded = (said: Reply | null) => said && limitReply(this.page(message, said), this.options.limits ?? DEFAULT_LIMITS);
    return pending(answer) ? Promise.resolve(answer).then(bounded) : bounded(answer);
  }

  /** Answer a message, or return null when it is not for the bot. Never throws. */
  handle(message: Message): Promise<Reply | null> {
    try {
      return Promise.resolve(this.answer(message));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /**
   * The same, answered at once when nothing on the way waits (most lines): a piped burst of thousands of lines then
   * pays no promise and no turn of the microtask queue per line. Answers and their order are those of `handle`.
   */
  answer(message: Message): Answer {
    if (message.user.isBot) return null;
    return this.heardFrom(message, 0);
  }

  /** The listeners from the `first`, in order, then the line as a command when none of them answered it. */
  private heardFrom(message: Message, first: number): Answer {
    for (let i = first; i < this.listeners.length; i++) {
      let said: Answer;
      try {
        const hearing = this.listeners[i](message);
        if (pending(hearing)) return this.heardLater(message, i, hearing);
        if (!hearing) continue;
        said = this.listened(message, hearing);
      } catch (err) {
        this.listenerFailed(err, message);
        continue;
      }
      return pending(said) ? this.heardLater(message, i, said, true) : said;
    }
    return this.command(message);
  }

  /** A listener (or its answer) that waits: the listeners after it, and the command, wait for it. */
  private async heardLater(message: Message, i: number, waiting: PromiseLike<Reply | null>, listened = false): Promise<Reply | null> {
    try {
      const heard = await waiting;
      if (listened) return heard;
      if (heard) return await this.listened(message, heard);
    } catch (err) {
      this.listenerFailed(err, message);
    }
    return this.heardFrom(message, i + 1);
  }

  private listenerFailed(err: unknown, message: Message): void {
    this.log.error({ err, adapter: message.network, channel: message.room }, 'listener failed');
  }

  /** The line as a command (or a question), through the middlewares; its answer bounded, counted and logged. */
  private command(message: Message): Answer {
    // The adapter decided whether the line is for the bot; a line that is not was for the listeners alone.
    const line = message.addressed?.line.trim();
    if (!line) return null;
    const started = performance.now();
    const turn = new LineTurn(this.parseLine, message, line, this.roleOf(message));
    let answer: Answer;
    try {
      answer = this.chain()(turn);
    } catch (err) {
      return this.answered(turn, started, this.failure(err, message, line));
    }
    if (!pending(answer)) return this.answered(turn, started, answer);
    return Promise.resolve(answer).then(
      (reply) => this.answered(turn, started, reply),
      (err: unknown) => this.answered(turn, started, this.failure(err, message, line)),
    );
  }

  private answered(turn: LineTurn, started: number, reply: Reply | null): Reply | null {
    if (turn.ignored) return null;
    const { message } = turn;
    const command = turn.command;
    const seconds = (performance.now() - started) / 1000;
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
  private parse(message: Message, line: string): Invocation {
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
    // An answer in one piece (most are) is never cut: it only replaces what the asker had left for `!more`.
    const { page, rest } = isOnePiece(reply) ? { page: reply, rest: undefined } : paginate(reply, message.maxLines, maxItems, commandWriter(this.syntaxOf(message))('more'));
    if (rest) this.more.put(MoreStore.key(message), rest);
    else if (this.more.size > 0) this.more.forget(MoreStore.key(message));
    return page;
  }

  /** Parse and bind a command line; throws BotError for anything the user got wrong. */
  invocation(message: Message, line: string): Invocation {
    const syntax = this.syntaxOf(message);
    const command = commandWriter(syntax);
    // "!interview latest?" asks the same as "!interview latest"; an announcement keeps its "!".
    const asked = endsAsked(line) ? line.replace(/[\s?!？！]+$/u, '') : line;
    let { spec, rest } = this.registry.resolve(tokenize(asked), syntax);
    if (asked !== line && spec.args?.some((a) => a.verbatim)) ({ spec, rest } = this.registry.resolve(tokenize(line), syntax));
    const options: CommandContext['options'] = {};
    let words = rest;
    // Without a word that could be an option (a dash first), the words are the arguments as they are.
    if (rest.some(mayBeOption)) {
      const optionSpecs = optionsOf(spec);
      const split = splitOptions(rest, (name) => {
        const o = optionSpecs.find((s) => s.name === name);
        return o ? o.type !== 'flag' : undefined;
      });
      for (const [name, raw] of Object.entries(split.options)) {
        const o = optionSpecs.find((s) => s.name === name)!;
        options[name] = checkOption(o, raw);
      }
      words = split.words;
    }
    const args = bindArgs(spec, words, command);
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

  private run(inv: Invocation): Reply | Promise<Reply> {
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

const NO_ADMINS: PermissionConfig = { admins: [] };

/**
 * Whether a line may end in what "!interview latest?" ends in (blanks, question and exclamation marks): looked at
 * before a regular expression is run over the line for it.
 */
function endsAsked(line: string): boolean {
  const last = line.charCodeAt(line.length - 1);
  return last === 0x3f || last === 0x21 || last <= 0x20 || last >= 0x80;
}

/** A word splitOptions could read as an option: one that starts with a dash of some kind (see optionDashes). */
const mayBeOption = (word: string): boolean => {
  const first = word.charCodeAt(0);
  return first === 0x2d || first >= 0x80;
};

/** A line's way through the middlewares. Its command is parsed on first asking, once: a mistake is thrown again as it was. */
class LineTurn implements Turn {
  ignored = false;
  #parsed: Invocation | undefined;
  #failed = false;
  #mistake: unknown;

  constructor(
    private readonly parse: (message: Message, line: string) => Invocation,
    readonly message: Message,
    readonly line: string,
    readonly role: Role,
    readonly heard?: Reply,
  ) {}

  invocation(): Invocation {
    if (this.#parsed) return this.#parsed;
    if (this.#failed) throw this.#mistake;
    try {
      return (this.#parsed = this.parse(this.message, this.line));
    } catch (err) {
      this.#failed = true;
      this.#mistake = err;
      throw err;
    }
  }

  unheard(): null {
    this.ignored = true;
    return null;
  }

  /** `family subcommand` once the line parsed, '?' when it did not (or was refused before it was parsed). */
  get command(): string {
    return this.#parsed ? commandName(this.#parsed.spec) : '?';
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
  if (specs.length === 0 && words.length === 0) return args;
  const name = commandName(spec);
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
