import type { DateTime } from 'luxon';
import type { CommandContext, ReplyItem } from '../core/types.js';
import { placeText, relative, utcClockText, whenText } from '../present/time.js';
import type { Meeting, Occurrence } from '../schedule/types.js';

/** How soon a meeting starts, or that it is running now and until when. */
export function timing(o: Occurrence, now: DateTime): string {
  return o.start <= now ? `running now (started ${relative(o.start, now)}, until ${utcClockText(o.end)})` : relative(o.start, now);
}

/** Chair and description: the second line of an answer, after the facts. */
function about(m: Meeting): string | undefined {
  return [m.chair ? `Chair: ${m.chair}.` : '', m.description ?? ''].filter(Boolean).join(' ') || undefined;
}

/**
 * One occurrence, each fact once: when (local, and UTC), how soon, where; the agenda is the link. The community
 * page's JSON uses it too, so only the clock and zone are needed.
 */
export function occurrenceItem(o: Occurrence, ctx: Pick<CommandContext, 'now' | 'zone'>): ReplyItem {
  const when = whenText(o.start, ctx.zone);
  return {
    title: o.meeting.name,
    link: o.meeting.agendaUrl,
    meta: `${when}, ${timing(o, ctx.now)}, ${placeText(o.location)}`,
    summary: about(o.meeting),
    when: o.start,
    fields: [
      { label: 'when', value: when },
      { label: 'starts', value: timing(o, ctx.now) },
      { label: 'where', value: o.location },
      ...(o.meeting.chair ? [{ label: 'chair', value: o.meeting.chair }] : []),
      ...(o.meeting.agendaUrl ? [{ label: 'agenda', value: o.meeting.agendaUrl }] : []),
    ],
  };
}
