import { definePlugin, type SettingsSchema } from '../../src/plugin/api.js';
import { BUILT_IN, type Services } from '../shared/services.js';
import { actionsCommands } from './commands.js';

/** `!actions`: the open action items of meetings run in channels. */
export default definePlugin<SettingsSchema, Services>({
  name: 'actions',
  version: BUILT_IN,
  description: 'open action items from the minutes',
  readsSchedule: false,
  readsMinutes: true,
  commands: ({ services: s }) => actionsCommands(s.minutes),
});
