import { BotError, type CommandSpec } from '../../src/core/types.js';
import { postWhyCommand } from './why.js';
import { archiveNow, foundReply, latestReply, listReply, searchReply, type ArchiveDeps } from '../shared/posts.js';

/** `!post …`: any post of the archive. */
export function postCommands(deps: ArchiveDeps): CommandSpec[] {
  return [
    {
      family: 'post',
      name: 'latest',
      summary: 'the newest post',
      intents: [
        {
          phrasings: ["what's the latest blog post?", 'anything new on the blog?', 'what was posted last', 'most recent article'],
          needs: ['post', 'blog', 'article', 'news', 'publish'],
          cues: { latest: 2, last: 2, newest: 2, recent: 2, new: 1.5 },
        },
      ],
      isDefault: true,
      familySummary: 'any post of the blog archive: the latest, a search, by tag, statistics, why a post is an interview or not',
      handler: (ctx) => latestReply(deps, ctx),
    },
    {
      family: 'post',
      name: 'search',
      summary: 'posts that mention these words, best match first',
      args: [{ name: 'words', description: 'what to look for', required: true, rest: true }],
      examples: ['post search tempest', 'post search "software factory"'],
      intents: [
        {
          phrasings: ['posts about tempest', 'did anyone write about ceph?', 'find blog articles on packaging', 'is there a post on software factory'],
          needs: ['post', 'blog', 'article', 'write', 'publish'],
          cues: { about: 1, on: 0.5, search: 1, find: 1, look: 1 },
          slot: { arg: 'words', required: true },
        },
      ],
      handler: (ctx) => searchReply(deps, ctx, undefined, ctx.args.words as string),
    },
    {
      family: 'post',
      name: 'find',
      // No intents: a question in words that no command fits is read as this (src/language/fallback.ts).
      summary: 'posts and interviews that mention any of these words, the best few first',
      args: [{ name: 'words', description: 'what to look for', required: true, rest: true }],
      examples: ['post find tripleo', 'post find Priya Raman'],
      handler: (ctx) => foundReply(deps, ctx, ctx.args.words as string),
    },
    {
      family: 'post',
      name: 'tag',
      summary: 'the newest posts with this tag',
      args: [{ name: 'tag', description: 'a tag, e.g. mitaka', required: true }],
      examples: ['post tag mitaka'],
      intents: [
        {
          phrasings: ['posts tagged kestrel', 'which posts have the tag tempest'],
          needs: ['tag', 'tagged'],
          cues: { tag: 3, tagged: 3, post: 1 },
          slot: { arg: 'tag', required: true },
        },
      ],
      handler: (ctx) => {
        const tag = String(ctx.args.tag);
        const posts = archiveNow(deps, ctx).byTag(tag);
        if (posts.length === 0) throw new BotError('NOT_FOUND', `No post is tagged '${tag}'.`);
        return listReply(deps, ctx, undefined, undefined, posts);
      },
    },
    {
      family: 'post',
      name: 'stats',
      summary: 'posts per year, top tags and top authors',
      intents: [
        {
          phrasings: ['blog statistics', 'how many posts are there?', 'who writes the most posts?'],
          needs: ['stats', 'statistics', 'how many', 'most', 'top'],
          cues: { stats: 3, statistics: 3, 'how many': 2, most: 2, top: 2, post: 1, blog: 1, author: 1, write: 1 },
        },
      ],
      handler: (ctx) => {
        const stats = archiveNow(deps, ctx).stats();
        const pairs = (list: [string, number][]) => list.map(([k, n]) => `${k} ${n}`).join(', ') || 'none';
        return {
          kind: 'answer',
          text: `${stats.posts} posts`,
          fields: [
            { label: 'per year', value: pairs(stats.byYear) },
            { label: 'top tags', value: pairs(stats.topTags) },
            { label: 'top authors', value: pairs(stats.topAuthors) },
          ],
        };
      },
    },
    postWhyCommand(deps),
  ];
}
