import { createRequire } from 'node:module';
import type nlpType from 'compromise/two';

/** One word of a question, as the matcher reads it. */
export interface Word {
  /** As typed, without surrounding punctuation (names keep their case). */
  text: string;
  /** Lower case, contractions expanded ("when's" → "when", "is"). */
  normal: string;
  /** The root form: "interviewed" → "interview", "meetings" → "meeting", "met" → "meet". */
  root: string;
  /** compromise's part-of-speech tags (Noun, ProperNoun, Preposition, QuestionWord, Value …). */
  tags: Set<string>;
}

let parser: typeof nlpType | undefined;

/**
 * compromise (tokens, contractions, part-of-speech tags and root forms; pure JavaScript, no model to download) is
 * loaded on the first question, not at start: most lines a bot sees are commands. Its bundled CommonJS build is
 * one file, which loads several times faster than the ESM source tree.
 */
function load(): typeof nlpType {
  parser ??= createRequire(import.meta.url)('compromise/two') as typeof nlpType;
  return parser;
}

/** Load the parser now (at start-up, in the background), so the first question is answered as fast as the rest. */
export function warmUp(): void {
  load()('warm up').compute('root');
}

interface JsonTerm {
  text: string;
  normal: string;
  root?: string;
  implicit?: string;
  tags: string[];
}

export function words(text: string): Word[] {
  const doc = load()(text);
  doc.compute('root');
  // The typings leave out the `root` term option that compute('root') fills in.
  const sentences = (doc.json as (options: object) => unknown)({ terms: { normal: true, root: true } }) as { terms: JsonTerm[] }[];
  const out: Word[] = [];
  for (const s of sentences) {
    for (const t of s.terms) {
      // An expanded contraction has no text of its own ("when's" → when + is): keep its implied word.
      const normal = (t.implicit ?? t.normal).toLowerCase().replace(/^[^\p{L}\p{N}/+:]+|[^\p{L}\p{N}/+:]+$/gu, '');
      if (!normal) continue;
      const surface = t.text.replace(/^[^\p{L}\p{N}/+:]+|[^\p{L}\p{N}/+:]+$/gu, '') || normal;
      out.push({ text: surface, normal, root: (t.root ?? normal).toLowerCase(), tags: new Set(t.tags) });
    }
  }
  return out;
}
