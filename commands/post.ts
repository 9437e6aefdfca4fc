import { BotError, type CommandSpec } from '../src/core/types.js';
import { postWhyCommand } from './post-why.js';
import { latestReply, listReply, searchReply, type ArchiveDeps } from './posts-shared.js';

/** `!post …`: any post of the archive. */
export function postCommands(deps: ArchiveDeps): CommandSpec[] {
  return [
    {
      family: 'post',
      name: 'latest',
      summary: 'the newest post',
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
      handler: (ctx) => searchReply(deps, ctx, undefined, ctx.args.words as string),
    },
    {
      family: 'post',
      name: 'tag',
      summary: 'the newest posts with this tag',
      args: [{ name: 'tag', description: 'a tag, e.g. mitaka', required: true }],
      examples: ['post tag mitaka'],
      handler: (ctx) => {
        const tag = String(ctx.args.tag);
        const posts = deps.archive().byTag(tag);
        if (posts.length === 0) throw new BotError('NOT_FOUND', `No post is tagged '${tag}'.`);
        return listReply(deps, ctx, undefined, 5, posts);
      },
    },
    {
      family: 'post',
      name: 'stats',
      summary: 'posts per year, top tags and top authors',
      handler: () => {
        const stats = deps.archive().stats();
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
