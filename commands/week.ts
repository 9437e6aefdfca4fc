import type { DateTime } from 'luxon';
import { entryLabel } from '../src/schedule/entry-kind.js';
import type { Archive } from '../src/archive/archive.js';
import { noteTime } from '../src/core/times.js';
import { BotError, type CommandContext, type CommandSpec, type Reply, type ReplyItem } from '../src/core/types.js';
import { relative } from '../src/present/time.js';
import type { Meeting, TestDay } from '../src/schedule/types.js';
import { spanOf, weekEntries, WEEKDAYS, type WeekEntry } from '../src/schedule/week.js';

export interface WeekDeps {
  meetings: () => Meeting[];
  testDays: () => TestDay[];
  archive: () => Archive;
}

/** "Thu 26 Nov 15:00" in the asker's zone (noted, so Slack shows it in each reader's own zone). */
export function localWhen(at: DateTime, zone: string): string {
  const text = at.setZone(zone).toFormat('ccc d LLL HH:mm');
  noteTime(text, at);
  return text;
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function item(e: WeekEntry, ctx: CommandContext): ReplyItem {
  const when = localWhen(e.at, ctx.zone);
  if (e.kind === 'meeting') {
    const o = e.occurrence;
    const timing = o.start <= ctx.now && ctx.now < o.end ? 'running now' : relative(o.start, ctx.now);
    return { title: o.meeting.name, link: o.meeting.agendaUrl, meta: `${when} (${timing}), ${o.location}`, when: o.start };
  }
  if (e.kind === 'testday') {
    const t = e.testDay;
    const label = entryLabel(t);
    return { title: t.title, link: t.link, meta: `${label}, ${when} to ${localWhen(t.end, ctx.zone)}`, when: t.start };
  }
  const p = e.post;
  return { title: p.title, link: p.url, meta: `new post, ${when}, by ${p.author}`, when: p.date };
}

export function weekReply(deps: WeekDeps, ctx: CommandContext, day: string | undefined, heading?: string): Reply {
  const span = spanOf(day, ctx.now, ctx.zone);
  if (!span) throw new BotError('BAD_ARGUMENTS', `${ctx.command('week')} takes today, tomorrow or a weekday (${WEEKDAYS.join(', ')}), not '${day}'.`);
  const entries = weekEntries(span, deps.meetings(), deps.testDays(), deps.archive().all(), ctx.now);
  const meetings = entries.filter((e) => e.kind === 'meeting').length;
  const testDays = entries.filter((e) => e.kind === 'testday').length;
  const posts = entries.filter((e) => e.kind === 'post').length;
  const dates = span.label === 'the coming 7 days' ? '' : ` (${span.from.toFormat('ccc d LLL')})`;
  const title = heading ?? `${span.label[0].toUpperCase()}${span.label.slice(1)}${dates}, times in ${ctx.zone}`;
  if (entries.length === 0) return { kind: 'answer', text: `${title}: no meetings, test days or new posts.` };
  const summary = [count(meetings, 'meeting'), count(testDays, 'test day'), count(posts, 'new post')].join(', ');
  return { kind: 'list', text: `${title}: ${summary}`, items: entries.map((e) => item(e, ctx)) };
}

/** `!week [day]`: meetings, test days and new posts of the coming seven days (or of one day), in the asker's zone. */
export function weekCommands(deps: WeekDeps): CommandSpec[] {
  return [
    {
      family: 'week',
      name: '',
      summary: 'meetings, test days and new posts of the coming 7 days (or of one day) in your time zone',
      args: [{ name: 'day', description: 'today, tomorrow or a weekday' }],
      examples: ['week', 'week today', 'week friday --tz Asia/Kolkata'],
      intents: [
        {
          phrasings: ["what's happening this week?", 'any meetings today?', "what's on tomorrow in IST", 'what is coming up?', 'schedule for friday'],
          needs: ['week', 'today', 'tonight', 'tomorrow', 'happen', 'schedule', 'agenda', 'coming up', 'on', ...WEEKDAYS],
          cues: { week: 3, today: 3, tonight: 3, tomorrow: 3, happen: 2, schedule: 2, agenda: 1, 'coming up': 2, on: 1, meeting: 1, 'test day': 1, ...Object.fromEntries(WEEKDAYS.map((d) => [d, 3])) },
          daySlot: 'day',
        },
      ],
      handler: (ctx) => weekReply(deps, ctx, ctx.args.day as string | undefined),
    },
  ];
}
