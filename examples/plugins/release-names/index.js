import { parseMore, RELEASES } from './releases.js';

const title = (name) => name[0].toUpperCase() + name.slice(1);
const slurp = (r) => Number(r.version.slice(0, 4)) >= 2023 && r.version.endsWith('.1');

/** One release in words, at `today` (YYYY-MM-DD): released or due. */
function describe(r, today) {
  const when = r.date <= today ? `released ${r.date}` : `due ${r.date}`;
  const version = r.version ? ` ${r.version}` : ' (no release-wide version)';
  return `${title(r.name)} is${version}, ${when}${slurp(r) ? ' (a SLURP release: an upgrade may skip the one before it)' : ''}.`;
}

/** @type {import('rdobot/plugin').RdobotPlugin} */
export default {
  name: 'release-names',
  version: '1.0.0',
  description: 'OpenStack release names, versions and dates',
  api: 1,
  // Its answers read nothing of the meetings and test days: no wait for the schedule to be built.
  readsSchedule: false,
  settings: {
    more: { type: 'list', description: 'releases to add, as name:version:date (gazpacho:2026.1:2026-04-01)', default: [] },
    link: { type: 'string', description: 'where the schedule of releases is', default: 'https://releases.openstack.org/' },
  },
  commands: ({ settings }) => {
    const all = [...RELEASES, ...parseMore(settings.more ?? [])].sort((a, b) => a.date.localeCompare(b.date));
    const find = (word) => all.find((r) => r.name === word.toLowerCase() || (r.version && r.version === word));
    const today = (ctx) => ctx.now.toISODate();
    return [
      {
        family: 'release',
        name: '',
        summary: 'an OpenStack release by name or version: its version or name and date; alone, the latest',
        familySummary: 'OpenStack release names, versions and dates',
        args: [{ name: 'release', description: 'a release name (caracal) or version (2024.1)' }],
        examples: ['release caracal', 'release 2023.2', 'release'],
        intents: [
          {
            phrasings: ['which openstack release is 2024.1?', 'what version is caracal', 'when was bobcat released'],
            needs: ['release', 'openstack release', 'version'],
            cues: { release: 2, version: 1, openstack: 1 },
            slot: { arg: 'release' },
          },
        ],
        handler: (ctx) => {
          const word = ctx.args.release === undefined ? undefined : String(ctx.args.release).trim();
          if (!word) {
            const latest = all.filter((r) => r.date <= today(ctx)).at(-1);
            const next = all.find((r) => r.date > today(ctx));
            const after = next ? ` Next: ${title(next.name)}${next.version ? ` ${next.version}` : ''}, due ${next.date}.` : '';
            return { kind: 'answer', text: `The latest OpenStack release is ${title(latest.name)}${latest.version ? ` ${latest.version}` : ''}, released ${latest.date}.${after}`, link: settings.link };
          }
          const r = find(word);
          if (!r) {
            const e = new Error(`No OpenStack release called ${word}. Try ${ctx.command('release list')}.`);
            e.name = 'BotError';
            e.code = 'NOT_FOUND';
            throw e;
          }
          // Asked by version, the answer starts with the name: "2023.2 is Bobcat".
          const text = word === r.version ? `${r.version} is ${title(r.name)}, ${r.date <= today(ctx) ? 'released' : 'due'} ${r.date}.` : describe(r, today(ctx));
          return { kind: 'answer', text, link: settings.link };
        },
      },
      {
        family: 'release',
        name: 'list',
        summary: 'every OpenStack release, newest first',
        examples: ['release list'],
        handler: (ctx) => ({
          kind: 'list',
          text: `OpenStack releases (${all.length}), newest first:`,
          items: [...all].reverse().map((r) => ({ title: `${title(r.name)}${r.version ? ` ${r.version}` : ''}`, summary: r.date <= today(ctx) ? r.date : `due ${r.date}` })),
          link: settings.link,
        }),
      },
    ];
  },
};
