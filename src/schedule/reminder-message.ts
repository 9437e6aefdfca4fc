import type { DateTime } from 'luxon';
import type { Reply, ReplyField } from '../core/types.js';
import { localTimeText, placeText, relative, spanWhenText } from './format.js';
import type { PlannedReminder } from './reminder-plan.js';

/** "starts in 15 min", "starts now", "started 3 min ago" (a late reminder after a restart says so). */
function startsText(start: DateTime, now: DateTime): string {
  const ms = start.toMillis() - now.toMillis();
  if (Math.abs(ms) < 60_000) return 'starts now';
  return ms > 0 ? `starts ${relative(start, now)}` : `started ${relative(start, now)}`;
}

/** Local time in the definition's zone, with UTC beside it when that zone is not UTC. */
function timeText(start: DateTime, zone: string): string {
  const local = localTimeText(start, zone);
  return zone === 'UTC' ? local : `${local} (${start.toUTC().toFormat('HH:mm')} UTC)`;
}

/**
 * The message a channel gets, in one line (one IRC line, so it is never cut in half): name, how soon, the time
 * in the definition's zone (and UTC), where, the agenda or details link, the chair. Structured renderers get the
 * same facts as fields.
 */
export function reminderReply(r: PlannedReminder, now: DateTime): Reply {
  if (r.subject.kind === 'meeting') {
    const o = r.subject.occurrence;
    const m = o.meeting;
    const when = timeText(o.start, o.schedule.zone);
    const fields: ReplyField[] = [
      { label: 'when', value: when },
      { label: 'where', value: o.location },
      ...(m.agendaUrl ? [{ label: 'agenda', value: m.agendaUrl }] : []),
      ...(m.chair ? [{ label: 'chair', value: m.chair }] : []),
    ];
    const tail = [m.agendaUrl ? `agenda: ${m.agendaUrl}` : '', m.chair ? `chair: ${m.chair}` : ''].filter(Boolean).join(', ');
    const meta = `${startsText(o.start, now)}, ${when}, ${placeText(o.location)}`;
    return {
      kind: 'notice',
      text: `Reminder: ${m.name} ${meta}${tail ? ` (${tail})` : ''}`,
      link: m.agendaUrl,
      items: [{ title: m.name, link: m.agendaUrl, meta, when: o.start, fields }],
    };
  }
  const t = r.subject.testDay;
  const span = spanWhenText(t.start, t.end, 'UTC');
  const fields: ReplyField[] = [
    { label: 'when', value: span },
    ...(t.location ? [{ label: 'where', value: t.location }] : []),
    ...(t.link ? [{ label: 'details', value: t.link }] : []),
  ];
  const meta = `${startsText(t.start, now)}, ${span}${t.location ? `, ${t.location}` : ''}`;
  return {
    kind: 'notice',
    text: `Reminder: ${t.title} ${meta}${t.link ? ` (details: ${t.link})` : ''}`,
    link: t.link,
    items: [{ title: t.title, link: t.link, meta, when: t.start, fields }],
  };
}

/** One line for `!reminders`: what, when it fires, where. */
export function reminderTitle(r: PlannedReminder): string {
  return r.subject.kind === 'meeting' ? r.subject.occurrence.meeting.name : r.subject.testDay.title;
}
