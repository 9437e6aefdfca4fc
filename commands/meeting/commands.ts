import type { DateTime } from 'luxon';
import { BotError, type CommandContext, type CommandSpec, type Reply, type ReplyItem } from '../../src/core/types.js';
import { dateText, isFar, whenText } from '../../src/present/time.js';
import { findMeetings } from '../shared/find-meetings.js';
import { occurrenceItem, timing } from '../../src/views/occurrence-item.js';
import { describeEntry, nextOccurrences } from '../../src/schedule/recurrence.js';
import type { Meeting, Occurrence } from '../../src/schedule/types.js';

/** Turning a channel's meeting reminders on and off; absent where no scheduler runs (one-shot mode). */
export interface RemindControl {
  /** `network:room` of the asking channel; returns how many meetings it will now be reminded of (0 when off). */
  setEnabled(channel: string, on: boolean): number | Promise<number>;
}

export interface MeetingDeps {
  meetings: () => Meeting[];
  reminders?: RemindControl;
}

/** Longest meeting, so "next" also finds one that is running now. */
const RUNNING_WINDOW_MIN = 24 * 60;

/** The next occurrence of each meeting that has not ended yet, soonest first. */
function upcoming(meetings: Meeting[], now: DateTime): Occurrence[] {
  return meetings
    .flatMap((m) => nextOccurrences(m, now.minus({ minutes: RUNNING_WINDOW_MIN }), 8).filter((o) => o.end > now).slice(0, 1))
    .sort((a, b) => a.start.toMillis() - b.start.toMillis() || a.meeting.name.localeCompare(b.meeting.name));
}

/** Words that say which community, not which meeting ("the next RDO community meeting"): alone they name none. */
const NO_NAME = /^(?:rdo|openstack|community|weekly|irc|regular|usual|our|the)$/i;

function nextReply(deps: MeetingDeps, ctx: CommandContext): Reply {
  const all = deps.meetings();
  const asked = ctx.args.name as string | undefined;
  const named = asked ? findMeetings(all, asked) : all;
  // "the next RDO community meeting" where no meeting has such a name: the next meeting of all, not a dead end.
  const generic = asked !== undefined && named.length === 0 && asked.split(/\s+/).every((w) => NO_NAME.test(w));
  const query = generic ? undefined : asked;
  const chosen = generic ? all : named;
  if (query && chosen.length === 0) {
    throw new BotError('NOT_FOUND', `No meeting matches '${query}'. Try ${ctx.command('meeting list')}.`);
  }
  const [first] = upcoming(chosen, ctx.now);
  // Nothing on the calendar is an answer, not a failure.
  if (!first) {
    return { kind: 'answer', text: query ? `${chosen[0].name} has no scheduled meeting: it meets as needed.` : 'No meeting is scheduled.' };
  }
  const item = occurrenceItem(first, ctx);
  const agenda = first.meeting.agendaUrl ? `, agenda: ${first.meeting.agendaUrl}` : '';
  return { kind: 'answer', text: `${first.meeting.name} — ${item.meta}${agenda}`, link: first.meeting.agendaUrl, items: [item] };
}

/** "every Wednesday at 14:00 UTC in #rdo", for each schedule entry of a meeting. */
function rulesText(m: Meeting): string {
  const rules = m.schedules.map((s) => (s.frequency === 'adhoc' ? `${describeEntry(s)}, ${s.channel}` : `${describeEntry(s)} in ${s.channel}`));
  return [...new Set(rules)].join('; ');
}

/** The next date; its time too when the asker reads another zone than the rule's (the rule says the time). */
function nextText(o: Occurrence, ctx: CommandContext): string {
  return o.schedule.zone === ctx.zone ? dateText(o.start, ctx.zone) : whenText(o.start, ctx.zone);
}

function listReply(deps: MeetingDeps, ctx: CommandContext): Reply {
  const all = deps.meetings();
  if (all.length === 0) return { kind: 'answer', text: 'No meetings are defined.' };
  const next = new Map(upcoming(all, ctx.now).map((o) => [o.meeting, o]));
  const ordered = [...all].sort((a, b) => (next.get(a)?.start.toMillis() ?? Infinity) - (next.get(b)?.start.toMillis() ?? Infinity) || a.name.localeCompare(b.name));
  const items: ReplyItem[] = ordered.map((m) => {
    const o = next.get(m);
    return {
      title: m.name,
      link: m.agendaUrl,
      // Far off, the date already says when: "next Thu 2016-01-07", not "…, on 2016-01-07" as well.
      meta: o ? `${rulesText(m)}; next ${nextText(o, ctx)}${o.start > ctx.now && isFar(o.start, ctx.now) ? '' : `, ${timing(o, ctx.now)}`}` : rulesText(m),
      when: o?.start,
    };
  });
  return { kind: 'list', text: `${all.length} meeting${all.length === 1 ? '' : 's'}, soonest first:`, items };
}

async function remindReply(deps: MeetingDeps, ctx: CommandContext): Promise<Reply> {
  const state = String(ctx.args.state ?? '').toLowerCase();
  if (state !== 'on' && state !== 'off') throw new BotError('BAD_ARGUMENTS', `${ctx.command('meeting remind')} takes 'on' or 'off'.`);
  if (!deps.reminders) throw new BotError('NOT_FOUND', 'Reminders are not running here (they need `rdobot run`).');
  const channel = `${ctx.message.network}:${ctx.message.room}`;
  const count = await deps.reminders.setEnabled(channel, state === 'on');
  const text = state === 'on' ? `Meeting reminders are on for this channel (${count} meeting${count === 1 ? '' : 's'}).` : 'Meeting reminders are off for this channel.';
  return { kind: 'answer', text };
}

/** `!meeting …`: when the community meets, and reminders for it. */
export function meetingCommands(deps: MeetingDeps): CommandSpec[] {
  return [
    {
      family: 'meeting',
      name: 'next',
      summary: 'the next meeting (or the next one of a meeting you name): when, where, agenda',
      args: [{ name: 'name', description: 'meeting id or words of its name', rest: true }],
      examples: ['meeting next', 'meeting next nova', 'meeting next --tz Europe/Paris'],
      intents: [
        {
          phrasings: ['when is the next meeting?', 'when does the gantry team meet', 'what time is the quarry meeting in Paris time?', 'next nightjar meeting in IST'],
          needs: ['meeting', 'meet'],
          cues: { meeting: 2, meet: 2, next: 2, when: 1, 'what time': 1, upcoming: 1, start: 1 },
          slot: { arg: 'name' },
        },
      ],
      isDefault: true,
      familySummary: 'community meetings: the next one, all of them with their schedule, reminders for a channel',
      handler: (ctx) => nextReply(deps, ctx),
    },
    {
      family: 'meeting',
      name: 'list',
      summary: 'every known meeting with its schedule, soonest first',
      examples: ['meeting list', 'meeting list --tz America/New_York'],
      intents: [
        {
          phrasings: ['list the meetings', 'which meetings are there?', 'all meetings in Tokyo time'],
          needs: ['meeting', 'meetings', 'meet'],
          cues: { meeting: 2, meetings: 3, list: 3, all: 2, every: 2, which: 2, 'how many': 2 },
        },
      ],
      handler: (ctx) => listReply(deps, ctx),
    },
    {
      family: 'meeting',
      name: 'remind',
      changesState: true,
      summary: "turn this channel's meeting reminders on or off",
      args: [{ name: 'state', description: 'on or off', required: true }],
      examples: ['meeting remind on', 'meeting remind off'],
      permission: 'operator',
      handler: (ctx) => remindReply(deps, ctx),
    },
  ];
}
