/**
 * A set of first-hour questions (test/fixtures/questions/*.yaml) scored through the real one-shot, `rdobot ask`,
 * as a newcomer would type them. Run directly to print the score:
 *   node dist/test/helpers/question-set.js [first-hour-questions-3.yaml] [--corpus]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import YAML from 'yaml';
import { z } from '../../src/base/zod.js';
import { CORPUS_EVENTS, CORPUS_MEETINGS, CORPUS_POSTS } from './corpus.js';
import { Writable } from 'node:stream';
import { ask as oneShot, reportFailure } from '../../src/main/ask.js';
import { cleanEnv, ROOT } from './run-cli.js';

const Item = z.object({ q: z.string().min(1), want: z.string().min(1), not: z.string().optional() });
const QuestionSet = z.object({ now: z.string(), dead_ends: z.string(), questions: z.array(Item).min(1) });
export type QuestionSet = z.infer<typeof QuestionSet>;
export type Question = z.infer<typeof Item>;

export const FIXTURE_SOURCES = ['--archive', 'test/fixtures/posts', '--events', 'test/fixtures/events', '--meetings', 'test/fixtures/meetings'];
export const CORPUS_SOURCES = ['--archive', CORPUS_POSTS, '--events', CORPUS_EVENTS, '--meetings', CORPUS_MEETINGS];

export function loadQuestionSet(name = 'first-hour-questions-3.yaml'): QuestionSet {
  return QuestionSet.parse(YAML.parse(readFileSync(join(ROOT, 'test/fixtures/questions', name), 'utf8')));
}

/** Why an answer fails the item, or undefined when it is a useful answer. `strict` also applies `want`/`not`. */
export function judge(set: QuestionSet, item: Question, answer: string, strict = true): string | undefined {
  if (!answer.trim()) return 'no answer';
  if (new RegExp(set.dead_ends, 'i').test(answer)) return 'a dead end';
  if (!strict) return undefined;
  if (!new RegExp(item.want, 'im').test(answer)) return `does not match /${item.want}/`;
  if (item.not && new RegExp(item.not, 'im').test(answer)) return `matches /${item.not}/`;
  return undefined;
}

/** A stream that keeps what is written to it. */
function sink(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

/**
 * The one-shot's answer to one question, over `sources`, at the set's pinned now: `rdobot ask` itself (its argument
 * parsing, read-only mode and rendering), run in this process rather than spawned, so a set of 36 takes seconds.
 */
export async function ask(set: QuestionSet, q: string, sources = FIXTURE_SOURCES, now = set.now): Promise<string> {
  const out = sink();
  const err = sink();
  const io = { stdout: out.stream, stderr: err.stream, env: { ...cleanEnv(), LOG_LEVEL: 'silent' }, cwd: ROOT };
  try {
    await oneShot(['--now', now, '--no-cache', ...sources, q], io);
  } catch (e) {
    reportFailure(e, err.stream);
  }
  // An error answer goes to stderr, after any log lines (JSON) about the sources.
  return out.text().trim() || err.text().split('\n').filter((l) => !l.startsWith('{')).join('\n').trim();
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const corpus = args.includes('--corpus');
  const set = loadQuestionSet(args.find((a) => a.endsWith('.yaml')));
  const sources = corpus ? CORPUS_SOURCES : FIXTURE_SOURCES;
  let good = 0;
  for (const item of set.questions) {
    const answer = await ask(set, item.q, sources, corpus ? '2016-03-01T12:00:00Z' : set.now);
    // Over the corpus the fixture's expected names do not apply: an answer counts when it is no dead end.
    const why = judge(set, item, answer, !corpus);
    if (!why) good++;
    console.log(`${why ? 'FAIL' : 'ok  '} ${item.q}\n     → ${answer.split('\n').slice(0, 3).join(' ⏎ ').slice(0, 220)}${why ? `\n     (${why})` : ''}`);
  }
  console.log(`score: ${good}/${set.questions.length}${corpus ? ' (corpus at 2016-03-01, no dead end)' : ''}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
