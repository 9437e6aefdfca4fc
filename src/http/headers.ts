import { CSP } from '../web/site.js';

/**
 * Sent with every response of the bot's endpoint, whatever answers it (health, metrics, calendars, the page, errors,
 * a mounted receiver): nothing it serves may be run as a page from elsewhere, sniffed into another type, or framed.
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
};
