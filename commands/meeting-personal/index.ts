import { definePlugin, type SettingsSchema } from '../../src/plugin/api.js';
import { BUILT_IN, type Services } from '../shared/services.js';
import { personalMeetingCommands } from './commands.js';

/** `!meeting subscribe|unsubscribe|subscriptions`: reminders of meetings sent to a person. */
export default definePlugin<SettingsSchema, Services>({
  name: 'meeting-personal',
  version: BUILT_IN,
  description: 'your own reminders of meetings',
  commands: ({ services: s }) =>
    personalMeetingCommands({
      meetings: s.schedule.meetings,
      subscriptions: s.subscriptions,
      addresses: s.addresses,
      leads: (id) => s.reminders.leadsFor(id),
      changed: () => s.reminders.changed(),
    }),
});
