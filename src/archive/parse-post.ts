import { CORE_SCHEMA, load as loadYaml, YAMLException } from 'js-yaml';
import type { Classifier } from './classify/classify.js';
import { parsePostDate, writtenZone, ZONE_ABBREVIATIONS } from './dates.js';
import { mediaLinks } from './media.js';
import { parseFileName, permalink, type PermalinkConfig } from './permalink.js';
import type { LoadWarning, ParsedPost, Post } from './post.js';
import { classified } from './classify/classify.js';
import { summariseLater } from './lazy-summary.js';
import { cleanLine } from '../core/sanitize.js';
import { splitFrontMatter, type FrontMatter } from './front-matter.js';
import { simpleMapping } from './front-matter-lines.js';
import { FRONT_MATTER_MAX_NODES, postFields, type PostFields } from './front-matter-schema.js';
import { withinNodes } from '../base/typed-fields.js';

export interface ParseOptions {
  permalink: PermalinkConfig;
  classifier: Classifier;
  zoneAbbreviations?: Record<string, number>;
  /** Read posts marked `published: false` too (`rdobot classify` on a draft). */
  includeHidden?: boolean;
  /** Largest post file read, in bytes (default SOURCE_LIMITS.postMaxBytes). */
  maxBytes?: number;
  /** Read files whose links lead outside their directory (RDOBOT_ALLOW_OUTSIDE_LINKS). */
  allowOutside?: boolean;
}

export type ParseResult = { post: Post } | { hidden: true } | { warning: LoadWarning };

/** What a file's text reads as, before classification: what the post cache keeps. */
export type ReadResult = { post: ParsedPost } | { hidden: true } | { warning: LoadWarning };

// js-yaml with the core schema: dates stay text (parsePostDate reads them, zones and all), and it is several
// times lighter than a document-preserving parser when loading ten thousand posts.
// js-yaml shares an alias's value rather than copying it, so loading is cheap; walking it is not: front matter that
// expands past FRONT_MATTER_MAX_NODES (an alias bomb) is refused before anything walks it.
// Front matter of one plain `key: value` a line (nearly every post's) is read without the parser: see simpleMapping.
const yamlEngine = (text: string): object => {
  const data: unknown = simpleMapping(text) ?? loadYaml(text, { schema: CORE_SCHEMA });
  if (!withinNodes(data, FRONT_MATTER_MAX_NODES)) throw new Error(`it holds over ${FRONT_MATTER_MAX_NODES} values once its aliases are expanded`);
  return data !== null && typeof data === 'object' ? data : {};
};

/** Tags come as a list, a comma string (`'openstack, rdo, '`), a single word, or not at all. */
export function parseTags(value: unknown): string[] {
  return tagList(postFields({ tags: value }, () => undefined).tags);
}

const tagList = (raw: string[] = []): string[] => [...new Set(raw.map((t) => cleanLine(t).toLowerCase()).filter((t) => t.length > 0))];

function cleanTitle(value: string | undefined): string {
  // Some titles were written as '… \"quoted\" …' in single-quoted YAML, which keeps the backslashes.
  return cleanLine((value ?? '').replace(/\\(["'])/g, '$1'));
}

/** One post file's text to a Post, or the reason it cannot be one. */
export function parsePost(file: string, name: string, text: string, options: ParseOptions): ParseResult {
  const read = readPost(file, name, text, options);
  return 'post' in read ? { post: classified(read.post, options.classifier) } : read;
}

/** One post file's text to a parsed (not yet classified) post, or the reason it cannot be one. */
export function readPost(file: string, name: string, text: string, options: Omit<ParseOptions, 'classifier'>): ReadResult {
  const names = parseFileName(name);
  if (!names) return { warning: { file, reason: 'not a post file name' } };
  let parsed: FrontMatter;
  try {
    parsed = splitFrontMatter(text, yamlEngine);
  } catch (err) {
    if (err instanceof YAMLException) {
      // mark.line counts from 0 within the YAML; +2 for that and for the opening `---` line.
      const line = err.mark?.line;
      return { warning: { file, line: line === undefined ? undefined : line + 2, reason: `bad front matter: ${err.reason}` } };
    }
    return { warning: { file, reason: `bad front matter: ${(err as Error).message.split('\n')[0]}` } };
  }
  let wrong: LoadWarning | undefined;
  const data: PostFields = postFields(parsed.data, (field, reason) => (wrong ??= { file, line: lineOf(text, field), reason: `${reason}; the post is skipped` }));
  if (wrong) return { warning: wrong };
  if (!options.includeHidden && data.published === false) return { hidden: true };
  const date = parsePostDate(data.date, options.zoneAbbreviations ?? ZONE_ABBREVIATIONS);
  if (typeof date === 'string') return { warning: { file, line: lineOf(text, 'date'), reason: date } };
  const zone = writtenZone(data.date, options.zoneAbbreviations ?? ZONE_ABBREVIATIONS);
  const title = cleanTitle(data.title);
  if (!title) return { warning: { file, line: lineOf(text, 'title'), reason: 'no title' } };
  const body = parsed.content;
  const tags = tagList(data.tags);
  // The summary is worked out when first read (see lazySummary): most posts are never shown.
  const post = {
    source: file,
    slug: names.slug,
    title,
    author: cleanLine(data.author ?? '') || 'unknown',
    date,
    ...(zone ? { zone } : {}),
    tags,
    url: permalink(options.permalink, names.slug, date, names.date),
    body,
    media: mediaLinks(body),
  };
  return { post: summariseLater(post) as ParsedPost };
}

function lineOf(text: string, key: string): number | undefined {
  const index = text.split('\n').findIndex((l) => l.startsWith(`${key}:`));
  return index === -1 ? undefined : index + 1;
}
