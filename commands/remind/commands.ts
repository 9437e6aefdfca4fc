import { DateTime } from 'luxon';
import { cleanLine, truncate } from '../../src/core/sanitize.js';
import { BotError, type CommandContext, type CommandSpec, type Reply } from '../../src/core/types.js';
import { relative, whenText } from '../../src/present/time.js';
import type { Notes } from '../../src/schedule/reminders/notes.js';
import type { Meeting } from '../../src/schedule/types.js';
import { parseWhen, reminderText } from '../../src/schedule/when-parse.js';
import type { Addresses } from '../../src/state/addresses.js';
import { findMeetings } from '../shared/find-meetings.js';
import { requireVerified } from '../shared/verified.js';

export interface RemindDeps {
  notes: Notes;
  addresses: Addresses;
  meetings: () => Meeting[];
  /** Tell the scheduler (when one runs) that personal reminders changed. */
  changed: () => void;
}

const MAX_TEXT = 300;
const MAX_AHEAD_DAYS = 366;
const MAX_PENDING = 50;

const FAR_TEXT = 'I keep reminders for up to a year ahead.';

/** "in 2 years", "in 3 months": a time the parser does not count in, said plainly rather than "When?". */
function farAhead(typed: string): 'years' | 'months' | undefined {
  const m = /\bin\s+(?:\d+|an?|a few|several)\s+(years?|yrs?|months?)\b/i.exec(typed);
  if (!m) return undefined;
  return /^y/i.test(m[1]) ? 'years' : 'months';
}

function meReply(deps: RemindDeps, ctx: CommandContext): Reply {
  requireVerified(ctx, 'reminders');
  const typed = String(ctx.args.what);
  const when = parseWhen(typed, ctx.now, ctx.zone);
  if (!when) {
    // "remind me of the gantry meeting" is a subscription, not a one-off reminder.
    const meeting = /\bmeeting\b/i.test(typed) ? findMeetings(deps.meetings(), typed.replace(/\b(of|about|before|every|each|the|meetings?)\b/gi, ' ').trim()) : [];
    if (meeting.length === 1) {
      throw new BotError('BAD_ARGUMENTS', `To be reminded before every ${meeting[0].name}, use ${ctx.command(`meeting subscribe ${meeting[0].id}`)}.`);
    }
    const far = farAhead(typed);
    if (far) throw new BotError('BAD_ARGUMENTS', far === 'years' ? FAR_TEXT : `${FAR_TEXT} Say months in weeks or days: ${ctx.command('remind me in 8 weeks to …')}`);
    throw new BotError('BAD_ARGUMENTS', `When? Start with a time: ${ctx.command('remind me in 10 minutes to …')}, ${ctx.command('remind me tomorrow 9:00 …')}, ${ctx.command('remind me on friday at 15:00 …')}`);
  }
  const text = truncate(cleanLine(reminderText(when.rest)), MAX_TEXT);
  if (!text) throw new BotError('BAD_ARGUMENTS', `Remind you of what? ${ctx.command(`remind me ${typed.trim()} to <what>`)}.`);
  if (when.at <= ctx.now) throw new BotError('BAD_ARGUMENTS', `That time has passed (${whenText(when.at, ctx.zone)}).`);
  if (when.at > ctx.now.plus({ days: MAX_AHEAD_DAYS })) throw new BotError('BAD_ARGUMENTS', FAR_TEXT);
  if (deps.notes.pending(ctx.message, ctx.now.toMillis()).length >= MAX_PENDING) {
    throw new BotError('DENIED', `You have ${MAX_PENDING} reminders waiting already; cancel some with ${ctx.command('remind cancel <n>')}.`);
  }
  deps.addresses.remember(ctx.message, ctx.now.toMillis());
  const note = deps.notes.add(ctx.message, when.at.toMillis(), text, ctx.zone, ctx.now.toMillis());
  deps.changed();
  return {
    kind: 'answer',
    text: `OK, I'll remind you privately ${relative(when.at, ctx.now)}, ${whenText(when.at, ctx.zone)}: ${text} (reminder ${note.id}; ${ctx.command(`remind cancel ${note.id}`)} to drop it).`,
  };
}

function listReply(deps: RemindDeps, ctx: CommandContext): Reply {
  requireVerified(ctx, 'reminders');
  const pending = deps.notes.pending(ctx.message, ctx.now.toMillis());
  if (pending.length === 0) return { kind: 'answer', text: `You have no reminders waiting. Ask with ${ctx.command('remind me in 10 minutes to …')}` };
  return {
    kind: 'list',
    text: `Your reminders (${pending.length})`,
    items: pending.map((n) => {
      const at = DateTime.fromMillis(n.due, { zone: 'utc' });
      return { title: `${n.id}: ${n.text}`, meta: whenText(at, ctx.zone, relative(at, ctx.now)), when: at };
    }),
  };
}

function cancelReply(deps: RemindDeps, ctx: CommandContext): Reply {
  requireVerified(ctx, 'reminders');
  const id = ctx.args.n as number;
  if (!deps.notes.cancel(ctx.message, id)) throw new BotError('NOT_FOUND', `You have no reminder ${id}. ${ctx.command('remind list')} shows yours.`);
  deps.changed();
  return { kind: 'answer', text: `Reminder ${id} cancelled.` };
}

/** `!remind me <when> <what>`, `!remind list`, `!remind cancel <n>`: one-off reminders, sent privately once. */
export function remindCommands(deps: RemindDeps): CommandSpec[] {
  return [
    {
      family: 'remind',
      name: 'me',
      changesState: true,
      summary: 'remind you privately, once, at a time: in 10 minutes, tomorrow 9:00, on friday at 15:00',
      familySummary: 'one-off private reminders: ask for one, list yours, cancel one',
      args: [{ name: 'what', description: 'when, then what: "in 2 hours to call Bob", "tomorrow 9:00 review the agenda"', required: true, rest: true }],
      examples: ['remind me in 10 minutes to check the CI', 'remind me tomorrow 9:00 review the agenda', 'remind me on friday at 15:00 test day prep'],
      intents: [
        {
          phrasings: ['can you remind me in 10 minutes to check the CI?', 'please remind me tomorrow at 9:00 to review the agenda'],
          needs: ['remind me', 'remind'],
          cues: { 'remind me': 2, remind: 1, in: 1, at: 0.5, tomorrow: 1, minute: 1, hour: 1, day: 0.5 },
          slot: { arg: 'what', required: true, after: true },
        },
      ],
      handler: (ctx) => meReply(deps, ctx),
    },
    {
      family: 'remind',
      name: 'list',
      summary: 'your one-off reminders still to come',
      examples: ['remind list'],
      intents: [{ phrasings: ['which reminders did I ask for?', 'my reminders'], needs: ['my reminder', 'i ask'], cues: { 'my reminder': 3, 'i ask': 2, reminder: 1 } }],
      handler: (ctx) => listReply(deps, ctx),
    },
    {
      family: 'remind',
      name: 'cancel',
      changesState: true,
      summary: 'drop one of your reminders (its number from !remind list)',
      args: [{ name: 'n', description: 'the reminder number', required: true, integer: true }],
      examples: ['remind cancel 3'],
      handler: (ctx) => cancelReply(deps, ctx),
    },
  ];
}
