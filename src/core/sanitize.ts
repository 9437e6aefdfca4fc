/**
 * Text from users and posts is untrusted: it must never carry protocol line breaks,
 * terminal/IRC control codes or bidi overrides into a reply.
 */
// C0 and C1 controls (tab/newline included: replies are re-split by renderers), DEL,
// bidi embeddings/overrides/isolates, zero-width joiners used to hide text, BOM, line/paragraph separators.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text cleanLine would leave as it is: words of visible characters (no control, format, bidi, surrogate or blank
 * character) separated by single spaces. Most titles and links are; one linear match is far cheaper than four replaces.
 */
const SAFE = String.raw`[\x21-\x7e\u00a1-\u167f\u1681-\u1fff\u2010-\u2027\u2030-\u205e\u2070-\u2fff\u3001-\ud7ff\ue000-\ufefe\uff00-\uffff]`;
const ALREADY_CLEAN = new RegExp(`^${SAFE}+(?: ${SAFE}+)*$`);

/**
 * Lines cleaned lately: a bot asked the same thing again and again (a burst of `!interview latest`) cleans the same
 * titles, links and summaries on every answer. Bounded: emptied when full.
 */
const CLEANED = new Map<string, string>();
const CLEANED_MAX = 2048;
/** Longer lines are cleaned each time rather than kept. */
const CLEANED_MAX_CHARS = 1024;

/** One safe line: control characters become spaces, runs of blanks fold to one. */
export function cleanLine(text: string): string {
  const known = CLEANED.get(text);
  if (known !== undefined) return known;
  const clean = ALREADY_CLEAN.test(text) ? text : text.replace(LONE_SURROGATE, '\ufffd').replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  if (text.length <= CLEANED_MAX_CHARS) {
    if (CLEANED.size >= CLEANED_MAX) CLEANED.clear();
    CLEANED.set(text, clean);
  }
  return clean;
}

/** Text shown as said (a meeting's log): control, bidi and zero-width characters become spaces, spacing is kept. */
export function cleanText(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd').replace(UNSAFE, ' ');
}

/** Cut to at most `max` characters (code points), on a word boundary where one is near, with an ellipsis. */
export function truncate(text: string, max: number): string {
  // UTF-16 length is at least the number of code points: short text needs no splitting into characters.
  if (text.length <= max) return text;
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  if (max <= 1) return chars.slice(0, max).join('');
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  const base = space > max * 0.6 ? cut.slice(0, space) : cut;
  return base.replace(/[\s,;:.-]+$/, '') + '…';
}

/** Only web links may become links in markup; `javascript:`, `data:` and relative junk from a feed stay text. */
export function webHref(link: string | undefined): string | undefined {
  if (!link) return undefined;
  try {
    const url = new URL(link);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
