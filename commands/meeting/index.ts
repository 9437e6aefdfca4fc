import { definePlugin, type SettingsSchema } from '../../src/plugin/api.js';
import { BUILT_IN, type Services } from '../shared/services.js';
import { meetingCommands } from './commands.js';

/** `!meeting next|list|remind`: when the community meets, and a channel's reminders. */
export default definePlugin<SettingsSchema, Services>({
  name: 'meeting',
  version: BUILT_IN,
  description: 'community meetings: the next one, all of them with their schedule, reminders for a channel',
  commands: ({ services: s }) =>
    // The scheduler starts after the commands are built: its controls are read at each call.
    meetingCommands({ meetings: s.schedule.meetings, get reminders() { return s.reminders.control; } }),
});
