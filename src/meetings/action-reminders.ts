import { DateTime } from 'luxon';
import { actionsReply } from '../schedule/reminders/message.js';
import type { Reply } from '../core/types.js';
import { occurrencesBetween } from '../schedule/recurrence.js';
import type { PlannedReminder } from '../schedule/reminders/plan.js';
import type { Meeting } from '../schedule/types.js';
import { personalTarget } from '../state/users-db.js';
import type { MeetingStore } from './store.js';
import { DEFAULT_ACTION_LEAD_MINUTES } from '../config/meetings.js';

export { DEFAULT_ACTION_LEAD_MINUTES } from '../config/meetings.js';

/**
 * Each owner of open actions of a scheduled meeting gets one private message, `lead` minutes before the meeting's
 * next occurrence, listing them. Planned like any reminder and claimed in the one claim ledger
 * (src/delivery/claim-ledger.ts), under a key made of the meeting, the occurrence and the person, so it is handed over
 * once across restarts and never lost. The list is read at hand-over time, so an action done meanwhile is not in it.
 */
export function planActionReminders(store: MeetingStore, meetings: Meeting[], from: number, to: number, leadMinutes = DEFAULT_ACTION_LEAD_MINUTES): PlannedReminder[] {
  const open = store.openActions().filter((a) => a.owner_key !== '' && a.series.startsWith('def:'));
  if (open.length === 0) return [];
  const lead = leadMinutes * 60_000;
  const out: PlannedReminder[] = [];
  const bySeries = new Map<string, Set<string>>();
  for (const a of open) bySeries.set(a.series, (bySeries.get(a.series) ?? new Set()).add(a.owner_key));
  for (const [series, owners] of bySeries) {
    const meeting = meetings.find((m) => `def:${m.id}` === series);
    if (!meeting) continue;
    for (const occurrence of occurrencesBetween(meeting, DateTime.fromMillis(from + lead, { zone: 'utc' }), DateTime.fromMillis(to + lead, { zone: 'utc' }))) {
      const start = occurrence.start.toMillis();
      for (const who of owners) {
        // Only actions given before this reminder is due: one given in the meeting itself waits for the next one.
        const colon = who.indexOf(':');
        const target = personalTarget(who.slice(0, colon), who.slice(colon + 1));
        out.push({
          key: `actions:${meeting.id}@${occurrence.start.toUTC().toFormat("yyyy-MM-dd'T'HH:mm'Z'")}>${target}`,
          target,
          due: start - lead,
          leadMinutes,
          graceMs: lead,
          subject: { kind: 'note', title: `your open actions for ${meeting.name}`, reply: () => actionsReminder(store, series, who, meeting.name, occurrence.start) },
        });
      }
    }
  }
  return out;
}

export function actionsReminder(store: MeetingStore, series: string, who: string, name: string, start: DateTime): Reply {
  const mine = store.openActions(series).filter((a) => a.owner_key === who);
  return actionsReply(name, start, mine.map((a) => a.text));
}
