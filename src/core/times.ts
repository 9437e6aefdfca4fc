import type { DateTime } from 'luxon';
import { pending } from './middleware.js';
import type { Reply, ShownTime } from './types.js';

/**
 * The instants a reply shows, noted by the one formatter that writes them (src/schedule/format.ts) while a command
 * or a reminder is being built. Commands stay unaware of it; an adapter that can render times natively (Slack's
 * `<!date^…>`, which each reader sees in their own zone) finds the exact text and its instant on the reply.
 */
let collecting: ShownTime[] | null = null;

export function noteTime(text: string, at: DateTime): void {
  collecting?.push({ text, at: at.toMillis() });
}

/**
 * Run `build` and put the times it wrote on the reply it returns (at once when it answers at once) (longest text first, each once). Times are noted while
 * `build` runs synchronously, up to its first await: a time written after one is not noted (the handlers that await —
 * reload, announce, reminders on/off — write no time). Not an AsyncLocalStorage: in Node 22 one switches on promise
 * hooks for every promise of the process, a cost paid on each line answered.
 */
export function withTimes<R extends Reply | null>(build: () => R | Promise<R>): R | Promise<R> {
  const times: ShownTime[] = [];
  const reply = collected(times, build);
  // A handler that answers at once is answered at once: no promise to wait for on every line.
  return pending(reply) ? Promise.resolve(reply).then((r) => attachTimes(r, times)) : attachTimes(reply, times);
}

/** The same, for code that is not async (a reminder built at the instant of its hand-over). */
export function withTimesSync<R extends Reply | null>(build: () => R): R {
  const times: ShownTime[] = [];
  return attachTimes(collected(times, build), times);
}

/** `build` run with `times` as the collector, the one before restored after (builds may nest). */
function collected<T>(times: ShownTime[], build: () => T): T {
  const before = collecting;
  collecting = times;
  try {
    return build();
  } finally {
    collecting = before;
  }
}

function attachTimes<R extends Reply | null>(reply: R, times: ShownTime[]): R {
  if (!reply || times.length === 0) return reply;
  // One time shown (a post's answer): nothing to sort or to make unique.
  if (times.length === 1 && !reply.times?.length) return { ...reply, times };
  const unique = new Map<string, ShownTime>();
  for (const t of times) if (!unique.has(t.text)) unique.set(t.text, t);
  return { ...reply, times: [...(reply.times ?? []), ...unique.values()].sort((a, b) => b.text.length - a.text.length) };
}
