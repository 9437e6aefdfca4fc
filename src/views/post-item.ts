import type { Post } from '../archive/post.js';
import type { ReplyItem } from '../core/types.js';
import { postDateText } from '../present/time.js';

/** A post as one list item: title, who/when, link, first paragraph. */
export function postItem(post: Post, zone: string, match?: string): ReplyItem {
  const who = post.person && !post.title.includes(post.person) ? `${post.person}, ` : '';
  const when = postDateText(post.date, zone);
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
