import { definePlugin, type SettingsSchema } from '../../src/plugin/api.js';
import { BUILT_IN, type Services } from '../shared/services.js';
import { aboutCommands } from './commands.js';

/** `!about` and `!version`: what the bot is and knows, and the plugins it runs. */
export default definePlugin<SettingsSchema, Services>({
  name: 'about',
  version: BUILT_IN,
  description: 'what this bot is, what it knows and the plugins it runs',
  commands: ({ services: s }) =>
    aboutCommands({ version: s.settings.version, notice: s.settings.notice, counts: s.counts, plugins: () => s.plugins().filter((p) => !p.builtIn) }),
});
