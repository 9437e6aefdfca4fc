import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CLASSIFY, expandMacros, type ClassifyRule } from '../../src/archive/classify/classify.js';
import { splitFrontMatter } from '../../src/archive/front-matter.js';
import { leadText } from '../../src/archive/summary.js';
import { CORPUS_POSTS, describeCorpus } from '../helpers/corpus.js';

/**
 * A rule's hint gates its pattern: the pattern is tried only where the hint matches. That changes nothing only if the
 * hint matches wherever the pattern does (a hint that is part of what the pattern needs, such as what follows the name).
 */

const FIXTURES = ['posts', 'classify'].map((d) => fileURLToPath(new URL(`../../../test/fixtures/${d}`, import.meta.url)));
const bodiesIn = (dir: string): string[] => readdirSync(dir).sort().map((name) => splitFrontMatter(readFileSync(join(dir, name), 'utf8'), () => ({})).content);

const HINTED = DEFAULT_CLASSIFY.rules.filter((r) => r.hint !== undefined);

function compiled(rule: ClassifyRule): { pattern: RegExp; hint: RegExp } {
  const flags = `i${rule.field === 'body' ? 'm' : ''}`;
  const macros = DEFAULT_CLASSIFY.macros ?? {};
  return { pattern: new RegExp(expandMacros(rule.pattern, macros), flags), hint: new RegExp(expandMacros(rule.hint!, macros), flags) };
}

/** The rule's field of a body ("lead" or "body": the hinted rules look at text from the body). */
const fieldOf = (rule: ClassifyRule, body: string) => (rule.field === 'lead' ? leadText(body) : body);

/** The texts where a hinted rule's pattern matched, each checked against its hint. */
function assertHintsHold(bodies: string[]): number {
  let matched = 0;
  for (const rule of HINTED) {
    const { pattern, hint } = compiled(rule);
    for (const body of bodies) {
      const text = fieldOf(rule, body);
      if (!pattern.test(text)) continue;
      matched++;
      assert.ok(hint.test(text), `${rule.label}: the pattern matches where the hint does not: ${JSON.stringify(text.slice(0, 200))}`);
    }
  }
  return matched;
}

describe('classify rule hints', () => {
  it('the built-in rules have hints to check', () => {
    assert.ok(HINTED.length > 0);
  });

  it('match wherever their pattern matches, in the openings people write', () => {
    const openings = [
      'Ana Example spoke with us about her work on the installer.',
      'Last week Bo Exemple and Ana Example talked about how the gate works.',
      'Victoria Martínez de la Cruz explains what the release means.',
      'Ihor told us why the team moved, and Ana tells us how their tests run.',
      'Haïkel Guémar, Ana Example & Bo Exemple chatted to me about the PTG.',
      'At the PTG, Ihor Ivanenko spoke about the new CI.',
    ];
    assert.equal(assertHintsHold(openings), openings.length);
  });

  it('match wherever their pattern matches, in the fixture posts', () => {
    assertHintsHold(FIXTURES.flatMap(bodiesIn));
  });
});

describeCorpus('classify rule hints over the RDO blog', () => {
  it('match wherever their pattern matches', () => {
    assertHintsHold(bodiesIn(CORPUS_POSTS));
  });
});
