import { AsyncLocalStorage } from 'node:async_hooks';
import type { DateTime } from 'luxon';
import type { Reply, ShownTime } from './types.js';

/**
 * The instants a reply shows, noted by the one formatter that writes them (src/schedule/format.ts) while a command
 * or a reminder is being built. Commands stay unaware of it; an adapter that can render times natively (Slack's
 * `<!date^…>`, which each reader sees in their own zone) finds the exact text and its instant on the reply.
 */
const collector = new AsyncLocalStorage<ShownTime[]>();

export function noteTime(text: string, at: DateTime): void {
  collector.getStore()?.push({ text, at: at.toMillis() });
}

/** Run `build` and put the times it wrote on the reply it returns (longest text first, each once). */
export async function withTimes<R extends Reply | null>(build: () => R | Promise<R>): Promise<R> {
  const times: ShownTime[] = [];
  const reply = await collector.run(times, build);
  return attachTimes(reply, times);
}

/** The same, for code that is not async (a reminder built at the instant of its hand-over). */
export function withTimesSync<R extends Reply | null>(build: () => R): R {
  const times: ShownTime[] = [];
  return attachTimes(collector.run(times, build), times);
}

function attachTimes<R extends Reply | null>(reply: R, times: ShownTime[]): R {
  if (!reply || times.length === 0) return reply;
  const unique = new Map<string, ShownTime>();
  for (const t of times) if (!unique.has(t.text)) unique.set(t.text, t);
  return { ...reply, times: [...(reply.times ?? []), ...unique.values()].sort((a, b) => b.text.length - a.text.length) };
}
