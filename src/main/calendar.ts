import { DateTime } from 'luxon';
import type { Bot } from './compose.js';
import { renderCalendar } from '../schedule/ical.js';

/** The iCal feed of every meeting and test day the bot knows, for /calendar.ics and `rdobot calendar`. */
export function calendarText(bot: Bot, now: DateTime = bot.options.clock.now()): string {
  return renderCalendar(bot.schedule.meetings, bot.schedule.testDays, { now, name: 'RDO community calendar' });
}

/** One meeting's feed (`/calendar.ics?meeting=<id>`), or null when there is no such meeting. */
export function meetingCalendarText(bot: Bot, id: string, now: DateTime = bot.options.clock.now()): string | null {
  const meeting = bot.schedule.meetings.find((m) => m.id === id);
  return meeting ? renderCalendar([meeting], [], { now, name: meeting.name }) : null;
}

/** What /calendar.ics answers for its query. */
export function calendarFor(bot: Bot, query: URLSearchParams): string | null {
  const id = query.get('meeting');
  return id ? meetingCalendarText(bot, id) : calendarText(bot);
}
