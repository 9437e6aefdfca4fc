import { Archive } from '../src/archive/archive.js';
import type { Explanation } from '../src/archive/classify/classify.js';
import type { Post, PostKind } from '../src/archive/post.js';
import { BotError, type CommandContext, type Reply } from '../src/core/types.js';
import { postKind } from '../src/archive/classify/post-kinds.js';
import { postItem } from './post-format.js';

/** What the post-backed families (interview, post) share: the archive, and a way to pick at random. */
export interface ArchiveDeps {
  archive: () => Archive;
  /** Index in [0, count); tests pin it. */
  pick?: (count: number) => number;
  /** Link to the whole list, shown when a reply is cut. */
  listLink?: string;
  /** Why the classifier gives a post its kinds (`!post why`). */
  explain?: (post: Post) => Explanation;
}

const noun = (kind?: PostKind) => (kind ? `${postKind(kind).short} post` : 'post');

export function latestReply(deps: ArchiveDeps, ctx: CommandContext, kind?: PostKind): Reply {
  const post = deps.archive().latest(kind);
  if (!post) throw new BotError('NOT_FOUND', `There is no ${noun(kind)} in the archive yet.`);
  const item = postItem(post, ctx.zone);
  return { kind: 'answer', text: `${post.title} — ${item.meta}`, link: post.url, items: [item] };
}

export function listReply(deps: ArchiveDeps, ctx: CommandContext, kind: PostKind | undefined, count: number, posts = deps.archive().all(kind)): Reply {
  if (posts.length === 0) throw new BotError('NOT_FOUND', `There is no ${noun(kind)} in the archive yet.`);
  const shown = posts.slice(0, count);
  return {
    kind: 'list',
    text: `${countText(posts.length, kind)}, newest first${shown.length < posts.length ? ` (showing ${shown.length})` : ''}:`,
    items: shown.map((p) => ({ ...postItem(p, ctx.zone), summary: undefined })),
    more: shown.length < posts.length ? { count: posts.length - shown.length, link: deps.listLink } : undefined,
  };
}

/** "1 interview post matches", "3 posts match": the verb agrees with the count. */
export function countText(count: number, kind?: PostKind): string {
  return `${count} ${noun(kind)}${count === 1 ? '' : 's'}`;
}

export function searchReply(deps: ArchiveDeps, ctx: CommandContext, kind: PostKind | undefined, words: string, count = 5): Reply {
  const { total, hits } = deps.archive().search(words, kind, count);
  if (total === 0) throw new BotError('NOT_FOUND', `No ${noun(kind)} matches '${words}'.`);
  return {
    kind: 'list',
    text: `${countText(total, kind)} match${total === 1 ? 'es' : ''} '${words}', best first:`,
    items: hits.map((h) => ({ ...postItem(h.post, ctx.zone, h.why), summary: undefined })),
    more: hits.length < total ? { count: total - hits.length } : undefined,
  };
}

export function randomReply(deps: ArchiveDeps, ctx: CommandContext, kind?: PostKind): Reply {
  const post = deps.archive().random(kind, deps.pick ?? ((n) => Math.floor(Math.random() * n)));
  if (!post) throw new BotError('NOT_FOUND', `There is no ${noun(kind)} in the archive yet.`);
  const item = postItem(post, ctx.zone);
  return { kind: 'answer', text: `${post.title} — ${item.meta}`, link: post.url, items: [item] };
}
