import assert from 'node:assert/strict';
import { ask, CORPUS_SOURCES, judge, loadQuestionSet } from '../helpers/question-set.js';
import { describeCorpus } from '../helpers/corpus.js';

/**
 * The second set of first-hour questions (issue 32), written before the reader was changed, asked through
 * `rdobot ask` at the set's pinned now over the fixtures. Before the change 14 of 36 got a useful answer; after it,
 * every item passes but the few below, each with the reason it is kept as it is.
 */
const KNOWN_MISSES: Record<string, string> = {
  // The fixture's Lantern SIG meets as needed: "has no scheduled meeting" is the true answer; the question's
  // expectation (a time in Tokyo) was wrong about the data.
  'what time is the lantern meeting in Tokyo time': 'the expectation was wrong about the fixture',
  // A typo in the first word is command syntax gone wrong, answered with "Did you mean !interview?" by design
  // (test/language/questions.test.ts pins it); the set counts that as a dead end.
  'intervew latest': 'a "did you mean" by design',
  // The answer is right ("No minutes yet: no meeting has been recorded here …") but says "no meeting", which the
  // item's `not` was written to catch ("No meeting matches 'minutes last'").
  'where are the minutes of the last meeting': "the item's `not` also matches the right answer",
};

const set = loadQuestionSet();

describe('first-hour questions, third set (issue 32), through rdobot ask', function () {
  this.timeout(60_000);
  const results: { q: string; why?: string }[] = [];

  for (const item of set.questions) {
    const miss = KNOWN_MISSES[item.q];
    it(`${miss ? 'misses (known)' : 'answers'} "${item.q}"`, async () => {
      const why = judge(set, item, await ask(set, item.q));
      results.push({ q: item.q, why });
      if (miss) assert.ok(why, `"${item.q}" passes now: take it off KNOWN_MISSES`);
      else assert.equal(why, undefined, `"${item.q}": ${why}`);
    });
  }

  after(() => {
    const good = results.filter((r) => !r.why).length;
    console.log(`      first-hour questions (3): ${good}/${set.questions.length} (before issue 32: 14/${set.questions.length})`);
  });
});

describeCorpus('first-hour questions, third set, over the real corpus: no dead end', function () {
  this.timeout(120_000);
  it('gives no dead end to at least 33 of the 36 questions at 2016-03-01', async () => {
    let good = 0;
    const misses: string[] = [];
    for (const item of set.questions) {
      const why = judge(set, item, await ask(set, item.q, CORPUS_SOURCES, '2016-03-01T12:00:00Z'), false);
      if (why) misses.push(`${item.q}: ${why}`);
      else good++;
    }
    console.log(`      corpus: ${good}/${set.questions.length} without a dead end`);
    assert.ok(good >= 33, misses.join('\n'));
  });
});
