import { definePlugin, type SettingsSchema } from '../../src/plugin/api.js';
import { BUILT_IN, type Services } from '../shared/services.js';
import { weekCommands } from './commands.js';

/** `!week`: what happens in the coming days. */
export default definePlugin<SettingsSchema, Services>({
  name: 'week',
  version: BUILT_IN,
  description: 'the coming 7 days: meetings, test days, events',
  commands: ({ services: s }) => weekCommands({ ...s.schedule, archive: s.posts.archive }),
});
