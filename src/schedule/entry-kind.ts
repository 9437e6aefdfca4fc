import type { DateTime } from 'luxon';
import type { TestDay } from './types.js';

/** Known at `now`: from an events file, or read from a post already published then. The past knows nothing of later posts. */
export const knownAt = (t: Pick<TestDay, 'announced'>, now: DateTime): boolean => !t.announced || t.announced <= now;

/** The entries known at `now`. */
export const knownEntries = <T extends Pick<TestDay, 'announced'>>(entries: T[], now: DateTime): T[] => entries.filter((t) => knownAt(t, now));

/** A doc day: listed with test days, labelled, and counted apart from them. */
export const isDocDay = (t: Pick<TestDay, 'kind'>): boolean => t.kind === 'docday';

/** A test day proper: not a doc day, not another event a post announced. Only these are "the next test day". */
export const isTestDay = (t: Pick<TestDay, 'kind'>): boolean => (t.kind ?? 'testday') === 'testday';

/** What an entry of the test-day list is, in replies: "test day", "doc day", "meetup", "summit" … */
export function entryLabel(t: Pick<TestDay, 'kind' | 'what'>): string {
  return t.kind === 'docday' ? 'doc day' : t.kind === 'event' ? (t.what ?? 'event') : 'test day';
}

/** The label, unless the title already says it ("Gazpacho M2 Test Day" needs no ", test day"): each fact once. */
export function labelUnlessSaid(t: Pick<TestDay, 'kind' | 'what' | 'title'>): string | undefined {
  const label = entryLabel(t);
  const words = label.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s-]*');
  return new RegExp(`\\b${words}s?\\b`, 'i').test(t.title) ? undefined : label;
}
