import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { createBot, type Bot, type BotOptions } from '../../src/main/compose.js';
import { calendarText } from '../../src/main/calendar.js';
import { fixedClock } from '../../src/core/router.js';
import { HttpEndpoint } from '../../src/http/server.js';
import { communitySite } from '../../src/web/bot-site.js';

/** The community page's own fixtures: meetings, test days and posts around October 2026. */
export const PAGE_FIXTURES = fileURLToPath(new URL('../../../test/fixtures/page/', import.meta.url));

/**
 * The page's pinned "now": Wednesday 2026-10-21 14:20 UTC, twenty minutes into the community meeting. The two weeks
 * ahead cross both daylight-saving ends of 2026: Europe on 25 October, the United States on 1 November.
 */
export const PAGE_NOW = DateTime.fromISO('2026-10-21T14:20:00Z', { zone: 'utc' });

/** A bot over the page fixtures (or a fresh copy of them, to change while it runs), clock pinned. */
export async function pageBot(options: { copy?: boolean } & Partial<BotOptions> = {}): Promise<{ bot: Bot; root: string }> {
  const root = options.copy ? mkdtempSync(join(tmpdir(), 'rdobot-page-')) : PAGE_FIXTURES;
  if (options.copy) cpSync(PAGE_FIXTURES, root, { recursive: true });
  const bot = await createBot({
    archiveDirs: [join(root, 'posts')],
    eventsDirs: [join(root, 'events')],
    meetingsDirs: [join(root, 'meetings')],
    clock: fixedClock(PAGE_NOW),
    rateLimits: false,
    ...options,
  });
  return { bot, root };
}

export interface ServedPage {
  /** http://127.0.0.1:port/ */
  url: string;
  stop(): Promise<void>;
}

/** The bot's real HTTP endpoint on loopback, with the community page, as `rdobot run` serves it. */
export async function servePage(bot: Bot, publicUrl?: string): Promise<ServedPage> {
  const http = new HttpEndpoint(bot, { host: '127.0.0.1', port: 0, calendar: () => calendarText(bot), site: communitySite(bot, publicUrl) });
  const port = await http.start();
  return { url: `http://127.0.0.1:${port}/`, stop: () => http.stop() };
}
