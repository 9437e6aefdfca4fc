import type { CommandContext, CommandSpec, Reply } from './types.js';

/** One command about to run: what was asked, what will answer it. */
export interface Invocation {
  spec: CommandSpec;
  ctx: CommandContext;
  /** The command line as typed, after the prefix or nick. */
  line: string;
}

export type Next = () => Promise<Reply>;
export type Middleware = (inv: Invocation, next: Next) => Promise<Reply>;

/** Runs middlewares in order around the handler; a second call of `next` is a bug and throws. */
export function compose(middlewares: Middleware[], last: (inv: Invocation) => Promise<Reply>) {
  return (inv: Invocation): Promise<Reply> => {
    let index = -1;
    const step = (i: number): Promise<Reply> => {
      if (i <= index) return Promise.reject(new Error('next() called twice'));
      index = i;
      const mw = middlewares[i];
      return mw ? mw(inv, () => step(i + 1)) : last(inv);
    };
    return step(0);
  };
}
