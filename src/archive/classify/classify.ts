import type { MediaKind, ParsedPost, Post } from '../post.js';
import { POST_KIND_NAMES, type PostKind } from './post-kinds.js';
import { DEFAULT_CLASSIFY } from './rules.js';
import type { ClassifyConfig, ClassifyField, ClassifyRule } from './rule-types.js';
import { extendName, peopleFrom } from './person-names.js';
import { leadText } from '../summary.js';
import { kindPlans, MATCHED, MISSED, Tally, UNKNOWN, type KindPlan } from './decide.js';

export { DEFAULT_CLASSIFY };
export type { ClassifyConfig, ClassifyField, ClassifyRule } from './rule-types.js';

/** One rule that fired on a post. */
export interface Evidence {
  kind: PostKind;
  label: string;
  field: ClassifyField;
  weight: number;
  /** What it matched, shortened. */
  match: string;
  person?: string;
}

export interface KindScore {
  kind: PostKind;
  score: number;
  threshold: number;
  evidence: Evidence[];
}

export interface Classification {
  kinds: PostKind[];
  /** For interviews: who is interviewed (two or more joined by "and"). */
  person?: string;
}

export interface Explanation extends Classification {
  scores: KindScore[];
}

export type Classifiable = Pick<Post, 'title' | 'tags' | 'body'> & { media: { kind: MediaKind }[] };

interface CompiledRule extends ClassifyRule {
  re: RegExp;
  hintRe?: RegExp;
  label: string;
  /** Whether a match may name the person (a `person` group). */
  names: boolean;
}


/** `{NAME}` → the macro's text, repeatedly (macros may use macros). */
export function expandMacros(pattern: string, macros: Record<string, string>): string {
  let out = pattern;
  for (let round = 0; round < 5 && /\{[A-Z_][A-Z0-9_]*\}/.test(out); round++) {
    out = out.replace(/\{([A-Z_][A-Z0-9_]*)\}/g, (whole, key: string) => macros[key] ?? whole);
  }
  return out;
}

/** What classify() keeps of a match that names nobody: that there was one. */
const MATCHED_WITHOUT_TEXT = { text: '' };

/** One post's values for the rules, each made once (the opening as plain text only when a rule asks for it). */
class Fields {
  private title?: string[];
  private lead?: string[];
  private body?: string[];
  private media?: string[];

  constructor(private readonly post: Classifiable) {}

  values(field: ClassifyField): string[] {
    const post = this.post;
    switch (field) {
      case 'title':
        return (this.title ??= [post.title]);
      case 'lead':
        return (this.lead ??= [leadText(post.body)]);
      case 'body':
        return (this.body ??= [post.body]);
      case 'tags':
        return post.tags;
      case 'media':
        return (this.media ??= post.media.map((m) => m.kind));
    }
  }
}

const shorten = (s: string, n = 80) => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};

/** Scores posts against the rules; compile once, classify many. */
export class Classifier {
  private readonly rules: CompiledRule[];
  private readonly notNames: Set<string>;
  /** How each kind is decided without trying every rule (see decide.ts); null when a rule names a kind not listed. */
  private readonly plans: { kind: PostKind; plan: KindPlan }[] | null;
  /** The interview rules that may name the person (a person group, a positive weight), in rule order. */
  private readonly personRules: number[];
  /**
   * Each rule's first twin: the first rule that looks at the same field with the same pattern, hint and `min` (the
   * round-up, newsletter and date rules of every kind), whose outcome it shares.
   */
  private readonly twin: number[];

  constructor(readonly config: ClassifyConfig = DEFAULT_CLASSIFY) {
    const macros = config.macros ?? {};
    this.notNames = new Set((config.notNames ?? []).map((w) => w.toLowerCase()));
    this.rules = config.rules.map((r) => {
      const source = expandMacros(r.pattern, macros);
      try {
        // Unicode mode makes case-insensitive scans of long bodies several times slower: only where a pattern needs it.
        const unicode = /\\[pP]\{/.test(source) ? 'u' : '';
        const flags = `i${r.field === 'body' ? 'm' : ''}${unicode}`;
        const hintRe = r.hint === undefined ? undefined : new RegExp(expandMacros(r.hint, macros), flags);
        // Where a person's name ends is needed to extend it (`d`: match indices), only for the rules that name one.
        const names = source.includes('(?<person>');
        const indices = names ? 'd' : '';
        // One shape for every rule (whichever optional fields it was written with): they are read per post.
        return { kind: r.kind, field: r.field, pattern: r.pattern, weight: r.weight, min: r.min, group: r.group, hint: r.hint, label: r.label ?? r.pattern, re: new RegExp(source, `g${indices}${flags}`), hintRe, names };
      } catch (err) {
        throw new Error(`classify rule for ${r.kind} on ${r.field}: bad pattern ${JSON.stringify(r.pattern)}: ${(err as Error).message}`);
      }
    });
    const known = new Set<string>(POST_KIND_NAMES);
    this.plans = this.rules.every((r) => known.has(r.kind))
      ? [...kindPlans(POST_KIND_NAMES, this.rules, (k) => config.thresholds?.[k] ?? config.threshold)].map(([kind, plan]) => ({ kind, plan }))
      : null;
    const firstOf = new Map<string, number>();
    this.twin = this.rules.map((r, i) => {
      const key = JSON.stringify([r.field, r.re.source, r.re.flags, r.hintRe?.source, r.min ?? 1]);
      if (!firstOf.has(key)) firstOf.set(key, i);
      return firstOf.get(key)!;
    });
    this.personRules = this.rules.flatMap((r, i) => (r.kind === 'interview' && r.weight > 0 && r.names ? [i] : []));
  }

  /**
   * The post's kinds and person, as explain() finds them, trying only the rules that can change them: each kind's
   * rules until its verdict is sure (decide.ts), then, for an interview, the rules that may name the person.
   */
  classify(post: Classifiable): Classification {
    if (!this.plans) {
      const { kinds, person } = this.explain(post);
      return { kinds, person };
    }
    const fields = new Fields(post);
    const state = new Uint8Array(this.rules.length);
    const found: ({ text: string; person?: string } | null)[] = new Array(this.rules.length).fill(null);
    const tryRule = (i: number): { text: string; person?: string } | null => {
      if (state[i] !== UNKNOWN) return found[i];
      const rule = this.rules[i];
      found[i] = this.twin[i] !== i ? tryRule(this.twin[i]) : this.match(rule, fields.values(rule.field), false);
      state[i] = found[i] ? MATCHED : MISSED;
      return found[i];
    };
    const kinds: PostKind[] = [];
    for (const { kind, plan } of this.plans) {
      const tally = new Tally(plan, state);
      for (let k = 0; tally.verdict === undefined && k < plan.order.length; k++) {
        tryRule(plan.order[k]);
        tally.tried(plan.order[k]);
      }
      if (tally.verdict) kinds.push(kind);
    }
    if (!kinds.includes('interview')) return { kinds, person: undefined };
    // As explain(): the first rule, in rule order, of the greatest weight among those that named someone.
    let person: { name: string; weight: number } | undefined;
    for (const i of this.personRules) {
      if (person && this.rules[i].weight <= person.weight) continue;
      const name = tryRule(i)?.person;
      if (name) person = { name, weight: this.rules[i].weight };
    }
    return { kinds, person: person?.name };
  }

  /** Every kind's score with the evidence behind it. */
  explain(post: Classifiable): Explanation {
    const fields = new Fields(post);
    const scores = new Map<PostKind, KindScore>(POST_KIND_NAMES.map((k) => [k, { kind: k, score: 0, threshold: this.config.thresholds?.[k] ?? this.config.threshold, evidence: [] }]));
    // The person comes from the weightiest rule that names one; title rules before lead rules on a tie.
    let person: { name: string; weight: number } | undefined;
    const groups = new Map<string, Evidence>();
    for (const rule of this.rules) {
      const found = this.match(rule, fields.values(rule.field), true);
      if (!found) continue;
      const entry = scores.get(rule.kind) ?? { kind: rule.kind, score: 0, threshold: this.config.threshold, evidence: [] };
      scores.set(rule.kind, entry);
      const evidence: Evidence = { kind: rule.kind, label: rule.label, field: rule.field, weight: rule.weight, match: shorten(found.text), ...(found.person ? { person: found.person } : {}) };
      if (found.person && rule.kind === 'interview' && rule.weight > (person?.weight ?? 0)) person = { name: found.person, weight: rule.weight };
      if (rule.group) {
        const key = `${rule.kind}/${rule.group}`;
        const before = groups.get(key);
        if (before && Math.abs(before.weight) >= Math.abs(rule.weight)) continue;
        if (before) {
          entry.score -= before.weight;
          entry.evidence.splice(entry.evidence.indexOf(before), 1);
        }
        groups.set(key, evidence);
      }
      entry.score += rule.weight;
      entry.evidence.push(evidence);
    }
    const all = [...scores.values()];
    const kinds = all.filter((s) => s.evidence.length > 0 && s.score >= s.threshold).map((s) => s.kind);
    return { kinds, person: kinds.includes('interview') ? person?.name : undefined, scores: all };
  }

  /**
   * The rule's first match (with its person, when the rule names one), once it has matched `min` times. Without
   * `withText`, what matched is not needed (only whether, and who): a rule that names nobody and needs one match is
   * tested rather than matched.
   */
  private match(rule: CompiledRule, values: string[], withText: boolean): { text: string; person?: string } | null {
    const needed = rule.min ?? 1;
    if (!withText && !rule.names && needed === 1) {
      // Indexed: this runs in every load's first pass over the posts, much of it before the code is optimised.
      for (let v = 0; v < values.length; v++) {
        if (rule.hintRe && !rule.hintRe.test(values[v])) continue;
        rule.re.lastIndex = 0;
        if (rule.re.test(values[v])) return MATCHED_WITHOUT_TEXT;
      }
      return null;
    }
    let count = 0;
    let first: { text: string; person?: string } | null = null;
    for (const value of values) {
      if (rule.hintRe && !rule.hintRe.test(value)) continue;
      rule.re.lastIndex = 0;
      for (let m = rule.re.exec(value); m; m = rule.re.exec(value)) {
        if (m[0] === '') rule.re.lastIndex++;
        let person: string | undefined;
        if (m.groups && 'person' in m.groups) {
          // A rule that names the person counts only when what it caught is a name.
          const end = m.indices?.groups?.person?.[1];
          const caught = end === undefined ? (m.groups.person ?? '') : extendName(m.groups.person ?? '', value.slice(end, end + 80), this.notNames);
          person = peopleFrom(caught, this.notNames) ?? undefined;
          if (!person) {
            // "At the PTG, Ihor Ivanenko spoke …": the name may start further on.
            rule.re.lastIndex = m.index + 1;
            continue;
          }
        }
        first ??= { text: m[0], person };
        if (++count >= needed) return first;
        if (rule.field !== 'body' && rule.field !== 'lead') break; // short values: one match each
      }
    }
    return null;
  }
}

/**
 * A parsed post given its kinds and person by the classification rules, in place: a copy would work out what the post
 * leaves until it is first read (its summary). Run on every load, cached or not: the rules (and their code) may change
 * without the posts changing.
 */
export function classified(post: ParsedPost, classifier: Classifier): Post {
  const { kinds, person } = classifier.classify(post);
  return Object.assign(post, { kinds, person });
}
