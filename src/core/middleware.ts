import type { CommandContext, CommandSpec, Reply } from './types.js';

/** One command about to run: what was asked, what will answer it. */
export interface Invocation {
  spec: CommandSpec;
  ctx: CommandContext;
  /** The command line as typed, after the prefix or nick. */
  line: string;
}

/** A middleware may answer instead of the command, or answer nothing at all (null: stay silent). */
export type Next = () => Promise<Reply | null>;
export type Middleware = (inv: Invocation, next: Next) => Promise<Reply | null>;

/** Runs middlewares in order around the handler; a second call of `next` is a bug and throws. */
export function compose(middlewares: Middleware[], last: (inv: Invocation) => Promise<Reply>) {
  return (inv: Invocation): Promise<Reply | null> => {
    let index = -1;
    const step = (i: number): Promise<Reply | null> => {
      if (i <= index) return Promise.reject(new Error('next() called twice'));
      index = i;
      const mw = middlewares[i];
      return mw ? mw(inv, () => step(i + 1)) : last(inv);
    };
    return step(0);
  };
}
