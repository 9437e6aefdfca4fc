import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { POST_KIND_NAMES, POST_KINDS, type PostKind } from './post-kinds.js';
import { foldTerm } from '../search.js';

/**
 * Measuring the classify rules against posts labelled by hand: per kind precision and recall, and whether the
 * interviews' people come out right. Used by `rdobot classify --labels` and by the classify benchmark.
 */

/** How a labels file names the kinds. */
export const LABEL_KINDS: Readonly<Record<string, PostKind>> = Object.fromEntries(POST_KINDS.map((k) => [k.labelKey, k.name]));

export interface PostLabel {
  kinds: PostKind[];
  /** The interviewed people, for interviews. */
  person: string[];
  note?: string;
}

/** A post's key in a labels file: its file name without the extension (`2016-05-06-some-title`). */
export function labelKey(file: string): string {
  return basename(file).replace(/(?:\.html)?\.(?:md|markdown|mkd)$/i, '');
}

/** `key: {kinds: [interview], person: [Ana Example], note: …}` per post. Throws with the key on a bad entry. */
export function parseLabels(text: string): Map<string, PostLabel> {
  // js-yaml is loaded here, when a labels file is read: the bot imports this module (`!post why`) but reads none.
  const { load, CORE_SCHEMA } = createRequire(import.meta.url)('js-yaml') as typeof import('js-yaml');
  const data = load(text, { schema: CORE_SCHEMA });
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new Error('labels: expected a mapping of post keys');
  const labels = new Map<string, PostLabel>();
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const v = (value ?? {}) as { kinds?: unknown; person?: unknown; note?: unknown };
    const kinds = Array.isArray(v.kinds) ? v.kinds.map(String) : [];
    const unknown = kinds.find((k) => !(k in LABEL_KINDS));
    if (unknown) throw new Error(`labels: ${key}: unknown kind '${unknown}' (expected ${Object.keys(LABEL_KINDS).join(', ')})`);
    const person = Array.isArray(v.person) ? v.person.map(String) : typeof v.person === 'string' ? [v.person] : [];
    labels.set(key, { kinds: kinds.map((k) => LABEL_KINDS[k]), person, note: typeof v.note === 'string' ? v.note : undefined });
  }
  return labels;
}

export interface Predicted {
  key: string;
  kinds: PostKind[];
  person?: string;
}

export interface KindMeasure {
  kind: PostKind;
  truePositives: number;
  falsePositives: string[];
  falseNegatives: string[];
  /** null when nothing was predicted (or labelled) for the kind. */
  precision: number | null;
  recall: number | null;
}

export interface Measure {
  posts: number;
  kinds: KindMeasure[];
  /** Interviews found whose person is missing or differs from the label. */
  wrongPeople: { key: string; expected: string[]; got?: string }[];
  peopleRight: number;
  /** Predicted posts the labels do not know. */
  unlabelled: string[];
}

const samePeople = (expected: string[], got: string | undefined): boolean => {
  if (!got) return expected.length === 0;
  const fold = (s: string) => s.split(/\s+/).map(foldTerm).join(' ');
  const names = got.split(/\s*(?:,|\band\b)\s*/).map(fold).filter(Boolean).sort();
  return names.join('|') === expected.map(fold).sort().join('|');
};

export function measure(predicted: Predicted[], labels: Map<string, PostLabel>, kinds: readonly PostKind[] = POST_KIND_NAMES): Measure {
  const result: Measure = { posts: 0, kinds: [], wrongPeople: [], peopleRight: 0, unlabelled: [] };
  const known = predicted.filter((p) => {
    if (labels.has(p.key)) return true;
    result.unlabelled.push(p.key);
    return false;
  });
  result.posts = known.length;
  for (const kind of kinds) {
    const m: KindMeasure = { kind, truePositives: 0, falsePositives: [], falseNegatives: [], precision: null, recall: null };
    for (const p of known) {
      const said = p.kinds.includes(kind);
      const truth = labels.get(p.key)!.kinds.includes(kind);
      if (said && truth) m.truePositives++;
      else if (said) m.falsePositives.push(p.key);
      else if (truth) m.falseNegatives.push(p.key);
    }
    const predictedCount = m.truePositives + m.falsePositives.length;
    const labelledCount = m.truePositives + m.falseNegatives.length;
    m.precision = predictedCount ? m.truePositives / predictedCount : null;
    m.recall = labelledCount ? m.truePositives / labelledCount : null;
    result.kinds.push(m);
  }
  for (const p of known) {
    const label = labels.get(p.key)!;
    if (!p.kinds.includes('interview') || !label.kinds.includes('interview')) continue;
    if (samePeople(label.person, p.person)) result.peopleRight++;
    else result.wrongPeople.push({ key: p.key, expected: label.person, got: p.person });
  }
  return result;
}

const pct = (x: number | null) => (x === null ? '  n/a' : `${(x * 100).toFixed(1).padStart(5)}%`);

/** A measure as lines of text: one per kind, then what went wrong. */
export function measureLines(title: string, m: Measure, details = true): string[] {
  const lines = [`${title}: ${m.posts} labelled posts`];
  for (const k of m.kinds) {
    const labelled = k.truePositives + k.falseNegatives.length;
    lines.push(`  ${k.kind.padEnd(9)} precision ${pct(k.precision)}  recall ${pct(k.recall)}  (${k.truePositives} of ${labelled} found, ${k.falsePositives.length} wrongly)`);
    if (details) {
      for (const key of k.falsePositives) lines.push(`    wrongly ${k.kind}: ${key}`);
      for (const key of k.falseNegatives) lines.push(`    missed ${k.kind}: ${key}`);
    }
  }
  const found = m.peopleRight + m.wrongPeople.length;
  if (found) lines.push(`  person    right for ${m.peopleRight} of ${found} interviews found`);
  if (details) for (const w of m.wrongPeople) lines.push(`    person of ${w.key}: got ${w.got ?? 'nobody'}, labelled ${w.expected.join(' and ') || 'nobody'}`);
  if (m.unlabelled.length) lines.push(`  ${m.unlabelled.length} posts have no label: ${m.unlabelled.slice(0, 5).join(', ')}${m.unlabelled.length > 5 ? ', …' : ''}`);
  return lines;
}

/** A split of the labelled posts by year, e.g. the years rules were developed on and the years held out. */
export interface Split {
  name: string;
  years: (year: number) => boolean;
}

/** Measures per split, plus the whole set. */
export function measureSplits(predicted: (Predicted & { year: number })[], labels: Map<string, PostLabel>, splits: Split[]): { split: string; measure: Measure }[] {
  return [
    ...splits.map((s) => ({ split: s.name, measure: measure(predicted.filter((p) => s.years(p.year)), labels) })),
    { split: 'all', measure: measure(predicted, labels) },
  ];
}

/** The labelled look-alikes (by the first word of their note: round-up, release …) and which were taken for `kind`. */
export function lookAlikes(predicted: Predicted[], labels: Map<string, PostLabel>, kind: PostKind = 'interview'): { note: string; posts: number; taken: string[] }[] {
  const byNote = new Map<string, { note: string; posts: number; taken: string[] }>();
  for (const p of predicted) {
    const label = labels.get(p.key);
    if (!label?.note || label.kinds.includes(kind)) continue;
    const note = label.note.split(/[\s(]/)[0];
    const entry = byNote.get(note) ?? { note, posts: 0, taken: [] };
    entry.posts++;
    if (p.kinds.includes(kind)) entry.taken.push(p.key);
    byNote.set(note, entry);
  }
  return [...byNote.values()].sort((a, b) => b.posts - a.posts || a.note.localeCompare(b.note));
}
