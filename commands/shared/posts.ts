import { Archive } from '../../src/archive/archive.js';
import { archiveAt, type ArchiveAt } from '../../src/archive/archive-at.js';
import type { Explanation } from '../../src/archive/classify/classify.js';
import type { Post, PostKind } from '../../src/archive/post.js';
import { BotError, type CommandContext, type Reply } from '../../src/core/types.js';
import { postKind } from '../../src/archive/classify/post-kinds.js';
import { hitItem, postHeadline, postItem } from '../../src/views/post-item.js';

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

/** The archive as it stood at the asker's now (`--now`, the service's clock): later posts are not written yet. */
export const archiveNow = (deps: ArchiveDeps, ctx: Pick<CommandContext, 'now'>): ArchiveAt => archiveAt(deps.archive(), ctx.now);

const noun = (kind?: PostKind) => (kind ? `${postKind(kind).short} post` : 'post');

export function latestReply(deps: ArchiveDeps, ctx: CommandContext, kind?: PostKind): Reply {
  const post = archiveNow(deps, ctx).latest(kind);
  if (!post) throw new BotError('NOT_FOUND', `There is no ${noun(kind)} in the archive yet.`);
  const item = postItem(post, ctx.zone);
  return { kind: 'answer', text: postHeadline(item), link: post.url, items: [item] };
}

/**
 * The posts, newest first: all of them (the core cuts them into pages for `!more`), or the newest `count` when the
 * asker says how many.
 */
export function listReply(deps: ArchiveDeps, ctx: CommandContext, kind: PostKind | undefined, count?: number, posts = archiveNow(deps, ctx).all(kind)): Reply {
  if (posts.length === 0) throw new BotError('NOT_FOUND', `There is no ${noun(kind)} in the archive yet.`);
  const shown = count === undefined ? posts : posts.slice(0, count);
  return {
    kind: 'list',
    text: `${countText(posts.length, kind)}, newest first${shown.length < posts.length ? ` (showing the newest ${shown.length})` : ''}:`,
    items: shown.map((p) => ({ ...postItem(p, ctx.zone), summary: undefined })),
  };
}

/** "1 interview post matches", "3 posts match": the verb agrees with the count. */
function countText(count: number, kind?: PostKind): string {
  return `${count} ${noun(kind)}${count === 1 ? '' : 's'}`;
}

/**
 * At most this many of a search's hits are shown, page by page (`!more`); the rest are counted. A common word is in
 * most of 100,000 posts: explaining every hit would cost seconds for pages nobody reads.
 */
const SEARCH_KEPT = 100;

/** The best posts that match, best first; the core cuts them into pages for `!more`. */
export function searchReply(deps: ArchiveDeps, ctx: CommandContext, kind: PostKind | undefined, words: string): Reply {
  const { total, hits } = archiveNow(deps, ctx).search(words, kind, SEARCH_KEPT);
  if (total === 0) throw new BotError('NOT_FOUND', `No ${noun(kind)} matches '${words}'.`);
  return {
    kind: 'list',
    text: `${countText(total, kind)} match${total === 1 ? 'es' : ''} '${words}', best first:`,
    items: hits.map((h) => hitItem(h.post, ctx.zone, () => h.why)),
    more: hits.length < total ? { count: total - hits.length } : undefined,
  };
}

/** At most this many posts answer a question in words: the best few, not every post that shares a word. */
const FOUND_SHOWN = 5;

/**
 * A question no command fits, answered from the archive: the posts and interviews that mention its words, the
 * best few first ("I found 3 posts about TripleO: …"). Only when nothing mentions them does the bot say it cannot help.
 */
export function foundReply(deps: ArchiveDeps, ctx: CommandContext, words: string): Reply {
  const { total, hits } = archiveNow(deps, ctx).searchAny(words, FOUND_SHOWN);
  // Nothing in the archive either: only now does the bot say it cannot help.
  if (total === 0) return { kind: 'help', text: `Sorry, I can't answer that. I know about interviews, blog posts, meetings, test days and reminders: try ${ctx.command('help')}.` };
  const shown = total > hits.length ? `, the best ${hits.length}` : '';
  return {
    kind: 'list',
    text: `I found ${total} post${total === 1 ? '' : 's'} about '${words}'${shown}:`,
    items: hits.map((h) => hitItem(h.post, ctx.zone, () => h.why)),
  };
}

export function randomReply(deps: ArchiveDeps, ctx: CommandContext, kind?: PostKind): Reply {
  const post = archiveNow(deps, ctx).random(kind, deps.pick ?? ((n) => Math.floor(Math.random() * n)));
  if (!post) throw new BotError('NOT_FOUND', `There is no ${noun(kind)} in the archive yet.`);
  const item = postItem(post, ctx.zone);
  return { kind: 'answer', text: postHeadline(item), link: post.url, items: [item] };
}
