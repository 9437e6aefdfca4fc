import type { CommandSpec } from '../src/core/types.js';
import { latestReply, listReply, randomReply, searchReply, type ArchiveDeps } from './posts-shared.js';

const DEFAULT_LIST = 20;

/** `!interview …`: the community's interviews and podcasts. */
export function interviewCommands(deps: ArchiveDeps): CommandSpec[] {
  return [
    {
      family: 'interview',
      name: 'latest',
      summary: 'the newest interview: title, person, date, link and what it is about',
      examples: ['interview latest', 'interview latest --tz Europe/Paris'],
      isDefault: true,
      familySummary: "the community's interviews and podcasts: the latest, a list, a search, one at random",
      handler: (ctx) => latestReply(deps, ctx, 'interview'),
    },
    {
      family: 'interview',
      name: 'list',
      summary: `the interviews, newest first (${DEFAULT_LIST} unless you say how many)`,
      args: [{ name: 'n', description: 'how many to show', integer: true }],
      examples: ['interview list', 'interview list 20'],
      handler: (ctx) => listReply(deps, ctx, 'interview', (ctx.args.n as number | undefined) ?? DEFAULT_LIST),
    },
    {
      family: 'interview',
      name: 'search',
      summary: 'interviews that mention these words (person, project, topic)',
      args: [{ name: 'words', description: 'what to look for', required: true, rest: true }],
      examples: ['interview search keystone', 'interview search haikel'],
      handler: (ctx) => searchReply(deps, ctx, 'interview', ctx.args.words as string),
    },
    {
      family: 'interview',
      name: 'random',
      summary: 'an interview picked at random',
      handler: (ctx) => randomReply(deps, ctx, 'interview'),
    },
  ];
}
