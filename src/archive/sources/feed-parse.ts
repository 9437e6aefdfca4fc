import { decodeHTML } from '../decode-html.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DateTime } from 'luxon';
import type { Classifier } from '../classify/classify.js';
import { mediaLinks } from '../media.js';
import type { MediaLink, Post } from '../post.js';
import { cleanLine, webHref } from '../../core/sanitize.js';
import { summarise } from '../summary.js';
import { z } from '../../base/zod.js';
import { firstLine } from '../../base/first-line.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  parseTagValue: false,
  isArray: (name) => ['item', 'entry', 'category', 'link', 'enclosure', 'media:content', 'author'].includes(name),
});

type Node = Record<string, unknown>;

/** Text of an element that may be a string, a {#text} node, or absent. */
function text(value: unknown): string {
  if (value == null) return '';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return text(value[0]);
  if (typeof value === 'object') return text((value as Node)['#text'] ?? (value as Node).name ?? '');
  return '';
}

const stripHtml = (html: string) => decodeHTML(html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();

/** Summary of an HTML fragment, as plain text: its paragraphs through the same lead-in rules as files (summarise). */
function htmlSummary(html: string): string {
  const paragraphs = [...html.matchAll(/<p\b[^>]*>([\s\S]*?)<\/p>/gi)].map((m) => stripHtml(m[1])).filter(Boolean);
  if (paragraphs.length) return summarise(paragraphs);
  const all = summarise([stripHtml(html)]);
  return all.length > 300 ? `${all.slice(0, 299)}…` : all;
}

function parseDate(value: string): DateTime | null {
  const v = value.trim();
  for (const d of [DateTime.fromRFC2822(v, { zone: 'utc' }), DateTime.fromISO(v, { zone: 'utc', setZone: true }), DateTime.fromHTTP(v, { zone: 'utc' })]) {
    if (d.isValid) return d.toUTC();
  }
  return null;
}

function slugOf(link: string, fallback: string): string {
  try {
    const parts = new URL(link).pathname.split('/').filter(Boolean);
    const last = parts.at(-1);
    if (last) return decodeURIComponent(last).replace(/\.html?$/, '');
  } catch {
    // fall through
  }
  return fallback.replace(/[^\w-]+/g, '-').toLowerCase();
}

/**
 * The one schema of a feed item, as RSS and Atom are read into it (rssItems, atomEntries): the XML parser gives text,
 * nodes or lists of either for any element, and the readers take text from whatever is there; what reaches the posts
 * has passed this.
 */
const FEED_ITEM = z.object({
  id: z.string(),
  title: z.string(),
  link: z.string(),
  date: z.string(),
  author: z.string(),
  tags: z.array(z.string()),
  html: z.string(),
  enclosures: z.array(z.object({ kind: z.enum(['audio', 'video', 'player']), url: z.string() })),
});

type RawItem = z.output<typeof FEED_ITEM>;

const enclosureKind = (type: string, url: string): MediaLink['kind'] =>
  /^audio\//.test(type) || /\.(mp3|ogg|m4a|opus)(\?|$)/i.test(url) ? 'audio' : /^video\//.test(type) ? 'video' : 'player';

function rssItems(channel: Node): RawItem[] {
  return ((channel.item as Node[] | undefined) ?? []).map((item) => {
    const link = text(item.link);
    const enclosures = [...((item.enclosure as Node[] | undefined) ?? []), ...((item['media:content'] as Node[] | undefined) ?? [])]
      .map((e) => ({ url: String(e['@url'] ?? ''), type: String(e['@type'] ?? '') }))
      .filter((e) => e.url)
      .map((e) => ({ kind: enclosureKind(e.type, e.url), url: e.url }));
    return {
      id: text(item.guid) || link || text(item.title),
      title: text(item.title),
      link,
      date: text(item.pubDate) || text(item['dc:date']),
      author: text(item['dc:creator']) || text(item.author),
      tags: ((item.category as unknown[] | undefined) ?? []).map(text),
      html: text(item['content:encoded']) || text(item.description),
      enclosures,
    };
  });
}

function atomEntries(feed: Node): RawItem[] {
  return ((feed.entry as Node[] | undefined) ?? []).map((entry) => {
    const links = ((entry.link as Node[] | undefined) ?? []).map((l) => ({ href: String(l['@href'] ?? ''), rel: String(l['@rel'] ?? 'alternate'), type: String(l['@type'] ?? '') }));
    const link = links.find((l) => l.rel === 'alternate')?.href ?? links[0]?.href ?? '';
    return {
      id: text(entry.id) || link,
      title: text(entry.title),
      link,
      date: text(entry.published) || text(entry.updated),
      author: text((entry.author as Node[] | undefined)?.[0]?.name),
      tags: ((entry.category as Node[] | undefined) ?? []).map((c) => String(c['@term'] ?? text(c))),
      html: text(entry.content) || text(entry.summary),
      enclosures: links.filter((l) => l.rel === 'enclosure').map((l) => ({ kind: enclosureKind(l.type, l.href), url: l.href })),
    };
  });
}

export interface FeedParseResult {
  posts: Post[];
  /** Items that could not be used, with why. */
  skipped: string[];
}

/** An RSS 2.0 or Atom document to posts. Throws an Error with the line for XML that is not well-formed. */
export function parseFeed(xml: string, feedUrl: string, classifier: Classifier, maxItems = Infinity): FeedParseResult {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`line ${valid.err.line}: ${valid.err.msg}`);
  const doc = parser.parse(xml) as Node;
  const rss = doc.rss as Node | undefined;
  const atom = doc.feed as Node | undefined;
  const raw = rss?.channel ? rssItems(rss.channel as Node) : atom ? atomEntries(atom) : null;
  if (!raw) throw new Error('neither an RSS 2.0 <rss><channel> nor an Atom <feed> document');
  const result: FeedParseResult = { posts: [], skipped: [] };
  if (raw.length > maxItems) result.skipped.push(`${raw.length - maxItems} items beyond the first ${maxItems} (RDOBOT_FEED_MAX_ITEMS) left out`);
  for (const given of raw.slice(0, maxItems)) {
    // Each item is checked against its schema, and read on its own: one that cannot be read is skipped, never the feed.
    const checked = FEED_ITEM.safeParse(given);
    if (!checked.success) {
      result.skipped.push(`${cleanLine(String(given.title || given.id || '(untitled)')).slice(0, 80)}: '${checked.error.issues[0].path.join('.')}' is not what a feed item has`);
      continue;
    }
    try {
      const post = itemPost(checked.data, feedUrl, classifier);
      if (typeof post === 'string') result.skipped.push(post);
      else result.posts.push(post);
    } catch (err) {
      result.skipped.push(`${cleanLine(checked.data.title || checked.data.id || '(untitled)').slice(0, 80)}: could not be read (${firstLine(err)})`);
    }
  }
  return result;
}

/** One checked item as a post, or why it cannot be one. */
function itemPost(item: RawItem, feedUrl: string, classifier: Classifier): Post | string {
  const title = cleanLine(decodeHTML(item.title));
  const date = parseDate(item.date);
  // A link that is no web address (javascript:, data:) would reach the API and the calendars: the item is left out.
  const link = webHref(item.link.trim()) ? item.link.trim() : '';
  if (!title || !date || !link) {
    return `${cleanLine(title || item.id || '(untitled)')}: ${!date ? 'no readable date' : !item.link ? 'no link' : !link ? 'its link is no http(s) address' : 'no title'}`;
  }
  const body = item.html;
  const enclosures = item.enclosures.filter((e) => webHref(e.url));
  const media = [...enclosures, ...mediaLinks(body).filter((m) => !enclosures.some((e) => e.url === m.url))];
  const tags = [...new Set(item.tags.map((t) => cleanLine(t).toLowerCase()).filter(Boolean))];
  const { kinds, person } = classifier.classify({ title, tags, body, media });
  return {
    source: `${feedUrl}#${item.id}`,
    slug: slugOf(link, title),
    title,
    author: cleanLine(item.author) || 'unknown',
    date,
    tags,
    url: link,
    summary: htmlSummary(body),
    body: stripHtml(body),
    media,
    kinds,
    person,
  };
}
