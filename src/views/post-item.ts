import type { Post } from '../archive/post.js';
import { sealItem } from '../core/limits.js';
import { noteTime } from '../core/times.js';
import type { ReplyItem } from '../core/types.js';
import { postDateText } from '../present/time.js';

/** A post as one list item: title, who/when, link, first paragraph (and why a search matched it). */
export function postItem(post: Post, zone: string, match?: string): ReplyItem {
  if (match !== undefined) return itemOf(post, zone, match).item;
  const kept = KEPT.get(post);
  if (kept?.zone === zone) {
    // Made before, its time noted then: noted again for this reply, as writing it would.
    noteTime(kept.when, post.date);
    return kept.item;
  }
  const made = itemOf(post, zone);
  const item = sealItem(made.item);
  if (KEPT.size >= KEPT_AT_MOST) KEPT.clear();
  KEPT.set(post, { zone, item, when: made.when });
  return item;
}

/**
 * A post's answer as one line: its title, who and when (`Title — 2017-03-18 05:53 UTC by rbowen`). Written once for a
 * shared item, so that every answer carries the same text (cleaned and bounded once, as its item is).
 */
export function postHeadline(item: ReplyItem): string {
  if (!Object.isFrozen(item)) return `${item.title} — ${item.meta}`;
  let text = HEADLINES.get(item);
  if (text === undefined) HEADLINES.set(item, (text = `${item.title} — ${item.meta}`));
  return text;
}

const HEADLINES = new WeakMap<ReplyItem, string>();

/**
 * Items made lately, by post, for the zone last asked: a question asked again and again (`!interview latest`, the
 * same list) shows the same posts in the same zone, and an item is a pure function of the two (a post is never
 * changed in place: a changed file is a new Post). Sealed (frozen), since every answer showing the post shares it.
 * Bounded: emptied when full.
 */
const KEPT = new Map<Post, { zone: string; item: ReplyItem; when: string }>();
const KEPT_AT_MOST = 1024;

/**
 * A search hit as one list item: the post's item without its first paragraph, and why the search matched it, worked
 * out when first read. A reply shows a page of its hits and keeps the rest for `!more`, most never read, and
 * explaining a hit reads its whole text.
 */
export function hitItem(post: Post, zone: string, why: () => string): ReplyItem {
  const { item } = itemOf(post, zone);
  item.summary = undefined;
  let match: string | undefined;
  // Redefined in place, so the item's fields keep their order.
  Object.defineProperty(item, 'match', { get: () => (match ??= why()), enumerable: true, configurable: true });
  return item;
}

/** The item, and the date text it shows. */
function itemOf(post: Post, zone: string, match?: string): { item: ReplyItem; when: string } {
  const who = post.person && !post.title.includes(post.person) ? `${post.person}, ` : '';
  const when = postDateText(post.date, zone);
  const item: ReplyItem = {
    title: post.title,
    link: post.url,
    meta: `${who}${when} by ${post.author}`,
    summary: post.summary || undefined,
    match,
    when: post.date,
    fields: [
      ...(post.person ? [{ label: 'person', value: post.person }] : []),
      { label: 'date', value: when },
      { label: 'author', value: post.author },
      ...(post.tags.length ? [{ label: 'tags', value: post.tags.join(', ') }] : []),
    ],
  };
  return { item, when };
}
