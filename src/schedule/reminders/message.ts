import { DateTime } from 'luxon';
import { cleanLine, truncate } from '../../core/sanitize.js';
import type { Reply, ReplyField } from '../../core/types.js';
import { withTimesSync } from '../../core/times.js';
import { definitionTimeText, localTimeText, placeText, relative, shortWhenText, spanText, spanWhenText, utcShortText } from '../../present/time.js';
import { weekAnswer, type WeekData } from '../week-reply.js';
import { spanOf } from '../week.js';
import type { PlannedReminder } from './plan.js';

/**
 * Every reminder's wording, in one place: a meeting's or a test day's lead reminder, a person's own (`!remind me`),
 * one sent late, the weekly digest, and the name a reminder goes by before it is made.
 */

/** "Now" is only the last (or first) half minute around the start. */
const NOW_WITHIN_MS = 30_000;
/** Sent this long after its due time (after a stop, a crash, an outage), a reminder says it is late. */
const LATE_AFTER_MS = 60_000;
// Bounds for definition text, so that a reminder stays one IRC line even when a title is huge.
const MAX_NAME = 80;
const MAX_PLACE = 100;
const MAX_CHAIR = 40;

/** "starts in 15 min", "starts now", "started 3 min ago": the real time left, to the nearest minute. */
export function startsText(start: DateTime, now: DateTime): string {
  const ms = start.toMillis() - now.toMillis();
  if (Math.abs(ms) < NOW_WITHIN_MS) return 'starts now';
  const span = spanText(ms, Math.round);
  return ms > 0 ? `starts in ${span}` : `started ${span} ago`;
}

/** The one "late" rule, for every kind of reminder. */
export function isLate(due: number, now: DateTime): boolean {
  return now.toMillis() - due >= LATE_AFTER_MS;
}

function heading(r: PlannedReminder, now: DateTime): string {
  return isLate(r.due, now) ? 'Reminder (late):' : 'Reminder:';
}

/** What a person's own reminder (`!remind me`) holds. */
export interface NoteFacts {
  text: string;
  /** Due, and asked, in epoch ms. */
  due: number;
  at: number;
}

/**
 * "Reminder: send the minutes — you asked Fri 20 Nov 13:00 Europe/Paris (12:00 UTC)." in the person's zone (as it is
 * when the reminder goes out, else as it was when they asked); late, when it was due and that the bot was away.
 */
export function noteReply(note: NoteFacts, now: DateTime, zone: string): Reply {
  const late = isLate(note.due, now) ? ` (due ${relative(DateTime.fromMillis(note.due), now, zone)}; I was away)` : '';
  return { kind: 'notice', text: `Reminder: ${note.text}${late} — you asked ${shortWhenText(DateTime.fromMillis(note.at), zone)}.` };
}

/** The weekly digest: the coming seven days as `!week` gives them, under its own heading. */
export function digestReply(week: WeekData, now: DateTime, zone: string): Reply {
  return weekAnswer(week, spanOf(undefined, now, zone)!, now, zone, `The week ahead, times in ${zone}`);
}

/** Before a meeting, to one owner: their open action items from the last one, or that they are all done. */
export function actionsReply(name: string, start: DateTime, actions: string[]): Reply {
  const when = utcShortText(start);
  if (actions.length === 0) return { kind: 'notice', text: `Your actions from ${cleanLine(name)} are all done — see you at ${when}.` };
  // One line: a promised message is exactly one message (on IRC, one protocol line), so the list is in the text.
  const list = actions.map((a) => truncate(cleanLine(a), 200)).join('; ');
  return { kind: 'notice', text: `Before ${cleanLine(name)} (${when}), your open action item${actions.length === 1 ? '' : 's'}: ${list}.` };
}

/** What a reminder is called before it is made (at the instant of its hand-over). */
export function previewReply(r: PlannedReminder): Reply {
  return { kind: 'notice', text: `Reminder: ${reminderTitle(r)}` };
}

/**
 * The message a channel gets, in one line (one IRC line, so it is never cut in half): name, how soon, the time
 * in the definition's zone (and UTC), where, the agenda or details link, the chair. Structured renderers get the
 * same facts as fields. `now` is the instant of hand-over, so the relative time is what is really left.
 * A person's own reminder also gives the time in their zone. The times are noted on the reply, for adapters that
 * show them natively (Slack's date token).
 */
export function reminderReply(r: PlannedReminder, now: DateTime): Reply {
  return withTimesSync(() => buildReply(r, now));
}

function buildReply(r: PlannedReminder, now: DateTime): Reply {
  if (r.subject.kind === 'note') return r.subject.reply(now);
  if (r.subject.kind === 'meeting') {
    const o = r.subject.occurrence;
    const m = o.meeting;
    const name = truncate(m.name, MAX_NAME);
    const place = truncate(o.location, MAX_PLACE);
    const chair = m.chair ? truncate(m.chair, MAX_CHAIR) : undefined;
    const when = definitionTimeText(o.start, o.schedule.zone);
    const fields: ReplyField[] = [
      { label: 'when', value: when },
      { label: 'where', value: place },
      ...(m.agendaUrl ? [{ label: 'agenda', value: m.agendaUrl }] : []),
      ...(chair ? [{ label: 'chair', value: chair }] : []),
    ];
    const tail = [m.agendaUrl ? `agenda: ${m.agendaUrl}` : '', chair ? `chair: ${chair}` : ''].filter(Boolean).join(', ');
    const yours = r.zone && r.zone !== o.schedule.zone && r.zone !== 'UTC' ? ` (${localTimeText(o.start, r.zone)} your time)` : '';
    const meta = `${startsText(o.start, now)}, ${when}${yours}, ${placeText(place)}`;
    return {
      kind: 'notice',
      text: `${heading(r, now)} ${name} ${meta}${tail ? ` (${tail})` : ''}`,
      link: m.agendaUrl,
      items: [{ title: name, link: m.agendaUrl, meta, when: o.start, fields }],
    };
  }
  const t = r.subject.testDay;
  const title = truncate(t.title, MAX_NAME);
  const place = t.location ? truncate(t.location, MAX_PLACE) : undefined;
  const span = spanWhenText(t.start, t.end, 'UTC');
  const fields: ReplyField[] = [
    { label: 'when', value: span },
    ...(place ? [{ label: 'where', value: place }] : []),
    ...(t.link ? [{ label: 'details', value: t.link }] : []),
  ];
  const meta = `${startsText(t.start, now)}, ${span}${place ? `, ${place}` : ''}`;
  return {
    kind: 'notice',
    text: `${heading(r, now)} ${title} ${meta}${t.link ? ` (details: ${t.link})` : ''}`,
    link: t.link,
    items: [{ title, link: t.link, meta, when: t.start, fields }],
  };
}

/** One line for `!reminders`: what, when it fires, where. */
export function reminderTitle(r: PlannedReminder): string {
  if (r.subject.kind === 'note') return r.subject.title;
  return r.subject.kind === 'meeting' ? r.subject.occurrence.meeting.name : r.subject.testDay.title;
}
