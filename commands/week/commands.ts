import { BotError, type CommandContext, type CommandSpec, type Reply } from '../../src/core/types.js';
import { weekAnswer, type WeekData } from '../../src/schedule/week-reply.js';
import { spanOf, WEEKDAYS } from '../../src/schedule/week.js';

export type WeekDeps = WeekData;

/** `!week [day]` as the command answers it (the weekly digest words the same week through the reminder messages). */
function weekReply(deps: WeekDeps, ctx: Pick<CommandContext, 'now' | 'zone' | 'command'>, day: string | undefined): Reply {
  const span = spanOf(day, ctx.now, ctx.zone);
  if (!span) throw new BotError('BAD_ARGUMENTS', `${ctx.command('week')} takes today, tomorrow or a weekday (${WEEKDAYS.join(', ')}), not '${day}'.`);
  return weekAnswer(deps, span, ctx.now, ctx.zone);
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
          phrasings: ["what's happening this week?", 'any meetings today?', "what's on tomorrow in IST", 'what is coming up?', 'schedule for friday', 'list the upcoming events'],
          needs: ['week', 'today', 'tonight', 'tomorrow', 'happen', 'schedule', 'agenda', 'coming up', 'on', 'event', ...WEEKDAYS],
          cues: { event: 2, upcoming: 1, list: 0.5, next: 0.5, week: 3, today: 3, tonight: 3, tomorrow: 3, happen: 2, schedule: 2, agenda: 1, 'coming up': 2, on: 1, meeting: 1, 'test day': 1, ...Object.fromEntries(WEEKDAYS.map((d) => [d, 3])) },
          daySlot: 'day',
        },
      ],
      handler: (ctx) => weekReply(deps, ctx, ctx.args.day as string | undefined),
    },
  ];
}
