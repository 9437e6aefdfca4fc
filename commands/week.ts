import { entryLabel } from '../src/schedule/entry-kind.js';
import type { Archive } from '../src/archive/archive.js';
import { BotError, type CommandContext, type CommandSpec, type Reply, type ReplyItem } from '../src/core/types.js';
import { dayText, listSpanText, listTimeText, relative } from '../src/present/time.js';
import type { Meeting, TestDay } from '../src/schedule/types.js';
import { spanOf, weekEntries, WEEKDAYS, type WeekEntry } from '../src/schedule/week.js';

export interface WeekDeps {
  meetings: () => Meeting[];
  testDays: () => TestDay[];
  archive: () => Archive;
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Each line's time in the asker's zone (the heading names it) with UTC beside it once. */
function item(e: WeekEntry, ctx: CommandContext): ReplyItem {
  if (e.kind === 'meeting') {
    const o = e.occurrence;
    const timing = o.start <= ctx.now && ctx.now < o.end ? 'running now' : relative(o.start, ctx.now);
    return { title: o.meeting.name, link: o.meeting.agendaUrl, meta: `${listTimeText(o.start, ctx.zone, timing)}, ${o.location}`, when: o.start };
  }
  if (e.kind === 'testday') {
    const t = e.testDay;
    return { title: t.title, link: t.link, meta: `${entryLabel(t)}, ${listSpanText(t.start, t.end, ctx.zone)}`, when: t.start };
  }
  const p = e.post;
  return { title: p.title, link: p.url, meta: `new post, ${listTimeText(e.at, ctx.zone)}, by ${p.author}`, when: p.date };
}

export function weekReply(deps: WeekDeps, ctx: CommandContext, day: string | undefined, heading?: string): Reply {
  const span = spanOf(day, ctx.now, ctx.zone);
  if (!span) throw new BotError('BAD_ARGUMENTS', `!week takes today, tomorrow or a weekday (${WEEKDAYS.join(', ')}), not '${day}'.`);
  const entries = weekEntries(span, deps.meetings(), deps.testDays(), deps.archive().all(), ctx.now);
  const meetings = entries.filter((e) => e.kind === 'meeting').length;
  const testDays = entries.filter((e) => e.kind === 'testday').length;
  const posts = entries.filter((e) => e.kind === 'post').length;
  const dates = span.label === 'the coming 7 days' ? '' : ` (${dayText(span.from, ctx.zone)})`;
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
