import { MINUTES_PAGE_FOOT, minutesPageHead } from '../meetings/page-shell.js';
import type { Html } from './html.js';

/**
 * The minutes' index pages (/meetings/, a room's, a series') in the minutes' own shell. `up` leads from the page to
 * /meetings/ ('' at /meetings/ itself, '../' one level down): every address is relative, so the pages work under a
 * path prefix (`/rdobot/meetings/`).
 */
export function page(title: string, body: Html, up: string): string {
  return `${minutesPageHead(title, `${up}../assets/page.css`)}${body.text}\n${MINUTES_PAGE_FOOT}`;
}
