import { definePlugin, type SettingsSchema } from '../../src/plugin/api.js';
import { BUILT_IN, type Services } from '../shared/services.js';
import { remindCommands } from './commands.js';

/** `!remind …`: one-off reminders people set for themselves. */
export default definePlugin<SettingsSchema, Services>({
  name: 'remind',
  version: BUILT_IN,
  description: 'one-off reminders for yourself',
  commands: ({ services: s }) =>
    remindCommands({ notes: s.notes, addresses: s.addresses, meetings: s.schedule.meetings, changed: () => s.reminders.changed() }),
});
