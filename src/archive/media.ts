import type { MediaKind, MediaLink } from './post.js';

/** How a media URL is classified, checked in order. */
const MEDIA_TYPES: { kind: MediaKind; pattern: RegExp }[] = [
  { kind: 'audio', pattern: /\.(mp3|ogg|oga|m4a|opus|wav|flac)(\?|#|$)/i },
  { kind: 'video', pattern: /\.(mp4|webm|ogv|mov)(\?|#|$)|youtube\.com\/(embed|watch)|youtu\.be\/|vimeo\.com\//i },
  { kind: 'player', pattern: /podbean\.com\/media\/player|soundcloud\.com\/player|\/embed\//i },
];

/** `at` is within `text` and the text there is `word` (lower case ASCII letters and dots) in any case. */
function wordAt(text: string, at: number, word: string): boolean {
  if (at + word.length > text.length) return false;
  for (let k = 0; k < word.length; k++) {
    const c = text.charCodeAt(at + k);
    if ((c >= 65 && c <= 90 ? c | 0x20 : c) !== word.charCodeAt(k)) return false;
  }
  return true;
}

const TAGS = ['iframe', 'audio', 'video', 'source', 'embed'];
/** The first letters of TAGS and of LINKED_FILE's types, lower case (a letter's code | 0x20 is its lower case's). */
const TAG_STARTS = [...'iavse'].map((c) => c.charCodeAt(0));
const LINKED_FILE = /^(?:mp3|ogg|oga|m4a|opus|mp4|webm)>?\s*$/i;
const FILE_STARTS = [...'mow'].map((c) => c.charCodeAt(0));

/**
 * Where media links are found, each with what every match of it needs (`may`): a body where it finds nothing is not
 * scanned. Most bodies embed nothing; a case-insensitive scan reads the whole body, the checks only the places named.
 * Each check must hold wherever its pattern matches (pinned against the unchecked scan in test/archive/media.test.ts).
 */
const SOURCES: { re: RegExp; may: (body: string) => boolean }[] = [
  {
    re: /<(?:iframe|audio|video|source|embed)\b[^>]*?\ssrc\s*=\s*["']([^"']+)["']/gi,
    // A '<' followed by one of the tags' names.
    may: (body) => {
      for (let at = body.indexOf('<'); at !== -1; at = body.indexOf('<', at + 1)) {
        if (TAG_STARTS.includes(body.charCodeAt(at + 1) | 0x20) && TAGS.some((t) => wordAt(body, at + 1, t))) return true;
      }
      return false;
    },
  },
  {
    re: /\]\(\s*<?([^)\s>]+\.(?:mp3|ogg|oga|m4a|opus|mp4|webm))>?\s*\)/gi,
    // A '](' whose text up to the next ')' (a match holds none before its end) ends in a file type after its last '.'.
    may: (body) => {
      for (let at = body.indexOf(']('); at !== -1; at = body.indexOf('](', at + 2)) {
        const close = body.indexOf(')', at + 2);
        if (close === -1) return false;
        const dot = body.lastIndexOf('.', close);
        if (dot > at + 1 && FILE_STARTS.includes(body.charCodeAt(dot + 1) | 0x20) && LINKED_FILE.test(body.slice(dot + 1, close))) return true;
      }
      return false;
    },
  },
  {
    re: /\bhttps?:\/\/(?:www\.)?(?:youtube\.com\/watch\?v=|youtu\.be\/)[\w-]+/gi,
    // A '://' followed by 'youtu' or 'www.youtu'.
    may: (body) => {
      for (let at = body.indexOf('://'); at !== -1; at = body.indexOf('://', at + 3)) if (wordAt(body, at + 3, 'youtu') || wordAt(body, at + 3, 'www.youtu')) return true;
      return false;
    },
  },
];

function kindOf(url: string, fromPlayerTag: boolean): MediaKind | null {
  for (const t of MEDIA_TYPES) if (t.pattern.test(url)) return t.kind;
  return fromPlayerTag ? 'player' : null;
}

/** Audio, video and embedded players a post links to, in order, each once. `scanAll`: scan without the checks (a test of them). */
export function mediaLinks(body: string, scanAll = false): MediaLink[] {
  const found = new Map<string, MediaLink>();
  SOURCES.forEach(({ re, may }, i) => {
    if (!scanAll && !may(body)) return;
    for (const m of body.matchAll(re)) {
      const raw = m[i === 2 ? 0 : 1];
      const url = raw.startsWith('//') ? `https:${raw}` : raw;
      const kind = kindOf(url, i === 0);
      if (kind && !found.has(url)) found.set(url, { kind, url });
    }
  });
  return [...found.values()];
}
