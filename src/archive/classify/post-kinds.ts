/**
 * The kinds of post the classifier tells apart: the one list every other place is derived from (the `PostKind`
 * type, the config schema, the labels file, `!post why`, `rdobot classify`, the evaluation, the words people use).
 * Adding a kind is one entry here plus its rules in rules.ts; test/archive/post-kinds.test.ts fails on a consumer
 * that forgets one.
 */
export const POST_KINDS = [
  {
    name: 'interview',
    /** What `!post why` and `rdobot classify` call a post of this kind. */
    label: 'interview',
    /** As an adjective: "an interview post", "not an interview, test-day or meeting announcement". */
    short: 'interview',
    /** Its name in a labels file (test/labels/rdo-blog-labels.yaml). */
    labelKey: 'interview',
    /** The words people use for it in a question. */
    words: ['interview', 'podcast'],
  },
  { name: 'testday', label: 'test-day announcement', short: 'test-day', labelKey: 'testday-announcement', words: ['test day', 'testday'] },
  { name: 'meeting', label: 'meeting announcement', short: 'meeting', labelKey: 'meeting-announcement', words: ['meeting'] },
] as const;

export type PostKindEntry = (typeof POST_KINDS)[number];
export type PostKind = PostKindEntry['name'];

/** The names, in table order; a non-empty tuple, as z.enum needs. */
export const POST_KIND_NAMES = POST_KINDS.map((k) => k.name) as [PostKind, ...PostKind[]];

const BY_NAME = new Map<string, PostKindEntry>(POST_KINDS.map((k) => [k.name, k]));

export function postKind(name: PostKind): PostKindEntry {
  return BY_NAME.get(name)!;
}

/** "an interview, test-day or meeting": every kind as adjectives, for "… announcement" sentences. */
export function kindsAsAdjectives(): string {
  const shorts = POST_KINDS.map((k) => k.short);
  const list = shorts.length > 1 ? `${shorts.slice(0, -1).join(', ')} or ${shorts[shorts.length - 1]}` : shorts[0];
  return `${/^[aeiou]/i.test(list) ? 'an' : 'a'} ${list}`;
}
