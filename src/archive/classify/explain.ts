import type { Explanation, KindScore } from './classify.js';
import { postKind } from './post-kinds.js';

/** "interview: yes, 9 (needs 4)". */
export function verdict(s: KindScore): string {
  return `${postKind(s.kind)?.label ?? s.kind}: ${s.score >= s.threshold && s.evidence.length ? 'yes' : 'no'}, ${s.score} (needs ${s.threshold})`;
}

/** "+2 title: a person talking about a topic “Flavio Percoco talks”". */
export function evidenceText(s: KindScore): string[] {
  return s.evidence.map((e) => `${e.weight > 0 ? '+' : ''}${e.weight} ${e.label} “${e.match}”`);
}

/** Each kind some rule spoke of, as one label/value pair: the verdict, then the evidence. */
export function explanationFields(ex: Explanation): { label: string; value: string }[] {
  return ex.scores.filter((s) => s.evidence.length > 0).map((s) => ({ label: verdict(s), value: evidenceText(s).join('; ') }));
}
