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
  /** The command the line runs, parsed on first asking (throws the user's mistake as a BotError). */
  invocation(): Promise<Invocation>;
  /**
   * The line is not heard at all (an ignored person, a muted room): nothing is said, and it is neither counted nor
   * logged as a command. Returns null, for `return turn.unheard()`.
   */
  unheard(): null;
}

/** A middleware may answer instead of the command, or answer nothing at all (null: stay silent). */
export type Next = () => Promise<Reply | null>;
export type Middleware = (turn: Turn, next: Next) => Promise<Reply | null>;

/** A middleware for commands only: a listener's answer goes past it, and it is handed the parsed command. */
export function forCommands(step: (inv: Invocation, next: Next) => Promise<Reply | null>): Middleware {
  return async (turn, next) => (turn.heard ? next() : step(await turn.invocation(), next));
}

/** Runs middlewares in order around the last step; a second call of `next` is a bug and throws. */
export function compose(middlewares: readonly Middleware[], last: (turn: Turn) => Promise<Reply | null>) {
  return (turn: Turn): Promise<Reply | null> => {
    let index = -1;
    const step = (i: number): Promise<Reply | null> => {
      if (i <= index) return Promise.reject(new Error('next() called twice'));
      index = i;
      const mw = middlewares[i];
      return mw ? mw(turn, () => step(i + 1)) : last(turn);
    };
    return step(0);
  };
}
