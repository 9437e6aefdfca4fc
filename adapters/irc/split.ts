/**
 * IRC lines are at most 512 bytes with CR LF, and the server relays ours with our full prefix
 * (":nick!user@host ") in front: the text must fit what is left, counted in UTF-8 bytes.
 */

/** IRC formatting we add on purpose (bold, reset); every other control character goes. */
const BOLD = '\x02';
const RESET = '\x0f';
// C0 except bold/reset, DEL, C1, and the Unicode line/paragraph separators some clients treat as line ends.
const UNSAFE = /[\x00\x01\x03-\x0e\x10-\x1f\x7f-\x9f\u2028\u2029\u0085]/g;

/**
 * The last step before a line is written: nothing in it can end the protocol line early or
 * start a CTCP; a line that ends up empty is dropped by the caller.
 */
export function sanitizeIrc(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ').replace(UNSAFE, ' ');
}

export const utf8Length = (text: string): number => Buffer.byteLength(text, 'utf8');

export interface Prefix {
  nick: string;
  /** Username as the server shows it (with a leading ~ when ident failed); unknown: the longest usual. */
  user?: string;
  /** Host as the server shows it (a cloak, an address); unknown: the longest a host name can be. */
  host?: string;
}

const MAX_USER = 11; // "~" + 10
const MAX_HOST = 63;

/** Bytes left for the text of `COMMAND target :text` once the server has prefixed it. */
export function textBudget(prefix: Prefix, command: string, target: string): number {
  const user = prefix.user ? utf8Length(prefix.user) : MAX_USER;
  const host = prefix.host ? utf8Length(prefix.host) : MAX_HOST;
  // ":" nick "!" user "@" host " " COMMAND " " target " :" text "\r\n"
  const overhead = 1 + utf8Length(prefix.nick) + 1 + user + 1 + host + 1 + command.length + 1 + utf8Length(target) + 2 + 2;
  return 512 - overhead;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Split one line into pieces of at most `maxBytes` UTF-8 bytes. Breaks at a space when one is
 * in the last half of the piece, otherwise between grapheme clusters: never inside a character,
 * never inside an emoji or an accented letter. Pieces are trimmed; none is empty.
 */
export function splitBytes(text: string, maxBytes: number): string[] {
  if (maxBytes < 8) throw new RangeError(`line budget too small: ${maxBytes} bytes`);
  const pieces: string[] = [];
  let rest = text.trim();
  if (utf8Length(rest) <= maxBytes) return rest.length > 0 ? [rest] : [];
  // Room for the bold reopen/close that carryBold may add around a piece.
  if (rest.includes(BOLD)) maxBytes -= 2;
  while (utf8Length(rest) > maxBytes) {
    let bytes = 0;
    let cut = 0; // code units that fit
    let space = -1; // last space that fits
    for (const { segment, index } of graphemes.segment(rest)) {
      const size = utf8Length(segment);
      if (bytes + size > maxBytes) break;
      bytes += size;
      cut = index + segment.length;
      if (segment === ' ') space = index;
    }
    // A single grapheme larger than the budget (pathological combining runs): cut by code point.
    if (cut === 0) cut = codePointCut(rest, maxBytes);
    const end = space > 0 && utf8Length(rest.slice(0, space)) >= maxBytes / 2 ? space : cut;
    pieces.push(rest.slice(0, end).trimEnd());
    rest = rest.slice(end).trimStart();
  }
  if (rest.length > 0) pieces.push(rest);
  return carryBold(pieces);
}

function codePointCut(text: string, maxBytes: number): number {
  let bytes = 0;
  let cut = 0;
  for (const ch of text) {
    const size = utf8Length(ch);
    if (bytes + size > maxBytes) break;
    bytes += size;
    cut += ch.length;
  }
  return Math.max(cut, 1);
}

/**
 * Bold toggles with \x02 and every IRC line starts plain: a piece cut inside a bold run is
 * closed with a reset, and the next one reopens the bold.
 */
function carryBold(pieces: string[]): string[] {
  let open = false;
  return pieces.map((piece) => {
    const text = open ? BOLD + piece : piece;
    open = (text.split(BOLD).length - 1) % 2 === 1 && !text.includes(RESET);
    return open ? text + RESET : text;
  });
}
