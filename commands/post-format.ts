import type { DateTime } from 'luxon';
import type { Post } from '../src/archive/post.js';
import type { ReplyItem } from '../src/core/types.js';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "2016-05-06 20:08 UTC", or "2016-05-06 22:08 Europe/Paris" when the asker gave --tz (ICU lacks most abbreviations). */
export function formatInstant(instant: DateTime, zone: string): string {
  const local = instant.setZone(zone);
  // The same text as toFormat('yyyy-MM-dd HH:mm'), without parsing the pattern on every answer.
  return `${pad(local.year, 4)}-${pad(local.month)}-${pad(local.day)} ${pad(local.hour)}:${pad(local.minute)} ${zone}`;
}

/** A post as one list item: title, who/when, link, first paragraph. */
export function postItem(post: Post, zone: string, match?: string): ReplyItem {
  const who = post.person && !post.title.includes(post.person) ? `${post.person}, ` : '';
  const when = formatInstant(post.date, zone);
  return {
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
}
