import { definePlugin, type SettingsSchema } from '../../src/plugin/api.js';
import { BUILT_IN, type Services } from '../shared/services.js';
import { calendarCommands } from './commands.js';

/** `!calendar`: the address of the meetings' calendar feed. */
export default definePlugin<SettingsSchema, Services>({
  name: 'calendar',
  version: BUILT_IN,
  description: 'the calendar feed of the meetings',
  commands: ({ services: s }) => calendarCommands({ publicUrl: s.settings.publicUrl, meetings: s.schedule.meetings }),
});
