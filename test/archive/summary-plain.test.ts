import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { splitFrontMatter } from '../../src/archive/front-matter.js';
import { firstParagraph, isPlainBlock, lexedParagraphs, plainText, summarise } from '../../src/archive/summary.js';
import { CORPUS_POSTS, describeCorpus } from '../helpers/corpus.js';

const FIXTURES = ['posts', 'classify'].map((d) => fileURLToPath(new URL(`../../../test/fixtures/${d}`, import.meta.url)));

const bodiesIn = (dir: string): string[] => readdirSync(dir).sort().map((name) => splitFrontMatter(readFileSync(join(dir, name), 'utf8'), () => ({})).content);

const blocksOf = (body: string) => body.split(/\n[ \t]*\n/).filter((b) => b.trim() !== '');

/** The summary as it was made before plain blocks were recognised: every block lexed. */
const lexedSummary = (body: string) => summarise(body.split(/\n[ \t]*\n/, 12).filter((b) => b.trim() !== '').flatMap(lexedParagraphs));

/** A plain block reads as the lexer reads it: one paragraph, its own words (a link's words for the link). */
function assertReadAlike(block: string): void {
  const text = plainText(block);
  if (text !== undefined) assert.deepEqual([text.replace(/\s+/g, ' ').trim()], lexedParagraphs(block), JSON.stringify(block));
}

describe('a summary without lexing the blocks that are plain words', () => {
  it('takes a block of plain sentences for a paragraph', () => {
    assert.ok(isPlainBlock('\nToday, we are releasing packages (for RHEL 6.4) - "at last"!\nSee the notes: 100% done.'));
  });

  it('leaves to the lexer what Markdown reads otherwise: lists, headings, underlines, links, emphasis, entities, addresses', () => {
    for (const block of [
      'Foo\n- bar',
      'Foo\n1. bar',
      'Foo\n===',
      'Foo\n---',
      '    code',
      'Foo\n    bar',
      '# Heading',
      '> quoted',
      '![an image](http://example.org/a.png)',
      'Look![an image](a.png)',
      '[a definition]: http://example.org',
      '[a reference][1]',
      '[a link](http://example.org "with a title")',
      '[a link](<http://example.org>)',
      '[a [nested] link](http://example.org)',
      'see [a link](http://example.org) at http://example.org',
      'some *emphasis*',
      'snake_case_words',
      'A &amp; B',
      'see http://example.org.',
      'see www.example.org',
      'mail ana@example.org',
      'a `span`',
      'a \\* star',
      '<p>html</p>',
      'a | table',
      'Foo\n',
      'Foo\r\nbar',
      'tab\there',
    ]) {
      assert.equal(isPlainBlock(block), false, JSON.stringify(block));
      assertReadAlike(block);
    }
  });

  it('reads a plain block as the lexer does, line breaks and links and all', () => {
    for (const block of [
      '[a link](http://example.org)',
      '\nSee [the post](https://example.org/a_b*c?d=1&e=2#f) now.',
      'see (a [b](c)) and [d](e).',
      'a [b](c) d)',
      'Foo  \nbar',
      'Foo\nbar:baz',
      '\n\nHi all,',
      'Done. Next: 2 items - maybe (3).',
      'A\nB\nC',
      "It's \"quoted\" - isn't it?",
    ]) {
      assert.ok(isPlainBlock(block), JSON.stringify(block));
      assertReadAlike(block);
    }
  });

  it('on the fixtures: every plain block as the lexer reads it, every summary as before', () => {
    for (const body of FIXTURES.flatMap(bodiesIn)) {
      for (const block of blocksOf(body)) assertReadAlike(block);
      assert.equal(firstParagraph(body), lexedSummary(body));
    }
  });
});

describeCorpus('a summary without lexing plain blocks, over the RDO blog', () => {
  it('reads every plain block as the lexer does, and gives every summary as before', () => {
    for (const body of bodiesIn(CORPUS_POSTS)) {
      for (const block of blocksOf(body)) assertReadAlike(block);
      assert.equal(firstParagraph(body), lexedSummary(body));
    }
  });
});
