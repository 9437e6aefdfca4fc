import type { TestDay } from './types.js';

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
