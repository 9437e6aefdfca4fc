import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeHTML } from 'entities/decode';
import fc from 'fast-check';
import { splitFrontMatter } from '../../src/archive/front-matter.js';
import { fromFirstLines } from '../../src/archive/lead-text.js';
import { leadText } from '../../src/archive/summary.js';
import { CORPUS_POSTS, describeCorpus } from '../helpers/corpus.js';

/** The lead as it was first written: the whole opening through one plain chain of replacements. */
function referenceLead(markdown: string, chars = 800): string {
  const text = markdown
    .slice(0, chars * 3)
    .replace(/<(script|style|iframe|audio|video)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|[*_`])/g, '')
    .replace(/^[ \t]*(?:#{1,6}|>|[-*+]|\d+\.)[ \t]+/gm, '')
    .replace(/\t|[ \t]{2,}/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
  return decodeHTML(text).slice(0, chars);
}

const FIXTURES = ['posts', 'classify'].map((d) => fileURLToPath(new URL(`../../../test/fixtures/${d}`, import.meta.url)));
const bodiesIn = (dir: string): string[] => readdirSync(dir).sort().map((name) => splitFrontMatter(readFileSync(join(dir, name), 'utf8'), () => ({})).content);

/** Pieces of real-shaped Markdown and HTML, and the characters each replacement of the chain turns on. */
const PIECES = [
  'Ana', 'Example', 'spoke', 'with', 'the', 'RDO', 'test day', 'Reminder:', 'über', 'Łódź', 'naïve', '中文', '—', '…', '😀',
  ' ', ' ', ' ', '  ', '   ', '\t', '\t ', ' \t', '\n', '\n', '\n', '\n\n', '\n \n', '\n\t\n', '\r\n', '\r', '\u2028', '\u2029', '\u00a0', '\v', '\f',
  '<b>', '</b>', '<br/>', '<br>', '<p class="x">', '</p>', '<', '>', '<a href="http://x.org/a_b">', '</a>',
  '<script>var a = 1 < 2;</script>', '<SCRIPT>', '</script>', '<style>p { x: 1 }</style>', '<iframe src="https://example.org/e">',
  '</iframe>', '<audio controls src="a.mp3">', '</audio>', '<video>', '</VIDEO>', '<!-- a comment -->',
  '[a link](http://example.org/a_(b))', '[words]', '[', ']', '(', ')', '](', '](http://x.org)', '![an image](a.png)', '![', '!',
  '[Ana Example](https://example.org/~ana)', '[*em*](x)', '[a\nlink](x)',
  '*', '**', '***', '_', '__', '`', '``', '*emphasis*', '__strong__', '`code`', 'snake_case',
  '#', '##', '###### ', '####### ', '# ', '> ', '>', '- ', '-', '+ ', '* ', '1. ', '12.', '3.\t', '  - ', '\t# ', '#*# ', '1_2. ',
  '&amp;', '&lt;', '&gt;', '&#39;', '&#x1F600;', '&nbsp;', '&amp', '&', '&;', '&#;', '&notanentity;', '&copy', '&#169',
];

/** The pieces that leave nothing open (a tag, a link, an image, an entity) for the lines after to close. */
const CLOSED = PIECES.filter((p) => !/[<>[\]()&!]/.test(p) || /^(?:<[^<>]*>|\[[^[\]]*\]\([^()]*\)|!\[[^[\]]*\]\([^()]*\))$/.test(p));

/** Mostly words and line breaks, as openings are, with other pieces among them. */
const markdown = (pieces: string[], maxPieces: number) =>
  fc
    .array(fc.oneof({ arbitrary: fc.constantFrom('word', 'more words', ' ', ' ', '\n', 'é'), weight: 3 }, { arbitrary: fc.constantFrom(...pieces), weight: 1 }), { maxLength: maxPieces, size: 'max' })
    .map((parts) => parts.join(''));

describe('the opening of a post as plain text (leadText)', () => {
  it('drops tags, scripts, link targets, images, emphasis and markers, and keeps paragraphs apart', () => {
    const body = '## Hi *all*\n\nI spoke with [Ana Example](https://example.org) <b>today</b>.\n<script>x()</script>\n\n- one\n- two &amp; three\n\n![a](b.png)\tend';
    assert.equal(leadText(body), 'Hi all\nI spoke with Ana Example today .\none\ntwo & three\n end');
    assert.equal(leadText(body), referenceLead(body));
  });

  it('is bounded: at most `chars` characters, from the first 3 × `chars` of the body', () => {
    const body = 'word '.repeat(2000);
    assert.equal(leadText(body).length, 800);
    assert.equal(leadText(body, 30), referenceLead(body, 30));
  });

  it('gives what the plain chain of replacements gives, from the first lines alone or from the whole opening', () => {
    // Short `chars` make short openings in which the first lines are often enough, or fall just short of it.
    let fromLines = 0;
    fc.assert(
      fc.property(fc.oneof(markdown(PIECES, 120), markdown(CLOSED, 120)), fc.integer({ min: 1, max: 60 }), (body, chars) => {
        const lines = fromFirstLines(body.slice(0, chars * 3), chars);
        if (lines !== undefined) fromLines++;
        return (lines === undefined || lines === referenceLead(body, chars)) && leadText(body, chars) === referenceLead(body, chars);
      }),
      { numRuns: 3000, seed: 20261207 },
    );
    // Both ways were taken often enough to mean something.
    assert.ok(fromLines > 300 && fromLines < 2700, `first lines alone in ${fromLines} of 3000`);
  });

  it('gives what the plain chain gives on long openings of words, lines and links', () => {
    const line = fc.array(fc.constantFrom(...PIECES, 'word', 'word', 'word', 'words and more words', ' ', ' '), { maxLength: 40 }).map((p) => p.join(''));
    const body = fc.array(line, { maxLength: 60 }).map((lines) => lines.join('\n'));
    fc.assert(
      fc.property(body, (text) => leadText(text) === referenceLead(text)),
      { numRuns: 400, seed: 20261208 },
    );
  });

  it('gives what the plain chain gives where a tag, link or image opened in the first lines closes only after them', () => {
    const filler = 'Some words of a paragraph go on here.\n'.repeat(30);
    for (const [open, close] of [
      ['<a href="x"', '>'],
      ['<script>', '</script>'],
      ['<IFRAME src="x">', '</iframe>'],
      ['[a link', '](x)'],
      ['[a link]', '(x)'],
      ['[a link](x', ')'],
      ['![an image', '](a.png)'],
      ['![an image](a.png', ')'],
      ['&amp', ';'],
    ]) {
      for (const at of [0, 600, 1100, 1200]) {
        const body = `${filler.slice(0, at)}${open}\n${filler}${close} after\n${filler}`;
        assert.equal(leadText(body), referenceLead(body), JSON.stringify([open, at]));
      }
    }
  });

  it('gives what the plain chain gives on every fixture post', () => {
    for (const body of FIXTURES.flatMap(bodiesIn)) assert.equal(leadText(body), referenceLead(body));
  });
});

describeCorpus('leadText over the real corpus', () => {
  it('gives what the plain chain of replacements gives on every post', () => {
    for (const body of bodiesIn(CORPUS_POSTS)) assert.equal(leadText(body), referenceLead(body));
  });
});
