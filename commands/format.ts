import type { DateTime } from 'luxon';
import type { Post } from '../src/archive/post.js';
import type { ReplyItem } from '../src/core/types.js';

/** "2016-05-06 20:08 UTC", or "2016-05-06 22:08 Europe/Paris" when the asker gave --tz (ICU lacks most abbreviations). */
export function formatInstant(instant: DateTime, zone: string): string {
  const local = instant.setZone(zone);
  return `${local.toFormat('yyyy-MM-dd HH:mm')} ${zone}`;
}

/** A post as one list item: title, who/when, link, first paragraph. */
export function postItem(post: Post, zone: string, match?: string): ReplyItem {
  const who = post.person && !post.title.includes(post.person) ? `${post.person}, ` : '';
  return {
    title: post.title,
    link: post.url,
    meta: `${who}${formatInstant(post.date, zone)} by ${post.author}`,
    summary: post.summary || undefined,
    match,
    when: post.date,
    fields: [
      ...(post.person ? [{ label: 'person', value: post.person }] : []),
      { label: 'date', value: formatInstant(post.date, zone) },
      { label: 'author', value: post.author },
      ...(post.tags.length ? [{ label: 'tags', value: post.tags.join(', ') }] : []),
    ],
  };
}
