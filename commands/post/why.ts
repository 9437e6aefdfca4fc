import { labelKey } from '../../src/archive/classify/eval.js';
import { explanationFields } from '../../src/archive/classify/explain.js';
import { kindsAsAdjectives, postKind } from '../../src/archive/classify/post-kinds.js';
import type { Post } from '../../src/archive/post.js';
import { BotError, type CommandSpec, type Reply, type ReplyField } from '../../src/core/types.js';
import { announcedEvents, type AnnouncedEvent } from '../../src/schedule/announced/post-events.js';
import type { ArchiveDeps } from '../shared/posts.js';
import { dateText, whenText } from '../../src/present/time.js';

/** A post by its slug, its file name (slugs repeat across months) or its URL. */
function find(posts: Post[], wanted: string): Post[] {
  const w = wanted.trim().replace(/\/+$/, '').toLowerCase();
  return posts.filter((p) => p.slug.toLowerCase() === w || labelKey(p.source).toLowerCase() === w || p.url.replace(/\/+$/, '').toLowerCase() === w);
}

function kindsText(post: Post): string {
  if (post.kinds.length === 0) return `not ${kindsAsAdjectives()} announcement`;
  return post.kinds.map((k) => (k === 'interview' && post.person ? `interview with ${post.person}` : postKind(k).label)).join(', ');
}

/** "Mon 2016-03-10 to Fri 2016-03-11 UTC" / "Tue 2016-10-25 15:00 UTC": the days (or time) read, in UTC. */
function datesText(e: AnnouncedEvent): string {
  const day = (d: AnnouncedEvent['start']) => dateText(d, 'UTC');
  if (!e.allDay) return whenText(e.start, 'UTC');
  const last = e.end.minus({ days: 1 });
  return last > e.start ? `${day(e.start)} to ${day(last)}` : day(e.start);
}

/** What the post announces and when, with the sentence the date was read from: what put it on the schedule. */
function announcedFields(post: Post): ReplyField[] {
  return announcedEvents(post).map((e) => ({
    label: `announces a ${e.what}`,
    // A sentence that names no event is tied to it by its heading: say which.
    value: `${datesText(e)}, read “${e.text}” in “${e.sentence}”${e.heading === undefined ? '' : ` under “${e.heading}”`}`,
  }));
}

/** `!post why <slug>`: the kinds the classifier gives a post, with the evidence and scores behind them. */
export function postWhyCommand(deps: ArchiveDeps): CommandSpec {
  return {
    family: 'post',
    name: 'why',
    summary: `why a post is (or is not) ${kindsAsAdjectives()} announcement: evidence and scores`,
    args: [{ name: 'post', description: 'the post: its slug, file name or URL', required: true }],
    examples: ['post why what-did-you-do-in-mitaka-adam-young', 'post why 2015-08-18-blog-roundup-3'],
    handler: (ctx): Reply => {
      const wanted = String(ctx.args.post);
      const posts = find(deps.archive().all(), wanted);
      if (posts.length === 0) throw new BotError('NOT_FOUND', `No post has the slug, file name or URL '${wanted}'.`);
      if (!deps.explain) throw new BotError('NOT_FOUND', 'This bot cannot explain its classification.');
      if (posts.length > 1) {
        return {
          kind: 'list',
          text: `${posts.length} posts have the slug '${wanted}'; ask with the file name:`,
          items: posts.map((p) => ({ title: labelKey(p.source), meta: `${p.title} — ${kindsText(p)}`, link: p.url })),
        };
      }
      const post = posts[0];
      return { kind: 'answer', text: `${post.title}: ${kindsText(post)}`, link: post.url, fields: [...explanationFields(deps.explain(post)), ...announcedFields(post)] };
    },
  };
}
