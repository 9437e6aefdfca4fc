import type { TestDay } from './types.js';

const ONE_DAY_MS = 86_400_000;

const sameEvent = (a: TestDay, b: TestDay) =>
  a.title.toLowerCase() === b.title.toLowerCase() && (a.kind ?? 'testday') === (b.kind ?? 'testday') && (!a.link || !b.link || a.link === b.link);

/**
 * One test day written as one entry per day in an events file (the same title on consecutive days) is one test day
 * spanning them: listed once, with the date range. Entries are taken in start order; the first lends its id and
 * details, a later one fills what it lacks.
 */
export function joinSplitDays(entries: TestDay[]): TestDay[] {
  const out: TestDay[] = [];
  for (const entry of [...entries].sort((a, b) => a.start.toMillis() - b.start.toMillis())) {
    const before = out.find((t) => sameEvent(t, entry) && entry.start.toMillis() - t.end.toMillis() <= ONE_DAY_MS && entry.start >= t.start);
    if (!before) {
      out.push({ ...entry });
      continue;
    }
    if (entry.end > before.end) before.end = entry.end;
    before.location ??= entry.location;
    before.description ??= entry.description;
    before.link ??= entry.link;
  }
  return out;
}
