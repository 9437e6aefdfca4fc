import type { CommandSpec } from '../src/core/types.js';
import { aboutCommands } from './about.js';
import { actionsCommands } from './actions.js';
import { adminCommands } from './admin.js';
import { calendarCommands } from './calendar.js';
import { interviewCommands } from './interview.js';
import { meetingCommands } from './meeting.js';
import { personalMeetingCommands } from './meeting-personal.js';
import { minutesCommands } from './minutes.js';
import { postCommands } from './post.js';
import { remindCommands } from './remind.js';
import { remindersCommands } from './reminders.js';
import type { Services } from './services.js';
import { testdayCommands } from './testday.js';
import { tzCommands } from './tz.js';
import { weekCommands } from './week.js';

export type { Services } from './services.js';

/** One family of commands (`!meeting …`), built from the services it needs. */
export interface CommandFamily {
  name: string;
  commands: (services: Services) => CommandSpec[];
}

/**
 * Every command family the bot answers, in the order they are registered (which is the order of !help). A new family
 * is one file under commands/ and one line here. The scheduler's controls are getters because it starts after this.
 */
export const COMMAND_FAMILIES: readonly CommandFamily[] = [
  { name: 'interview', commands: (s) => interviewCommands(s.posts) },
  { name: 'post', commands: (s) => postCommands(s.posts) },
  { name: 'about', commands: (s) => aboutCommands({ version: s.settings.version, notice: s.settings.notice, counts: s.counts }) },
  { name: 'meeting', commands: (s) => meetingCommands({ meetings: s.schedule.meetings, get reminders() { return s.reminders.control; } }) },
  { name: 'testday', commands: (s) => testdayCommands({ testDays: s.schedule.testDays }) },
  { name: 'reminders', commands: (s) => remindersCommands({ get upcoming() { return s.reminders.upcoming; } }) },
  { name: 'tz', commands: (s) => tzCommands({ zones: s.zones, defaultZone: s.settings.defaultZone }) },
  { name: 'week', commands: (s) => weekCommands({ ...s.schedule, archive: s.posts.archive }) },
  { name: 'calendar', commands: (s) => calendarCommands({ publicUrl: s.settings.publicUrl, meetings: s.schedule.meetings }) },
  { name: 'remind', commands: (s) => remindCommands({ notes: s.notes, addresses: s.addresses, meetings: s.schedule.meetings, changed: () => s.reminders.changed() }) },
  {
    name: 'meeting-personal',
    commands: (s) =>
      personalMeetingCommands({
        meetings: s.schedule.meetings,
        subscriptions: s.subscriptions,
        addresses: s.addresses,
        leads: (id) => s.reminders.leadsFor(id),
        changed: () => s.reminders.changed(),
      }),
  },
  { name: 'minutes', commands: (s) => minutesCommands(s.minutes) },
  { name: 'actions', commands: (s) => actionsCommands({ store: s.minutes.store, publicRooms: s.minutes.publicRooms }) },
  { name: 'admin', commands: (s) => adminCommands(s.admin) },
];

/** The commands of these families, over one set of services. */
export function composeCommands(families: readonly CommandFamily[], services: Services): CommandSpec[] {
  return families.flatMap((family) => family.commands(services));
}
