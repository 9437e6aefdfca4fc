import { DateTime } from 'luxon';
import { BotError, type CommandContext, type CommandSpec, type Reply } from '../../src/core/types.js';
import { relative, whenText } from '../../src/present/time.js';
import { reminderTitle } from '../../src/schedule/reminders/message.js';
import type { PlannedReminder } from '../../src/schedule/reminders/plan.js';
import { personalTarget } from '../../src/state/users-db.js';

export interface RemindersDeps {
  /** The next reminders a channel (`network:room`) will get; absent where no scheduler runs. */
  upcoming?: (target: string, count: number) => PlannedReminder[];
}

const DEFAULT_COUNT = 5;

function leadText(minutes: number): string {
  if (minutes === 0) return 'at the start';
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return `${[d ? `${d} d` : '', h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean).join(' ')} before`;
}

function remindersReply(deps: RemindersDeps, ctx: CommandContext): Reply {
  if (!deps.upcoming) throw new BotError('NOT_FOUND', 'Reminders are not running here (they need `rdobot run`).');
  // In a private conversation: the asker's own reminders (subscriptions, !remind me).
  const channel = ctx.message.isPrivate ? personalTarget(ctx.message.network, ctx.message.user.id) : `${ctx.message.network}:${ctx.message.room}`;
  const n = (ctx.args.n as number | undefined) ?? DEFAULT_COUNT;
  const next = deps.upcoming(channel, n);
  if (next.length === 0) {
    if (ctx.message.isPrivate) {
      return { kind: 'answer', text: `You have no reminders in the next weeks. ${ctx.command('meeting subscribe <meeting>')} or ${ctx.command('remind me in 10 minutes to …')} sets one.` };
    }
    return { kind: 'answer', text: `This channel gets no reminders in the next weeks. An operator can turn meeting reminders on with ${ctx.command('meeting remind on')}.` };
  }
  // Asked in private, they are the asker's own: subscriptions and `!remind me`.
  const whose = ctx.message.isPrivate ? 'for you' : 'for this channel';
  return {
    kind: 'list',
    text: `Next reminder${next.length === 1 ? '' : 's'} ${whose}:`,
    items: next.map((r) => {
      const due = DateTime.fromMillis(r.due, { zone: 'utc' });
      const start = r.subject.kind === 'meeting' ? r.subject.occurrence.start : r.subject.kind === 'testday' ? r.subject.testDay.start : undefined;
      return {
        title: reminderTitle(r),
        meta: `reminder ${whenText(due, ctx.zone, relative(due, ctx.now))}${start ? `, ${leadText(r.leadMinutes)} ${whenText(start, ctx.zone)}` : ''}`,
        when: due,
      };
    }),
  };
}

/** `!reminders`: what this channel will be reminded of next. */
export function remindersCommands(deps: RemindersDeps): CommandSpec[] {
  return [
    {
      family: 'reminders',
      name: '',
      summary: 'the next reminders this channel will get (meetings and test days)',
      args: [{ name: 'n', description: 'how many to show', integer: true }],
      examples: ['reminders', 'reminders 10 --tz Europe/Paris'],
      intents: [
        {
          phrasings: ['what reminders are planned?', 'which reminders does this channel get'],
          needs: ['reminder'],
          cues: { reminder: 2, channel: 1, upcoming: 1, next: 1, plan: 1, planned: 1 },
        },
      ],
      handler: (ctx) => remindersReply(deps, ctx),
    },
  ];
}
