import type { MediaKind, MediaLink } from './post.js';

/** How a media URL is classified, checked in order. */
const MEDIA_TYPES: { kind: MediaKind; pattern: RegExp }[] = [
  { kind: 'audio', pattern: /\.(mp3|ogg|oga|m4a|opus|wav|flac)(\?|#|$)/i },
  { kind: 'video', pattern: /\.(mp4|webm|ogv|mov)(\?|#|$)|youtube\.com\/(embed|watch)|youtu\.be\/|vimeo\.com\//i },
  { kind: 'player', pattern: /podbean\.com\/media\/player|soundcloud\.com\/player|\/embed\//i },
];

/**
 * Where media links are found, each with text every match of it holds: a body without that text is not scanned (most
 * bodies embed nothing, and each scan reads the whole body).
 */
const SOURCES: { re: RegExp; holds: string }[] = [
  { re: /<(?:iframe|audio|video|source|embed)\b[^>]*?\ssrc\s*=\s*["']([^"']+)["']/gi, holds: '<' },
  { re: /\]\(\s*<?([^)\s>]+\.(?:mp3|ogg|oga|m4a|opus|mp4|webm))>?\s*\)/gi, holds: '](' },
  { re: /\bhttps?:\/\/(?:www\.)?(?:youtube\.com\/watch\?v=|youtu\.be\/)[\w-]+/gi, holds: '://' },
];

function kindOf(url: string, fromPlayerTag: boolean): MediaKind | null {
  for (const t of MEDIA_TYPES) if (t.pattern.test(url)) return t.kind;
  return fromPlayerTag ? 'player' : null;
}

/** Audio, video and embedded players a post links to, in order, each once. */
export function mediaLinks(body: string): MediaLink[] {
  const found = new Map<string, MediaLink>();
  SOURCES.forEach(({ re, holds }, i) => {
    if (!body.includes(holds)) return;
    for (const m of body.matchAll(re)) {
      const raw = m[i === 2 ? 0 : 1];
      const url = raw.startsWith('//') ? `https:${raw}` : raw;
      const kind = kindOf(url, i === 0);
      if (kind && !found.has(url)) found.set(url, { kind, url });
    }
  });
  return [...found.values()];
}
