import type { CommandContext, ReplyItem } from '../core/types.js';
import { isFar, relative, spanWhenText } from '../present/time.js';
import { withoutLink } from '../present/without-link.js';
import { labelUnlessSaid } from '../schedule/entry-kind.js';
import type { TestDay } from '../schedule/types.js';

/** How soon, or how long ago; far off in the future, nothing (the dates already say when). */
function status(t: TestDay, ctx: Pick<CommandContext, 'now'>): string | undefined {
  if (t.start <= ctx.now && ctx.now < t.end) return `running now, ends ${relative(t.end, ctx.now)}`;
  if (t.start > ctx.now) return isFar(t.start, ctx.now) ? undefined : `starts ${relative(t.start, ctx.now)}`;
  return isFar(t.end, ctx.now) ? 'over' : `ended ${relative(t.end, ctx.now)}`;
}

/**
 * One test day, each fact once: kind, dates, how soon, where; the details page is the link. The community page's JSON
 * uses it too, so only the clock and zone are needed.
 */
export function testDayItem(t: TestDay, ctx: Pick<CommandContext, 'now' | 'zone'>): ReplyItem {
  const span = spanWhenText(t.start, t.end, ctx.zone);
  const soon = status(t, ctx);
  return {
    title: t.title,
    link: t.link,
    meta: [labelUnlessSaid(t), span, soon, t.location].filter(Boolean).join(', '),
    summary: withoutLink(t.description, t.link),
    when: t.start,
    fields: [
      { label: 'when', value: span },
      ...(soon ? [{ label: 'status', value: soon }] : []),
      ...(t.location ? [{ label: 'where', value: t.location }] : []),
      ...(t.link ? [{ label: 'details', value: t.link }] : []),
    ],
  };
}
