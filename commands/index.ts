import type { RdobotPlugin, SettingsSchema } from '../src/plugin/api.js';
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

/** A built-in family: a plugin handed the whole of Services. */
export type BuiltInPlugin = RdobotPlugin<SettingsSchema, Services>;

/** A family as a plugin of the bot's own version. */
const family = (name: string, commands: (s: Services) => ReturnType<NonNullable<BuiltInPlugin['commands']>>): BuiltInPlugin => ({
  name,
  version: 'built-in',
  commands: (ctx) => commands(ctx.services),
});

/**
 * Every command family the bot answers, in the order they are registered (which is the order of !help). A new family
 * is one file under commands/ and one line here. The scheduler's controls are getters because it starts after this.
 */
export const BUILT_IN_PLUGINS: readonly BuiltInPlugin[] = [
  family('interview', (s) => interviewCommands(s.posts)),
  family('post', (s) => postCommands(s.posts)),
  family('about', (s) => aboutCommands({ version: s.settings.version, notice: s.settings.notice, counts: s.counts })),
  family('meeting', (s) => meetingCommands({ meetings: s.schedule.meetings, get reminders() { return s.reminders.control; } })),
  family('testday', (s) => testdayCommands({ testDays: s.schedule.testDays })),
  family('reminders', (s) => remindersCommands({ get upcoming() { return s.reminders.upcoming; } })),
  family('tz', (s) => tzCommands({ zones: s.zones, defaultZone: s.settings.defaultZone })),
  family('week', (s) => weekCommands({ ...s.schedule, archive: s.posts.archive })),
  family('calendar', (s) => calendarCommands({ publicUrl: s.settings.publicUrl, meetings: s.schedule.meetings })),
  family('remind', (s) => remindCommands({ notes: s.notes, addresses: s.addresses, meetings: s.schedule.meetings, changed: () => s.reminders.changed() })),
  family(
    'meeting-personal',
    (s) =>
      personalMeetingCommands({
        meetings: s.schedule.meetings,
        subscriptions: s.subscriptions,
        addresses: s.addresses,
        leads: (id) => s.reminders.leadsFor(id),
        changed: () => s.reminders.changed(),
      }),
  ),
  family('minutes', (s) => minutesCommands(s.minutes)),
  family('actions', (s) => actionsCommands({ store: s.minutes.store, publicRooms: s.minutes.publicRooms })),
  family('admin', (s) => adminCommands(s.admin)),
];

