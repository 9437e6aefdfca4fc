import { definePlugin, type SettingsSchema } from '../../src/plugin/api.js';
import { BUILT_IN, type Services } from '../shared/services.js';
import { remindersCommands } from './commands.js';

/** `!reminders`: what this channel will be reminded of. */
export default definePlugin<SettingsSchema, Services>({
  name: 'reminders',
  version: BUILT_IN,
  description: 'the reminders planned for this channel',
  commands: ({ services: s }) =>
    remindersCommands({ get upcoming() { return s.reminders.upcoming; } }),
});
