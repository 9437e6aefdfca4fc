import { definePlugin, type SettingsSchema } from '../../src/plugin/api.js';
import { BUILT_IN, type Services } from '../shared/services.js';
import { postCommands } from './commands.js';

/** `!post …`: the blog posts of the archive. */
export default definePlugin<SettingsSchema, Services>({
  name: 'post',
  version: BUILT_IN,
  description: 'blog posts: the latest, a list, a search, why a post is of its kinds',
  readsSchedule: false,
  commands: ({ services: s }) => postCommands(s.posts),
});
