import { VERSION, type Bot } from '../main/compose.js';
import { CommunitySite } from './site.js';

/** The community page over a bot's live data: read at every request, so it follows reloads and watched files. */
export function communitySite(bot: Bot, publicUrl?: string): CommunitySite {
  return new CommunitySite({
    schedule: () => bot.schedule,
    archive: () => bot.archive,
    clock: bot.options.clock,
    version: VERSION,
    publicUrl,
  });
}
