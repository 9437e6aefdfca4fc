import { z } from '../base/zod.js';
import { SCALAR, typedFields, type TypedFields } from '../base/typed-fields.js';

/**
 * The one schema of a post's front matter: every value the bot takes from it, with the types it accepts. Anything else
 * (`title: {toString: 1}`, `author:` as a mapping, `tags:` as a list of mappings) is a warning naming the field, and
 * the post is skipped: a post whose title or author is not what it says would be shown wrongly.
 */
const words = z.union([z.string(), z.number().finite()]).transform(String);

export const FRONT_MATTER = {
  title: SCALAR,
  /** One author, or several as a list (`author: [Ana, Joe]`, shown "Ana, Joe"). */
  author: z.union([words, z.array(words)]).transform((a) => (Array.isArray(a) ? a.join(', ') : a)).describe('text or a list of names'),
  /** A list, a comma string (`'openstack, rdo, '`) or a single word; empty items are dropped. */
  tags: z
    .union([words.transform((t) => t.split(',')), z.array(words.nullable()).transform((l) => l.filter((t): t is string => t !== null))])
    .describe('text or a list of words'),
  /** Only `false` (or 'false') hides a post, as Middleman read it. */
  published: z.union([z.boolean(), words]).transform((p) => p !== false && p !== 'false').describe('true or false'),
  /** Read by parsePostDate (dates.ts), zones and all. */
  date: z.union([z.string(), z.number().finite(), z.date()]).describe('a date such as 2016-06-02 10:00:00 UTC'),
} as const;

export type PostFields = TypedFields<typeof FRONT_MATTER>;

/** The front matter's fields, typed; `wrong(field, reason)` hears of each left out. */
export const postFields = (data: Record<string, unknown>, wrong: (field: keyof typeof FRONT_MATTER, reason: string) => void): PostFields =>
  textFields(data) ?? typedFields(data, FRONT_MATTER, wrong);

/**
 * What the schema makes of the fields nearly every post has, all text (tags a list of text, `published` true or
 * false), said without running it: a tenth of the cost of reading a post went to it. Undefined for anything else,
 * which the schema reads. Pinned against the schema in test/archive/front-matter-lines.test.ts.
 */
function textFields(data: Record<string, unknown>): PostFields | undefined {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(FRONT_MATTER) as (keyof typeof FRONT_MATTER)[]) {
    if (!Object.hasOwn(data, key)) continue;
    const value = data[key];
    if (value === null || value === undefined) continue;
    if (key === 'published') {
      if (typeof value !== 'boolean' && typeof value !== 'string') return undefined;
      out.published = value !== false && value !== 'false';
    } else if (key === 'tags') {
      if (typeof value === 'string') out.tags = value.split(',');
      else if (Array.isArray(value) && value.every((t) => typeof t === 'string')) out.tags = [...(value as string[])];
      else return undefined;
    } else if (typeof value === 'string') out[key] = value;
    else return undefined;
  }
  return out as PostFields;
}

/**
 * How many values front matter may hold once its aliases are expanded: a real post's front matter is a dozen; a
 * 487-byte alias bomb is 10^8.
 */
export const FRONT_MATTER_MAX_NODES = 10_000;
