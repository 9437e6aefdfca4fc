import type { DateTime } from 'luxon';
import type { Reply, ReplyField } from '../core/types.js';
import { withTimesSync } from '../core/times.js';
import { localTimeText, relative } from './format.js';
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
 * The message a channel gets: name, time, where, agenda/details link and chair; a person's own reminder also gives
 * the time in their zone. The times are noted on the reply, for adapters that show them natively.
 */
export function reminderReply(r: PlannedReminder, now: DateTime): Reply {
  return withTimesSync(() => buildReply(r, now));
}

function buildReply(r: PlannedReminder, now: DateTime): Reply {
  if (r.subject.kind === 'note') return r.subject.reply(now);
  if (r.subject.kind === 'meeting') {
    const o = r.subject.occurrence;
    const m = o.meeting;
    const fields: ReplyField[] = [
      { label: 'when', value: timeText(o.start, o.schedule.zone) },
      { label: 'where', value: o.location },
      ...(m.agendaUrl ? [{ label: 'agenda', value: m.agendaUrl }] : []),
      ...(m.chair ? [{ label: 'chair', value: m.chair }] : []),
    ];
    const tail = [m.agendaUrl ? `agenda: ${m.agendaUrl}` : '', m.chair ? `chair: ${m.chair}` : ''].filter(Boolean).join(', ');
    const yours = r.zone && r.zone !== o.schedule.zone && r.zone !== 'UTC' ? ` (${localTimeText(o.start, r.zone)} your time)` : '';
    return {
      kind: 'notice',
      text: `Reminder: ${m.name} ${startsText(o.start, now)}, ${timeText(o.start, o.schedule.zone)}${yours}, in ${o.location}${tail ? ` (${tail})` : ''}`,
      link: m.agendaUrl,
      fields,
      items: [{ title: m.name, link: m.agendaUrl, meta: `${timeText(o.start, o.schedule.zone)}, ${o.location}`, when: o.start, fields }],
    };
  }
  const t = r.subject.testDay;
  const fields: ReplyField[] = [
    { label: 'from', value: timeText(t.start, 'UTC') },
    { label: 'to', value: timeText(t.end, 'UTC') },
    ...(t.location ? [{ label: 'where', value: t.location }] : []),
    ...(t.link ? [{ label: 'details', value: t.link }] : []),
  ];
  return {
    kind: 'notice',
    text: `Reminder: ${t.title} ${startsText(t.start, now)}, ${timeText(t.start, 'UTC')} to ${timeText(t.end, 'UTC')}${t.location ? `, ${t.location}` : ''}${t.link ? ` (details: ${t.link})` : ''}`,
    link: t.link,
    fields,
    items: [{ title: t.title, link: t.link, meta: `${timeText(t.start, 'UTC')} to ${timeText(t.end, 'UTC')}`, when: t.start, fields }],
  };
}

/** One line for `!reminders`: what, when it fires, where. */
export function reminderTitle(r: PlannedReminder): string {
  if (r.subject.kind === 'note') return r.subject.title;
  return r.subject.kind === 'meeting' ? r.subject.occurrence.meeting.name : r.subject.testDay.title;
}
