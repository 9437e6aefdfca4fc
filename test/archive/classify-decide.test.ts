import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Classifier, type Classifiable, type ClassifyConfig, type ClassifyRule } from '../../src/archive/classify/classify.js';
import { POST_KIND_NAMES } from '../../src/archive/classify/post-kinds.js';
import type { ClassifyField } from '../../src/archive/classify/rule-types.js';
import { readPost } from '../../src/archive/parse-post.js';
import { DEFAULT_PERMALINK } from '../../src/archive/permalink.js';
import { CORPUS_POSTS, describeCorpus } from '../helpers/corpus.js';

const FIXTURES = ['posts', 'classify'].map((d) => fileURLToPath(new URL(`../../../test/fixtures/${d}`, import.meta.url)));

function postsIn(dir: string): Classifiable[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const read = readPost(join(dir, name), name, readFileSync(join(dir, name), 'utf8'), { permalink: DEFAULT_PERMALINK, includeHidden: true });
      return 'post' in read ? [read.post] : [];
    });
}

/** What explain() decides, in classify()'s shape. */
const explained = (c: Classifier, post: Classifiable) => {
  const { kinds, person } = c.explain(post);
  return { kinds, person };
};

/** A small deterministic generator (the tests must not depend on the clock or on Math.random). */
function lcg(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

const WORDS = ['chat', 'talk', 'meeting', 'test day', 'summary', 'minutes', 'join us', 'Ana Example', 'agenda'];
const FIELDS: ClassifyField[] = ['title', 'tags', 'lead', 'body', 'media'];

/** Rule sets no one would write, to reach what the built-in ones do not: ties in a group, signs mixed, low thresholds. */
function inventedConfig(next: (n: number) => number): ClassifyConfig {
  const rules: ClassifyRule[] = Array.from({ length: 4 + next(14) }, () => {
    const field = FIELDS[next(FIELDS.length)];
    const word = WORDS[next(WORDS.length)];
    const pattern = field === 'media' ? `^${['audio', 'video', 'player'][next(3)]}$` : next(4) === 0 ? String.raw`(?:with|:)\s+(?<person>{NAMES})` : word;
    return {
      kind: POST_KIND_NAMES[next(POST_KIND_NAMES.length)],
      field,
      pattern,
      weight: next(9) - 4,
      ...(next(3) === 0 ? { group: `g${next(2)}` } : {}),
      ...(next(5) === 0 ? { min: 1 + next(3) } : {}),
    };
  });
  return { threshold: next(7) - 2, thresholds: next(2) ? { meeting: next(5) - 1 } : undefined, rules, macros: { NAME: String.raw`[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?`, NAMES: '{NAME}' } };
}

const INVENTED: Classifiable[] = [
  { title: 'A chat with Ana Example', tags: ['podcast'], body: 'Join us for a talk.\n\nMinutes: none.', media: [{ kind: 'audio' }] },
  { title: 'Community meeting summary', tags: [], body: 'The agenda, the minutes and a test day chat.', media: [] },
  { title: 'Test day: join us', tags: ['testday'], body: 'Talk, talk, talk with Bo Exemple about the meeting.', media: [{ kind: 'video' }, { kind: 'video' }] },
  { title: 'Nothing at all', tags: [], body: '', media: [] },
  { title: 'Interview: Ana Example', tags: ['rdo'], body: 'I had a chat with Ana Example.\n\nchat chat chat', media: [{ kind: 'player' }] },
];

describe('classify() decides as explain() does, trying fewer rules', () => {
  it('on the fixtures, with the built-in rules', () => {
    const c = new Classifier();
    for (const dir of FIXTURES) for (const post of postsIn(dir)) assert.deepEqual(c.classify(post), explained(c, post), `${(post as { source?: string }).source}`);
  });

  it('with invented rules: groups and their ties, negative weights, thresholds at or below zero, repeated matches', () => {
    const next = lcg(31);
    for (let round = 0; round < 300; round++) {
      const c = new Classifier(inventedConfig(next));
      for (const post of INVENTED) assert.deepEqual(c.classify(post), explained(c, post), `round ${round}: ${post.title}`);
    }
  });

  it('does not read the body when the title has decided', () => {
    const c = new Classifier({
      threshold: 2,
      rules: [
        { kind: 'meeting', field: 'title', pattern: 'meeting', weight: 3 },
        { kind: 'meeting', field: 'body', pattern: 'agenda', weight: -1 },
        { kind: 'meeting', field: 'lead', pattern: 'agenda', weight: 1 },
      ],
    });
    let reads = 0;
    const post: Classifiable = {
      title: 'Weekly meeting',
      tags: [],
      media: [],
      get body() {
        reads++;
        return 'The agenda.';
      },
    };
    assert.deepEqual(c.classify(post), { kinds: ['meeting'], person: undefined });
    assert.equal(reads, 0);
    assert.deepEqual(c.explain(post).kinds, ['meeting']);
    assert.ok(reads > 0);
  });
});

describeCorpus('classify() decides as explain() does over the RDO blog', () => {
  it('for every post, kinds and person alike', () => {
    const c = new Classifier();
    for (const post of postsIn(CORPUS_POSTS)) assert.deepEqual(c.classify(post), explained(c, post), (post as { source?: string }).source);
  });
});
