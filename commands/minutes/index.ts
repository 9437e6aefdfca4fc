import { definePlugin, type SettingsSchema } from '../../src/plugin/api.js';
import { BUILT_IN, type Services } from '../shared/services.js';
import { minutesCommands } from './commands.js';

/** `!minutes …`: the minutes of meetings run in channels. */
export default definePlugin<SettingsSchema, Services>({
  name: 'minutes',
  version: BUILT_IN,
  description: 'minutes of meetings run here: the latest, of one meeting, a search',
  readsSchedule: false,
  readsMinutes: true,
  commands: ({ services: s }) => minutesCommands(s.minutes),
});
