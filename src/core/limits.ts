import { cleanLine, truncate } from './sanitize.js';
import type { Reply, ReplyItem } from './types.js';

export interface ReplyLimits {
  /** Longest line of text, title or field value, in characters. */
  maxLineChars: number;
  maxSummaryChars: number;
  /** Most list items in one reply; the rest become "… and N more". */
  maxItems: number;
}

export const DEFAULT_LIMITS: ReplyLimits = { maxLineChars: 300, maxSummaryChars: 200, maxItems: 20 };

const clip = (text: string | undefined, max: number) => (text === undefined ? undefined : truncate(cleanLine(text), max));

/**
 * An item that will not change (its fields and their texts frozen with it), to be shown again and again: its limited
 * form is made once per set of limits and shared, instead of every string in it being cleaned for every answer.
 */
export function sealItem(item: ReplyItem): ReplyItem {
  if (item.fields) {
    for (const field of item.fields) Object.freeze(field);
    Object.freeze(item.fields);
  }
  SEALED.set(item, null);
  return Object.freeze(item);
}

/** Sealed items, and their limited form once made (for one set of limits: a bot has one). */
const SEALED = new WeakMap<ReplyItem, { limits: ReplyLimits; limited: ReplyItem } | null>();

function limitItem(item: ReplyItem, limits: ReplyLimits): ReplyItem {
  const sealed = SEALED.get(item);
  if (sealed === undefined) return limitedItem(item, limits);
  if (sealed?.limits === limits) return sealed.limited;
  const limited = sealItem(limitedItem(item, limits));
  SEALED.set(item, { limits, limited });
  return limited;
}

function limitedItem(item: ReplyItem, limits: ReplyLimits): ReplyItem {
  return {
    ...item,
    title: clip(item.title, limits.maxLineChars)!,
    link: clip(item.link, limits.maxLineChars),
    meta: clip(item.meta, limits.maxLineChars),
    summary: clip(item.summary, limits.maxSummaryChars),
    match: clip(item.match, limits.maxLineChars),
    fields: item.fields?.map((f) => ({ label: clip(f.label, 40)!, value: clip(f.value, limits.maxLineChars)! })),
  };
}

/** Every reply leaves the core within these bounds and free of control characters. */
export function limitReply(reply: Reply, limits: ReplyLimits = DEFAULT_LIMITS): Reply {
  const items = reply.items ?? [];
  // Help lists every command; other lists are bounded.
  const maxItems = reply.kind === 'help' ? Math.max(limits.maxItems, 40) : limits.maxItems;
  const kept = items.slice(0, maxItems).map((i) => limitItem(i, limits));
  const cut = items.length - kept.length + (reply.more?.count ?? 0);
  return {
    ...reply,
    text: clip(reply.text, limits.maxLineChars)!,
    link: clip(reply.link, limits.maxLineChars),
    fields: reply.fields?.map((f) => ({ label: clip(f.label, 40)!, value: clip(f.value, limits.maxLineChars)! })),
    items: reply.items ? kept : undefined,
    note: clip(reply.note, limits.maxLineChars),
    // Only a page that really lists the rest is linked: the reply's own link (a post, an agenda) is not one.
    more: cut > 0 ? { ...reply.more, count: cut } : undefined,
  };
}
