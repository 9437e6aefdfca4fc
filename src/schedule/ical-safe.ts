import { cleanLine, webHref } from '../core/sanitize.js';

/**
 * What may go into an iCalendar file from the operator's sources (meeting files, events files, posts), by the rules of
 * RFC 5545. ical-generator escapes the TEXT of SUMMARY, LOCATION and DESCRIPTION, but not the calendar's NAME and
 * X-WR-CALNAME, nor control characters, nor the URL's scheme: a name with a line break in it would add lines (a forged
 * event) and a `javascript:` agenda would become a link in calendar apps. So every value is cleaned here first.
 */

/** One line of text: control characters, bidi overrides and line breaks become spaces (TEXT escaping is then the generator's). */
export const icalLine = (text: string | undefined): string | undefined => (text === undefined ? undefined : cleanLine(text) || undefined);

/** Lines of text joined by line breaks (which the generator escapes as `\n`), each cleaned. */
export const icalLines = (lines: (string | undefined)[]): string => lines.map((l) => (l ? cleanLine(l) : '')).filter(Boolean).join('\n');

/** RFC 5545 section 3.3.11: backslash, semicolon, comma and line breaks escaped; for values the generator writes raw. */
export const escapeText = (text: string): string => cleanLine(text).replace(/[\\;,]/g, (c) => `\\${c}`);

/** Only http(s) addresses become a URL property; anything else (javascript:, data:, file:) is left out. */
export const icalUrl = (url: string | undefined): string | undefined => webHref(url);

/** A UID from an id the sources chose: only letters, digits and `.-_`, so no line, parameter or value can begin in it. */
export const icalUid = (id: string): string => id.replace(/[^\w.-]+/g, '-');
