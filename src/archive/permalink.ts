import type { DateTime } from 'luxon';

export interface PermalinkConfig {
  /** Site root, e.g. https://www.rdoproject.org */
  baseUrl: string;
  /** Path pattern with :year :month :day :slug, e.g. /blog/:year/:month/:slug/ */
  pattern: string;
}

export const DEFAULT_PERMALINK: PermalinkConfig = {
  baseUrl: 'https://www.rdoproject.org',
  pattern: '/blog/:year/:month/:slug/',
};

const POST_FILE = /^(?:(\d{4})-(\d{2})-(\d{2})-)?(.+?)(?:\.html)?\.(?:md|markdown|mkd)$/i;

/** The slug and the date a Middleman post's file name carries (`2016-05-06-some-title.html.md`). */
export function parseFileName(name: string): { slug: string; date?: { year: string; month: string; day: string } } | null {
  const m = POST_FILE.exec(name);
  if (!m) return null;
  const [, year, month, day, slug] = m;
  return { slug, date: year ? { year, month, day } : undefined };
}

export function isPostFile(name: string): boolean {
  return POST_FILE.test(name) && !name.startsWith('.');
}

type PartKey = 'year' | 'month' | 'day' | 'slug';

const KEY = /:(year|month|day|slug)\b/;

/**
 * The last pattern and base cut, as cut: a start makes ten thousand URLs of the same config. The pattern is cut where
 * its keys are: text, key, text, key … text (odd places hold keys).
 */
let last = { pattern: '', pieces: [''], baseUrl: '', base: '' };

function cutConfig({ pattern, baseUrl }: PermalinkConfig): { pieces: string[]; base: string } {
  if (pattern !== last.pattern || baseUrl !== last.baseUrl) last = { pattern, pieces: pattern.split(KEY), baseUrl, base: baseUrl.replace(/\/+$/, '') };
  return last;
}

/** The post's public URL; the file name's date wins over the front matter's, as in Middleman. */
export function permalink(config: PermalinkConfig, slug: string, date: DateTime, fileDate?: { year: string; month: string; day: string }): string {
  const { base, pieces } = cutConfig(config);
  // Made whether the pattern uses it or not: it throws on a lone surrogate, and such a slug is no post's.
  const encoded = encodeURIComponent(slug);
  const part = (key: PartKey): string => {
    if (key === 'slug') return encoded;
    return fileDate?.[key] ?? date.toFormat(key === 'year' ? 'yyyy' : key === 'month' ? 'MM' : 'dd');
  };
  let path = pieces[0];
  for (let i = 1; i < pieces.length; i += 2) path += part(pieces[i] as PartKey) + pieces[i + 1];
  return base + (path.startsWith('/') ? path : `/${path}`);
}
