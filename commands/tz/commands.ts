import { BotError, type CommandContext, type CommandSpec, type Reply } from '../../src/core/types.js';
import { cleanLine } from '../../src/core/sanitize.js';
import { resolveZone } from '../../src/core/zones.js';
import type { UserZones } from '../../src/state/user-zones.js';
import { clockDayText } from '../../src/present/time.js';

export interface TzDeps {
  zones: UserZones;
  /** The bot's default zone, for "times are shown in UTC". */
  defaultZone: string;
}

const ZONE_WORDS = [
  'time zone', 'timezone', 'tz', 'zone', 'my time', 'local time',
];

function nowThere(ctx: CommandContext, zone: string): string {
  return clockDayText(ctx.now, zone);
}

function showReply(deps: TzDeps, ctx: CommandContext): Reply {
  const own = deps.zones.get(ctx.message);
  if (own?.scope === 'stored') {
    return { kind: 'answer', text: `Your time zone is ${own.zone} (it is ${nowThere(ctx, own.zone)} there). Change it with ${ctx.command('tz set <zone>')}, forget it with ${ctx.command('tz clear')}.` };
  }
  if (own?.scope === 'session') {
    return { kind: 'answer', text: `Your time zone is ${own.zone} for this session only: your nick is not identified with services, so it is not kept when I restart.` };
  }
  if (ctx.message.userZone) {
    return { kind: 'answer', text: `Your time zone is ${ctx.message.userZone}, from your ${ctx.message.network} profile (it is ${nowThere(ctx, ctx.message.userZone)} there). Set another with ${ctx.command('tz set <zone>')}.` };
  }
  return { kind: 'answer', text: `You have not set a time zone, so I show times in ${deps.defaultZone}. Set yours with ${ctx.command('tz set Europe/Paris')} (or a city: ${ctx.command('tz set Bangalore')}).` };
}

function setReply(deps: TzDeps, ctx: CommandContext): Reply {
  const typed = String(ctx.args.zone);
  const read = resolveZone(cleanLine(typed));
  if ('error' in read) throw new BotError('BAD_ARGUMENTS', read.error);
  const zone = read.zone;
  const scope = deps.zones.set(ctx.message, zone, ctx.now.toMillis());
  const now = nowThere(ctx, zone);
  if (scope === 'session') {
    return {
      kind: 'answer',
      text: `I'll show you times in ${zone} (it is ${now} there) until I restart: your nick is not identified with services, so I cannot keep it for you. Identify with NickServ to have it kept.`,
    };
  }
  return { kind: 'answer', text: `Your time zone is now ${zone} (it is ${now} there). Every time I show you is in it; --tz still overrides it for one command.` };
}

function clearReply(deps: TzDeps, ctx: CommandContext): Reply {
  const had = deps.zones.clear(ctx.message);
  const fallback = ctx.message.userZone ? `your ${ctx.message.network} profile's zone, ${ctx.message.userZone}` : deps.defaultZone;
  return { kind: 'answer', text: had ? `Forgotten: times are shown in ${fallback} again.` : `You had no time zone set; times are shown in ${fallback}.` };
}

/** `!tz`, `!tz set <zone>`, `!tz clear`: each person's own time zone for the times the bot shows them. */
export function tzCommands(deps: TzDeps): CommandSpec[] {
  return [
    {
      family: 'tz',
      name: '',
      summary: 'your time zone, used for every time I show you',
      examples: ['tz', 'tz set Europe/Paris', 'tz clear'],
      intents: [{ phrasings: ['what is my time zone?', 'which timezone do you use for me'], needs: ZONE_WORDS, cues: { my: 1, what: 1, which: 1, show: 1 } }],
      handler: (ctx) => showReply(deps, ctx),
    },
    {
      family: 'tz',
      name: 'set',
      changesState: true,
      summary: 'remember your time zone (an IANA name or a city)',
      args: [{ name: 'zone', description: 'e.g. Europe/Paris, Asia/Kolkata, Bangalore, New York', required: true, rest: true }],
      examples: ['tz set Europe/Paris', 'tz set Bangalore'],
      intents: [
        {
          phrasings: ['set my time zone to Europe/Paris', 'my timezone is IST', 'I live in Bangalore', 'use Tokyo time for me'],
          needs: [...ZONE_WORDS, 'live', 'base', 'set', 'use', 'i am'],
          cues: { set: 2, change: 2, live: 2, base: 2, my: 1, use: 1 },
          zoneSlot: 'zone',
        },
      ],
      handler: (ctx) => setReply(deps, ctx),
    },
    {
      family: 'tz',
      name: 'clear',
      changesState: true,
      summary: 'forget your time zone',
      examples: ['tz clear'],
      intents: [{ phrasings: ['forget my time zone', 'clear my timezone'], needs: ZONE_WORDS, cues: { clear: 3, forget: 3, remove: 3, reset: 3, delete: 3, unset: 3 } }],
      handler: (ctx) => clearReply(deps, ctx),
    },
  ];
}
