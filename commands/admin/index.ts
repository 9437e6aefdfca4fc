import { definePlugin, type SettingsSchema } from '../../src/plugin/api.js';
import { BUILT_IN, type Services } from '../shared/services.js';
import { adminCommands } from './commands.js';

/** `!reload`, `!announce`, `!mute`, `!status`, `!sources`: the operators' levers. */
export default definePlugin<SettingsSchema, Services>({
  name: 'admin',
  version: BUILT_IN,
  description: "the operators' levers: reload, announce, mute, status, sources",
  commands: ({ services: s }) => adminCommands(s.admin),
});
