import { definePlugin, type SettingsSchema } from '../../src/plugin/api.js';
import { BUILT_IN, type Services } from '../shared/services.js';
import { testdayCommands } from './commands.js';

/** `!testday …`: the community's test days. */
export default definePlugin<SettingsSchema, Services>({
  name: 'testday',
  version: BUILT_IN,
  description: 'test days: the next one, a list, the one running now',
  commands: ({ services: s }) => testdayCommands({ testDays: s.schedule.testDays }),
});
