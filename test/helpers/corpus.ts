/**
 * The real RDO corpus (`../shared/corpus` beside the project, or RDOBOT_CORPUS) is not part of the repository.
 * Suites that need it are declared with `describeCorpus`: where the corpus is missing their tests show up in
 * mocha's output as pending, under a title that says why, instead of failing or passing silently.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Where the corpus is looked for: RDOBOT_CORPUS, else ../shared/corpus beside the project. */
export const CORPUS = resolve(PROJECT_ROOT, process.env.RDOBOT_CORPUS || '../shared/corpus');
export const CORPUS_POSTS = join(CORPUS, 'rdo-blog');
export const CORPUS_EVENTS = join(CORPUS, 'events');
export const CORPUS_MEETINGS = join(CORPUS, 'irc-meetings');

/** True when the corpus is there to test on. */
export const HAVE_CORPUS = existsSync(CORPUS_POSTS) && existsSync(CORPUS_EVENTS) && existsSync(CORPUS_MEETINGS);

export const NO_CORPUS_REASON = `real RDO corpus not found: set RDOBOT_CORPUS (looked in ${CORPUS})`;

/** A suite over the real corpus: runs where it is present, pending with the reason where it is not. */
export function describeCorpus(title: string, body: (this: Mocha.Suite) => void): Mocha.Suite {
  if (HAVE_CORPUS) return describe(`[corpus] ${title}`, body);
  return describe(`[corpus] ${title} — pending: ${NO_CORPUS_REASON}`, function (this: Mocha.Suite) {
    // Hooks and tests are declared but never run: mocha lists every test as pending.
    before(function () {
      this.skip();
    });
    body.call(this);
  });
}
