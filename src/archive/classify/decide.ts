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
 * the shorter pattern as written, or its hint when it has one (a rough measure of what a scan costs: how many words a
 * pattern looks for, a macro such as {NAMES} counting as one; the expanded text of a macro says little, as the
 * patterns that catch a name start with the words around it, which a scan skips along quickly).
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
  /** Each rule's term, by rule index (-1 for the rules of other kinds). */
  termOf: Int32Array;
  /** Each term's bounds, and the score's, before any rule is tried (plain arrays: each post's tally copies them). */
  lows: number[];
  highs: number[];
  low: number;
  high: number;
}

/** Each kind's plan, from the rules (by their index). */
export function kindPlans<K extends string>(kinds: readonly K[], rules: readonly ClassifyRule[], threshold: (kind: K) => number): Map<K, KindPlan> {
  const plans = new Map<K, KindPlan>();
  const weights = Float64Array.from(rules, (r) => r.weight);
  for (const kind of kinds) {
    const mine = rules.flatMap((r, i) => (r.kind === kind ? [i] : []));
    const terms: Term[] = [];
    const groups = new Map<string, Term>();
    const termOf = new Int32Array(rules.length).fill(-1);
    for (const i of mine) {
      const group = rules[i].group;
      let term = group === undefined ? undefined : groups.get(group);
      if (!term) {
        term = { rules: [], grouped: group !== undefined };
        if (group !== undefined) groups.set(group, term);
        terms.push(term);
      }
      term.rules.push(i);
      termOf[i] = terms.indexOf(term);
    }
    const written = (i: number) => (rules[i].hint ?? rules[i].pattern).length;
    const order = [...mine].sort((a, b) => COST[rules[a].field] - COST[rules[b].field] || written(a) - written(b) || a - b);
    const untried = new Uint8Array(rules.length);
    const bounds = terms.map((term) => termBounds(term, weights, untried));
    const lows = bounds.map(([low]) => low);
    const highs = bounds.map(([, high]) => high);
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    plans.set(kind, { threshold: threshold(kind), terms, order, weights, termOf, lows, highs, low: sum(lows), high: sum(highs) });
  }
  return plans;
}

/**
 * Where one term's part of the score may still end, from what its rules did (`state`, by rule index). A group counts
 * its first rule of the greatest |weight| among those that matched (0 when none did); a rule not yet tried may still
 * replace it, or be the only one.
 */
function termBounds(term: Term, weights: Float64Array, state: Uint8Array): [low: number, high: number] {
  let kept = 0;
  let keptSize = -1;
  let lowest = Infinity;
  let highest = -Infinity;
  for (const i of term.rules) {
    const w = weights[i];
    if (state[i] === MATCHED) {
      if (Math.abs(w) > keptSize) {
        kept = w;
        keptSize = Math.abs(w);
      }
    } else if (state[i] === UNKNOWN) {
      lowest = Math.min(lowest, w);
      highest = Math.max(highest, w);
    }
  }
  // Alone, a rule is a group of one.
  return lowest === Infinity ? [kept, kept] : [Math.min(kept, lowest), Math.max(kept, highest)];
}

/** One kind's score bounds as its rules are tried, from none (the kind's rules untried): each try changes its own term's. */
export class Tally {
  private low: number;
  private high: number;
  private matched = false;
  private open: number;
  private readonly lows: number[];
  private readonly highs: number[];

  constructor(
    private readonly plan: KindPlan,
    private readonly state: Uint8Array,
  ) {
    this.open = plan.order.length;
    this.lows = plan.lows.slice();
    this.highs = plan.highs.slice();
    this.low = plan.low;
    this.high = plan.high;
  }

  /** Rule `i` of this kind has been tried (its outcome is in `state`). */
  tried(i: number): void {
    const t = this.plan.termOf[i];
    const [low, high] = termBounds(this.plan.terms[t], this.plan.weights, this.state);
    this.low += low - this.lows[t];
    this.high += high - this.highs[t];
    this.lows[t] = low;
    this.highs[t] = high;
    this.open--;
    if (this.state[i] === MATCHED) this.matched = true;
  }

  /**
   * The kind's verdict so far: true (it is of that kind whatever the rules not yet tried do), false (it is not),
   * undefined (they could still decide either way).
   */
  get verdict(): boolean | undefined {
    // A kind needs evidence as well as the score (explain: `evidence.length > 0 && score >= threshold`).
    if (this.matched && this.low >= this.plan.threshold) return true;
    if (this.high < this.plan.threshold || (this.open === 0 && !this.matched)) return false;
    return undefined;
  }
}
