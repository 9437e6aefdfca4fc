import { definePlugin, type SettingsSchema } from '../../src/plugin/api.js';
import { BUILT_IN, type Services } from '../shared/services.js';
import { interviewCommands } from './commands.js';

/** `!interview …`: the interviews of the post archive. */
export default definePlugin<SettingsSchema, Services>({
  name: 'interview',
  version: BUILT_IN,
  description: 'interviews of community members: the latest, a list, a search, one at random',
  readsSchedule: false,
  commands: ({ services: s }) => interviewCommands(s.posts),
});
