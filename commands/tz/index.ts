import { definePlugin, type SettingsSchema } from '../../src/plugin/api.js';
import { BUILT_IN, type Services } from '../shared/services.js';
import { tzCommands } from './commands.js';

/** `!tz …`: the time zone a person reads times in. */
export default definePlugin<SettingsSchema, Services>({
  name: 'tz',
  version: BUILT_IN,
  description: 'your time zone: show, set, clear',
  readsSchedule: false,
  commands: ({ services: s }) => tzCommands({ zones: s.zones, defaultZone: s.settings.defaultZone }),
});
