import { DateTime } from 'luxon';
import type { Schedule } from '../schedule/types.js';
import type { BotView } from '../web/bot-view.js';
import { renderCalendar } from '../schedule/ical.js';
import { knownEntries } from '../schedule/entry-kind.js';

/**
 * Feeds already written, per schedule: the schedule object is replaced as a whole on every reload, so a new one means
 * new sources, and the old texts go with the old object. A text is kept for its UTC day (its window starts 30 days
 * before "now"): a 10,000-entry file costs one build a day, not one per request.
 */
const written = new WeakMap<Schedule, Map<string, string>>();
const MOST_KEPT = 64;

function cached(bot: BotView, key: string, now: DateTime, build: () => string): string {
  let texts = written.get(bot.schedule);
  if (!texts) written.set(bot.schedule, (texts = new Map()));
  const full = `${now.toUTC().toISODate()} ${key}`;
  let text = texts.get(full);
  if (text === undefined) {
    if (texts.size >= MOST_KEPT) texts.clear();
    texts.set(full, (text = build()));
  }
  return text;
}

/** The iCal feed of every meeting and test day the bot knows, for /calendar.ics and `rdobot calendar`. */
export function calendarText(bot: BotView, now: DateTime = bot.clock.now()): string {
  // A test day read from a post published after now is not known yet (`rdobot calendar --now`).
  return cached(bot, '*', now, () => renderCalendar(bot.schedule.meetings, knownEntries(bot.schedule.testDays, now), { now, name: 'RDO community calendar' }));
}

/** One meeting's feed (`/calendar.ics?meeting=<id>`), or null when there is no such meeting. */
export function meetingCalendarText(bot: BotView, id: string, now: DateTime = bot.clock.now()): string | null {
  const meeting = bot.schedule.meetings.find((m) => m.id === id);
  return meeting ? cached(bot, `meeting ${id}`, now, () => renderCalendar([meeting], [], { now, name: meeting.name })) : null;
}

/** What /calendar.ics answers for its query. */
export function calendarFor(bot: BotView, query: URLSearchParams): string | null {
  const id = query.get('meeting');
  return id ? meetingCalendarText(bot, id) : calendarText(bot);
}
