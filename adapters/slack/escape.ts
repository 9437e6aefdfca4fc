import { cleanLine } from '../../src/core/sanitize.js';

/**
 * Slack reads `<…>` as links and mentions (`<!channel>`, `<!here>`, `<@U123>`, `<!subteam^S1>`) and
 * `&` as the start of an entity, so untrusted text must carry none of them raw. A word joiner after
 * `@` also keeps clients and other bots from seeing a bare `@channel`/`@here`/`@everyone` as a ping.
 */
const PINGS = /@(channel|here|everyone)\b/gi;

/** Make bare room-wide pings inert, without escaping (for plain_text objects, which Slack shows as is). */
export function defusePings(text: string): string {
  return text.replace(PINGS, '@\u2060$1');
}

/** One line of untrusted text, safe inside a mrkdwn text object or a message's `text`. */
export function escapeMrkdwn(text: string): string {
  return defusePings(cleanLine(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

/** One line of untrusted text for a plain_text object: no markup is parsed there, only pings defused. */
export function plainText(text: string): string {
  return defusePings(cleanLine(text));
}

/** Only web links become Slack links; anything else stays text. Returns the URL escaped for `<url|label>`. */
export function safeLink(link: string | undefined): string | undefined {
  if (!link) return undefined;
  try {
    const url = new URL(link);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    // `|` would end the URL part of `<url|label>`; the WHATWG serialiser leaves it raw.
    return url.href.replace(/&/g, '&amp;').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\|/g, '%7C');
  } catch {
    return undefined;
  }
}

/** A mrkdwn link with an escaped label, or the escaped label alone when the link is not a web URL. */
export function mrkdwnLink(link: string | undefined, label: string): string {
  const href = safeLink(link);
  const text = escapeMrkdwn(label);
  return href ? `<${href}|${text}>` : text;
}

/**
 * Incoming Slack text back to what the user typed: mentions and channel links become readable
 * names, links their URL, and Slack's three entities are undone.
 */
export function slackToPlain(text: string): string {
  return text
    .replace(/<@([A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, name?: string) => `@${name || id}`)
    .replace(/<#([A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, name?: string) => `#${name || id}`)
    .replace(/<!([a-z]+)(?:\^[^|>]*)?(?:\|([^>]*))?>/g, (_m, word: string, label?: string) => label || `@${word}`)
    .replace(/<([^<>|]+)(?:\|[^>]*)?>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
