import type { CommandSpec } from '../src/core/types.js';

export interface AboutDeps {
  version: string;
  /** Live counts for the about line ("218 posts, 15 interviews, …"). */
  counts: () => Record<string, number>;
  homepage?: string;
  /** A sentence about the data served (the built-in samples), added to the about line. */
  notice?: string;
}

/** `!about` and `!version`. */
export function aboutCommands(deps: AboutDeps): CommandSpec[] {
  return [
    {
      family: 'about',
      name: '',
      summary: 'what this bot is and what it knows',
      intents: [
        {
          phrasings: ['who are you?', 'what are you', 'what do you know?'],
          needs: ['who are you', 'what are you', 'what do you know', 'this bot', 'about you', 'the bot'],
        },
      ],
      handler: (ctx) => {
        const counts = Object.entries(deps.counts())
          // "1 meeting", "2 meetings": the keys are plurals.
          .map(([what, n]) => `${n} ${n === 1 ? what.replace(/s$/, '') : what}`)
          .join(', ');
        return {
          kind: 'answer',
          text: `rdobot ${deps.version}, the RDO community bot. It knows ${counts}.${deps.notice ? ` ${deps.notice}` : ''} Try ${ctx.command('help')}.`,
          link: deps.homepage,
        };
      },
    },
    {
      family: 'version',
      name: '',
      summary: 'the running version',
      intents: [{ phrasings: ['what version are you running?', 'which version is this'], needs: ['version'], cues: { version: 3 } }],
      handler: () => ({ kind: 'answer', text: `rdobot ${deps.version} on Node.js ${process.versions.node}` }),
    },
  ];
}
