import type { BotView } from './bot-view.js';
import { CommunitySite, type SiteRequest, type SiteResponse } from './site.js';

/** The community page over a bot's live data: read at every request, so it follows reloads and watched files. */
export function communitySite(bot: BotView, publicUrl?: string): CommunitySite {
  return new CommunitySite({
    schedule: () => ({ ...bot.schedule, runs: bot.minutes.recent?.() ?? [] }),
    archive: () => bot.archive,
    clock: bot.clock,
    version: bot.version,
    publicUrl,
  });
}

/** Everything the bot serves as pages: the minutes (/meetings/…, /api/minutes) first, then the community page. */
export function botSite(bot: BotView, publicUrl?: string): { respond(req: SiteRequest): SiteResponse | null } {
  const community = communitySite(bot, publicUrl);
  return { respond: (req) => bot.minutes.respond(req) ?? community.respond(req) };
}
