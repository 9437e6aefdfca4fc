import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORE_SCHEMA, load } from 'js-yaml';
import { splitFrontMatter } from '../../src/archive/front-matter.js';
import { onlyText, resolved, resolvedByTypes, simpleMapping } from '../../src/archive/front-matter-lines.js';
import fc from 'fast-check';
import { FRONT_MATTER, postFields } from '../../src/archive/front-matter-schema.js';
import { typedFields } from '../../src/base/typed-fields.js';
import { CORPUS_POSTS, describeCorpus } from '../helpers/corpus.js';

const FIXTURES = ['posts', 'classify', 'hostile/posts'].map((d) => fileURLToPath(new URL(`../../../test/fixtures/${d}`, import.meta.url)));

/** What js-yaml makes of a text: the value, or that it refuses it. */
function parsed(text: string): unknown {
  try {
    return { value: load(text, { schema: CORE_SCHEMA }) };
  } catch {
    return 'refused';
  }
}

/** Read without the parser, a text is read as the parser reads it; a text it leaves alone is the parser's. */
function assertAsTheParser(text: string): boolean {
  const simple = simpleMapping(text);
  if (simple !== undefined) assert.deepEqual({ value: simple }, parsed(text), JSON.stringify(text));
  return simple !== undefined;
}

/** Every front-matter block of a directory's post files. */
function blocksIn(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const blocks: string[] = [];
    try {
      splitFrontMatter(readFileSync(join(dir, name), 'utf8'), (block) => (blocks.push(block), {}));
    } catch {
      // not front matter this reader reads
    }
    return blocks;
  });
}

/** A small deterministic generator (no clock, no Math.random). */
function lcg(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

describe('front matter read without the YAML parser', () => {
  it('reads the usual lines as the parser does: text, dates, numbers, booleans, nothing, quoted text', () => {
    const text = "\ntitle: RDO: what's new\ndate: 2016-05-06 20:08:42 UTC\nauthor: rbowen\ntags: rdo, openstack\npublished: false\ncount: 12\nempty:\nquoted: 'it''s: here'\ndouble: \"a # b: c\"\n";
    assert.equal(simpleMapping(text), undefined, 'a value with ": " inside is not plain');
    const usual = '\ntitle: What did you do in Mitaka? Adam Young\ndate: 2017-03-18 05:53:00 UTC\nauthor: rbowen\ntags: rdo, openstack\npublished: false\ncount: 12\nratio: 1.5e3\nempty:\nnothing: ~\nquoted: \'it\'\'s: here\'\ndouble: "a # b: c"\nTrue: key\n';
    assert.ok(assertAsTheParser(usual));
    assert.deepEqual(simpleMapping(usual), {
      title: 'What did you do in Mitaka? Adam Young',
      date: '2017-03-18 05:53:00 UTC',
      author: 'rbowen',
      tags: 'rdo, openstack',
      published: false,
      count: 12,
      ratio: 1500,
      empty: null,
      nothing: null,
      quoted: "it's: here",
      double: 'a # b: c',
      true: 'key',
    });
  });

  it('leaves to the parser what it reads otherwise: lists, comments, anchors, tags, escapes, folded lines, keys said twice', () => {
    for (const text of [
      'tags:\n  - a\n  - b',
      'tags: [a, b]',
      'title: a # comment',
      'title: &x a\nother: *x',
      'title: !!str 12',
      'title: "a\\tb"',
      'title: one\n  two',
      'title: a\ntitle: b',
      'True: a\ntrue: b',
      'title: a:',
      'title:  two spaces',
      'title: trailing ',
      'title:\tTab',
      'title: |\n  block',
      '# comment\ntitle: a',
      '---\ntitle: a',
      'title: a\r\nother: b',
      'just text',
      'title: \u0001',
      'title: \ud83d\ude00',
      '',
      '\n\n',
    ]) {
      assert.equal(simpleMapping(text), undefined, JSON.stringify(text));
    }
  });

  it('on invented lines of every troublesome character: what it reads, the parser reads alike', () => {
    const next = lcg(7);
    const pieces = ['title', 'True', 'null', '12', '0x1F', '.5', '-', ':', ' ', "'", '"', '#', '~', 'a', 'é', ',', '[', '?', '%', '@', '!', '&', '*', '|', '>', '\\', 'e3', '_'];
    let read = 0;
    for (let i = 0; i < 20000; i++) {
      const lines = Array.from({ length: 1 + next(3) }, () => {
        const value = Array.from({ length: next(6) }, () => pieces[next(pieces.length)]).join('');
        return `${['title', 'date', 'True', 'a-b', 'x_1'][next(5)]}:${next(4) ? ' ' : ''}${value}`;
      });
      if (assertAsTheParser(`\n${lines.join('\n')}`)) read++;
    }
    assert.ok(read > 2000, `only ${read} of the invented texts were of the simple shape`);
  });

  it('takes a plain scalar for text without asking the types only when every type says it is text', () => {
    const chars = [...'0123456789+-._~nNtTfFrRuUeElLsSaAxXoObBiIyY:# \u00e9'];
    const scalars = fc.oneof(
      fc.array(fc.constantFrom(...chars), { maxLength: 8 }).map((c) => c.join('')),
      fc.constantFrom('~', 'null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'falsey', '.inf', '-.Inf', '.NaN', '0x1F', '0o17', '0b101', '1_000', '1e3', '+12', '.5', '', 'title', 'tags', 'nulls', 'Trues', '~~'),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(scalars, (text) => {
        assert.deepEqual(resolved(text), resolvedByTypes(text));
        if (onlyText(text)) assert.equal(resolvedByTypes(text), text);
      }),
      { numRuns: 5000 },
    );
  });

  it('on the fixtures, hostile posts included', () => {
    for (const block of FIXTURES.flatMap(blocksIn)) assertAsTheParser(block);
  });
});

describe("a post's fields typed without running the schema", () => {
  /** The fields and the warnings, as postFields gives them and as the schema does. */
  const both = (data: Record<string, unknown>) => {
    const ours: string[] = [];
    const theirs: string[] = [];
    return [
      { fields: postFields(data, (k, r) => ours.push(`${k}: ${r}`)), wrong: ours },
      { fields: typedFields(data, FRONT_MATTER, (k, r) => theirs.push(`${k}: ${r}`)), wrong: theirs },
    ];
  };

  it('types every value as the schema does, the usual ones and the odd', () => {
    const values = ['text', 'a, b,', '', 'false', 'true', 12, 1.5, Infinity, NaN, true, false, null, undefined, ['a', 'b'], ['a', null], [1, 'b'], [], [['x']], {}, { a: 1 }, new Date(0)];
    for (const key of ['title', 'author', 'tags', 'published', 'date', 'other']) {
      for (const value of values) {
        const [ours, schema] = both({ title: 'T', [key]: value });
        assert.deepEqual(ours, schema, `${key}: ${String(value)}`);
      }
    }
  });

  it("on the fixtures' and the corpus's front matter", () => {
    for (const block of [...FIXTURES, CORPUS_POSTS].flatMap(blocksIn)) {
      const data = parsed(block);
      if (typeof data !== 'object' || data === null || !('value' in data) || typeof data.value !== 'object' || data.value === null) continue;
      const [ours, schema] = both(data.value as Record<string, unknown>);
      assert.deepEqual(ours, schema, block);
    }
  });
});

describeCorpus('front matter read without the YAML parser, over the RDO blog', () => {
  it('reads every block it takes as the parser does, and takes most of them', () => {
    const blocks = blocksIn(CORPUS_POSTS);
    const taken = blocks.filter(assertAsTheParser).length;
    assert.ok(taken > blocks.length * 0.8, `${taken} of ${blocks.length}`);
  });
});
