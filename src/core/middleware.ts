import type { CommandContext, CommandSpec, Message, Reply, Role } from './types.js';

/** One command about to run: what was asked, what will answer it. */
export interface Invocation {
  spec: CommandSpec;
  ctx: CommandContext;
  /** The command line as typed, after the prefix or nick. */
  line: string;
}

/**
 * A line on its way to an answer, as every middleware sees it. The command is parsed only when a middleware (or the
 * command itself) asks for it, so that a line refused early (an ignored person, a flood) costs no parsing.
 */
export interface Turn {
  message: Message;
  /** The command line, after the prefix or nick; a listener's turn has the whole text. */
  line: string;
  role: Role;
  /** A listener's answer (a meeting's acknowledgement) going out: no command runs on this turn. */
  heard?: Reply;
  /** The command the line runs, parsed on first asking (throws the user's mistake as a BotError, every time asked). */
  invocation(): Invocation;
  /**
   * The line is not heard at all (an ignored person, a muted room): nothing is said, and it is neither counted nor
   * logged as a command. Returns null, for `return turn.unheard()`.
   */
  unheard(): null;
}

/**
 * What a step gives: the answer, or a promise of it when the step has to wait (the schedule being built, the
 * meetings opening). A step with nothing to wait for answers at once: a piped burst of lines would otherwise pay a
 * promise and a turn of the microtask queue per middleware per line.
 */
export type Answer = Reply | null | Promise<Reply | null>;

/** A middleware may answer instead of the command, or answer nothing at all (null: stay silent). */
export type Next = () => Answer;
export type Middleware = (turn: Turn, next: Next) => Answer;

/** Whether a step's answer is still to come (a promise, or another thenable: a plugin's handler may make its own). */
export const pending = <T>(answer: T | PromiseLike<T>): answer is PromiseLike<T> =>
  typeof answer === 'object' && answer !== null && typeof (answer as { then?: unknown }).then === 'function';

/** A middleware for commands only: a listener's answer goes past it, and it is handed the parsed command. */
export function forCommands(step: (inv: Invocation, next: Next) => Answer): Middleware {
  return (turn, next) => (turn.heard ? next() : step(turn.invocation(), next));
}

/**
 * Runs middlewares in order around the last step, made once for the list (not per line); a second call of `next` is
 * a bug and throws. A middleware's throw, at once or as a rejection, reaches the caller as it came.
 */
export function compose(middlewares: readonly Middleware[], last: (turn: Turn) => Answer): (turn: Turn) => Answer {
  const list = [...middlewares];
  const count = list.length;
  return (turn) => {
    let index = -1;
    const step = (i: number): Answer => {
      if (i <= index) throw new Error('next() called twice');
      index = i;
      return i < count ? list[i](turn, () => step(i + 1)) : last(turn);
    };
    return step(0);
  };
}
