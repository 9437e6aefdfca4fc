import type { DateTime } from 'luxon';
import type { CommandSpec } from '../../src/core/types.js';

export interface AboutDeps {
  version: string;
  /** Live counts for the about line ("218 posts, 15 interviews, …"), as they stood at the asker's now. */
  counts: (now: DateTime) => Record<string, number>;
  homepage?: string;
  /** A sentence about the data served (the built-in samples), added to the about line. */
  notice?: string;
  /** The plugins loaded beside the built-in families, each said with its version. */
  plugins?: () => readonly { name: string; version: string }[];
}

/** What RDO is, for a newcomer who asks "what is RDO?" (said by `!about`). */
export const RDO = 'RDO is the community that packages OpenStack for CentOS, Fedora and RHEL: packages, CI, docs, test days and weekly meetings.';

/** `!about` and `!version`. */
export function aboutCommands(deps: AboutDeps): CommandSpec[] {
  return [
    {
      family: 'about',
      name: '',
      summary: 'what this bot is and what it knows',
      intents: [
        {
          phrasings: ['who are you?', 'what are you', 'what do you know?', 'tell me about yourself'],
          needs: ['who are you', 'what are you', 'what do you know', 'this bot', 'about you', 'the bot', 'yourself'],
          cues: { yourself: 3 },
        },
      ],
      handler: (ctx) => {
        const counts = Object.entries(deps.counts(ctx.now))
          // "1 meeting", "2 meetings": the keys are plurals.
          .map(([what, n]) => `${n} ${n === 1 ? what.replace(/s$/, '') : what}`)
          .join(', ');
        const plugins = (deps.plugins?.() ?? []).map((p) => `${p.name} ${p.version}`).join(', ');
        return {
          kind: 'answer',
          text: `rdobot ${deps.version}, the RDO community bot. It knows ${counts}.${deps.notice ? ` ${deps.notice}` : ''}${plugins ? ` Plugins: ${plugins}.` : ''} Try ${ctx.command('help')}.`,
          fields: [
            { label: 'RDO', value: RDO },
            { label: 'ask', value: `meetings, test days, interviews and the blog, in plain words ("when is the next test day?") or as commands (${ctx.command('help')})` },
          ],
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
