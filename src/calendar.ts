import { DateTime } from 'luxon';
import type { Bot } from './app.js';
import { renderCalendar } from './schedule/ical.js';

/** The iCal feed of every meeting and test day the bot knows, for /calendar.ics and `rdobot calendar`. */
export function calendarText(bot: Bot, now: DateTime = bot.options.clock.now()): string {
  return renderCalendar(bot.schedule.meetings, bot.schedule.testDays, { now, name: 'RDO community calendar' });
}
