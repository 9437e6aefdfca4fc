import type { ParsedPost } from './post.js';
import { firstParagraph } from './summary.js';
import type { ValueKeeper } from './value-keeper.js';
import { ownField } from './own-field.js';

let keeper: ValueKeeper | undefined;

/** Where summaries are kept (see ValueKeeper). */
export function keepSummariesIn(k: ValueKeeper): void {
  keeper = k;
}

/**
 * A post's summary, worked out from its body when first asked for and then a plain property. A start reads every
 * post, a reply shows a few: summarising every opening (its Markdown lexed) was a fifth of a first start's work.
 */
export function lazySummary(post: ParsedPost): string {
  const kept = keeper?.get(post);
  const summary = kept ?? firstParagraph(post.body);
  if (kept === undefined) keeper?.set(post, summary);
  return setSummary(post, summary);
}

/** The summary as a plain property from now on, in place of the accessor. */
function setSummary(post: object, summary: string): string {
  return ownField(post, 'summary', summary);
}

/** The accessor a post gets in place of its summary (enumerable, as the summary it stands for). */
export const SUMMARY_ACCESSOR: PropertyDescriptor = {
  get(this: ParsedPost) {
    return lazySummary(this);
  },
  set(this: ParsedPost, value: string) {
    setSummary(this, value);
  },
  enumerable: true,
  configurable: true,
};

/** Give a post its summary on first use. */
export function summariseLater<T extends object>(post: T): T {
  return Object.defineProperty(post, 'summary', SUMMARY_ACCESSOR);
}

/**
 * A post's own fields without its summary (nor the keys left out), the summary not worked out for it: what is stored
 * or sent is the post as its file says; the summary is worked out where it is shown.
 */
export function fieldsWithoutSummary(post: object, leave: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(post)) {
    if (key === 'summary' || leave.includes(key)) continue;
    out[key] = (post as Record<string, unknown>)[key];
  }
  return out;
}
