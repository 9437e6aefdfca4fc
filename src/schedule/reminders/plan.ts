import { DateTime } from 'luxon';
import { isTestDay } from '../entry-kind.js';
import type { Reply } from '../../core/types.js';
import { occurrencesBetween } from '../recurrence.js';
import type { ReminderConfig, Subscription } from './config.js';
import type { Meeting, Occurrence, TestDay } from '../types.js';

export type ReminderSubject =
  | { kind: 'meeting'; occurrence: Occurrence }
  | { kind: 'testday'; testDay: TestDay }
  /** Anything else promised at a time (a one-off reminder, the weekly digest): its text is made at hand-over. */
  | { kind: 'note'; title: string; reply: (now: DateTime) => Reply };

/** One reminder to send: what, where, when. */
export interface PlannedReminder {
  /** Stable identity across restarts and re-plans: subject, its start, the lead time and the target. */
  key: string;
  target: string;
  /** Due instant, epoch milliseconds. */
  due: number;
  leadMinutes: number;
  subject: ReminderSubject;
  /** How late it may still be sent, when not the configured grace period (a digest, a one-off reminder). */
  graceMs?: number;
  /** The recipient's own zone (a person's reminder): the time is also shown in it. */
  zone?: string;
}

export interface Definitions {
  meetings: Meeting[];
  testDays: TestDay[];
}

const iso = (d: DateTime) => d.toUTC().toFormat("yyyy-MM-dd'T'HH:mm'Z'");

/** Subscriptions after the channels' own `!meeting remind on|off` choices. */
export function effectiveSubscriptions(config: ReminderConfig, toggles: Map<string, boolean>): Subscription[] {
  const subs = config.subscriptions.map((s) => (toggles.get(s.target) === false ? { ...s, meetings: [] } : toggles.get(s.target) ? { ...s, meetings: '*' as const } : s));
  for (const [target, on] of toggles) if (on && !subs.some((s) => s.target === target)) subs.push({ target, meetings: '*', testdays: false });
  return subs;
}

/** Every reminder due in [from, to), soonest first (ties by key, so the order is stable). */
export function planReminders(defs: Definitions, subs: Subscription[], config: ReminderConfig, from: number, to: number): PlannedReminder[] {
  const out: PlannedReminder[] = [];
  const everyMeeting = subs.filter((s) => s.meetings === '*').map((s) => s.target);
  const zones = new Map(subs.flatMap((s) => (s.zone ? [[s.target, s.zone] as const] : [])));
  const byMeeting = new Map<string, string[]>();
  for (const s of subs) if (s.meetings !== '*') for (const id of s.meetings) byMeeting.set(id, [...(byMeeting.get(id) ?? []), s.target]);

  for (const meeting of defs.meetings) {
    const targets = [...everyMeeting, ...(byMeeting.get(meeting.id) ?? [])];
    if (targets.length === 0) continue;
    const leads = config.perMeeting[meeting.id] ?? config.meetingLeads;
    if (leads.length === 0) continue;
    const maxLead = Math.max(...leads) * 60_000;
    const minLead = Math.min(...leads) * 60_000;
    const occurrences = occurrencesBetween(meeting, DateTime.fromMillis(from + minLead, { zone: 'utc' }), DateTime.fromMillis(to + maxLead, { zone: 'utc' }));
    for (const occurrence of occurrences) {
      const start = occurrence.start.toMillis();
      for (const lead of leads) {
        const due = start - lead * 60_000;
        if (due < from || due >= to) continue;
        const base = `meeting:${meeting.id}@${iso(occurrence.start)}-${lead}m`;
        for (const target of targets) out.push({ key: `${base}>${target}`, target, due, leadMinutes: lead, subject: { kind: 'meeting', occurrence }, ...(zones.has(target) ? { zone: zones.get(target) } : {}) });
      }
    }
  }

  const testdayTargets = subs.filter((s) => s.testdays).map((s) => s.target);
  if (testdayTargets.length) {
    for (const testDay of defs.testDays) {
      if (!isTestDay(testDay)) continue;
      for (const lead of config.testdayLeads) {
        const due = testDay.start.toMillis() - lead * 60_000;
        if (due < from || due >= to) continue;
        const base = `testday:${testDay.id}@${iso(testDay.start)}-${lead}m`;
        for (const target of testdayTargets) out.push({ key: `${base}>${target}`, target, due, leadMinutes: lead, subject: { kind: 'testday', testDay } });
      }
    }
  }
  return out.sort((a, b) => a.due - b.due || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
