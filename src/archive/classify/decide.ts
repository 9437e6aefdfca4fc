import type { ClassifyField, ClassifyRule } from './rule-types.js';

/**
 * Deciding a post's kinds without trying every rule. A kind's score is a sum of weights (a group counting only its
 * weightiest rule that matched), so before every rule is tried it lies between two bounds; once the bounds put it on
 * one side of the threshold, the kind's other rules cannot change the verdict and are not tried. The rules are tried
 * cheapest first (see COST), each kind on its own. What `classify` gives is what `explain` gives (pinned in
 * test/archive/classify-decide.test.ts): only the evidence, which classify does not give, is left incomplete.
 */

/** Whether a rule matched: not tried yet, tried and missed, matched. */
export const UNKNOWN = 0;
export const MISSED = 1;
export const MATCHED = 2;

/**
 * Which rules to try first: the short values, then the opening (≈800 characters), then the whole body; within a field,
 * the shorter pattern (a rough measure of what a scan costs: the name-catching patterns are the long ones).
 */
const COST: Record<ClassifyField, number> = { tags: 0, media: 0, title: 1, lead: 2, body: 3 };

/** One term of a kind's sum: a rule on its own, or a group of rules (in rule order) of which the weightiest counts. */
interface Term {
  rules: number[];
  grouped: boolean;
}

/** How one kind's verdict is reached: its terms, and the order its rules are tried in. */
export interface KindPlan {
  threshold: number;
  terms: Term[];
  order: number[];
  /** Every rule's weight, by index: read in a tight loop, where the rules' objects (of several shapes) are slow to read. */
  weights: Float64Array;
}

/** Each kind's plan, from the rules (by their index) and each rule's pattern as compiled. */
export function kindPlans<K extends string>(kinds: readonly K[], rules: readonly ClassifyRule[], sources: readonly string[], threshold: (kind: K) => number): Map<K, KindPlan> {
  const plans = new Map<K, KindPlan>();
  for (const kind of kinds) {
    const mine = rules.flatMap((r, i) => (r.kind === kind ? [i] : []));
    const terms: Term[] = [];
    const groups = new Map<string, Term>();
    for (const i of mine) {
      const group = rules[i].group;
      if (group === undefined) {
        terms.push({ rules: [i], grouped: false });
        continue;
      }
      const term = groups.get(group);
      if (term) term.rules.push(i);
      else {
        const fresh = { rules: [i], grouped: true };
        groups.set(group, fresh);
        terms.push(fresh);
      }
    }
    const order = [...mine].sort((a, b) => COST[rules[a].field] - COST[rules[b].field] || sources[a].length - sources[b].length || a - b);
    plans.set(kind, { threshold: threshold(kind), terms, order, weights: Float64Array.from(rules, (r) => r.weight) });
  }
  return plans;
}

/**
 * The kind's verdict so far, from what its rules did (`state`, by rule index): true (it is of that kind whatever the
 * rules not yet tried do), false (it is not), undefined (they could still decide either way).
 */
export function verdictSoFar(plan: KindPlan, state: Uint8Array): boolean | undefined {
  const weights = plan.weights;
  let low = 0;
  let high = 0;
  let matched = false;
  let open = false;
  for (const term of plan.terms) {
    if (!term.grouped) {
      const i = term.rules[0];
      const w = weights[i];
      if (state[i] === MATCHED) {
        low += w;
        high += w;
        matched = true;
      } else if (state[i] === UNKNOWN) {
        low += Math.min(0, w);
        high += Math.max(0, w);
        open = true;
      }
      continue;
    }
    // The group counts its first rule of the greatest |weight| among those that matched (0 when none did); a rule not
    // yet tried may still replace it, or be the only one.
    let kept = 0;
    let keptSize = -1;
    let lowest = Infinity;
    let highest = -Infinity;
    for (const i of term.rules) {
      const w = weights[i];
      if (state[i] === MATCHED) {
        matched = true;
        if (Math.abs(w) > keptSize) {
          kept = w;
          keptSize = Math.abs(w);
        }
      } else if (state[i] === UNKNOWN) {
        lowest = Math.min(lowest, w);
        highest = Math.max(highest, w);
      }
    }
    if (lowest === Infinity) {
      low += kept;
      high += kept;
    } else {
      open = true;
      low += Math.min(kept, lowest);
      high += Math.max(kept, highest);
    }
  }
  // A kind needs evidence as well as the score (explain: `evidence.length > 0 && score >= threshold`).
  if (matched && low >= plan.threshold) return true;
  if (high < plan.threshold || (!open && !matched)) return false;
  return undefined;
}
