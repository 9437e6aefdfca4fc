import type { CommandSpec } from '../../src/core/types.js';
import { postKind } from '../../src/archive/classify/post-kinds.js';
import { latestReply, listReply, randomReply, searchReply, type ArchiveDeps } from '../shared/posts.js';

/** `!interview …`: the community's interviews and podcasts. */
export function interviewCommands(deps: ArchiveDeps): CommandSpec[] {
  return [
    {
      family: 'interview',
      name: 'latest',
      summary: 'the newest interview: title, person, date, link and what it is about',
      examples: ['interview latest', 'interview latest --tz Europe/Paris'],
      intents: [
        {
          phrasings: ['who was interviewed last?', 'what is the latest interview', 'newest podcast', 'most recent interview please'],
          needs: [...postKind('interview').words],
          cues: { interview: 2.5, podcast: 2.5, interviews: 1, podcasts: 1, latest: 2, last: 2, newest: 2, recent: 2, new: 1 },
        },
      ],
      isDefault: true,
      familySummary: "the community's interviews and podcasts: the latest, a list, a search, one at random",
      handler: (ctx) => latestReply(deps, ctx, 'interview'),
    },
    {
      family: 'interview',
      name: 'list',
      summary: 'the interviews, newest first (all of them unless you say how many)',
      args: [{ name: 'n', description: 'how many to show', integer: true }],
      examples: ['interview list', 'interview list 20'],
      intents: [
        {
          phrasings: ['list all interviews', 'show me every interview', 'how many interviews are there?', 'the last 5 interviews', 'show me some interviews'],
          needs: [...postKind('interview').words, 'interviews', 'podcasts'],
          cues: { interviews: 3.5, podcasts: 3.5, list: 3, all: 2, every: 2, some: 2, few: 2, been: 1.5, 'how many': 2, newest: 1.5, latest: 1.5, recent: 1.5 },
        },
      ],
      handler: (ctx) => listReply(deps, ctx, 'interview', ctx.args.n as number | undefined),
    },
    {
      family: 'interview',
      name: 'search',
      summary: 'interviews that mention these words (person, project, topic)',
      args: [{ name: 'words', description: 'what to look for', required: true, rest: true }],
      examples: ['interview search keystone', 'interview search haikel'],
      intents: [
        {
          phrasings: ['was Priya Raman interviewed?', 'any interview with Zoe Nunez', 'interviews about ceph', 'did you talk to Tomasz?'],
          needs: [...postKind('interview').words, 'talk'],
          cues: { with: 1, about: 1, search: 1, find: 1, look: 1 },
          slot: { arg: 'words', required: true },
        },
      ],
      handler: (ctx) => searchReply(deps, ctx, 'interview', ctx.args.words as string),
    },
    {
      family: 'interview',
      name: 'random',
      summary: 'an interview picked at random',
      intents: [
        {
          phrasings: ['give me a random interview', 'surprise me with a podcast', 'pick any interview'],
          needs: [...postKind('interview').words],
          cues: { random: 3, surprise: 3, pick: 2 },
        },
      ],
      handler: (ctx) => randomReply(deps, ctx, 'interview'),
    },
  ];
}
