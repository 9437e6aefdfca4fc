import { BotError, type CommandContext, type CommandSpec, type Reply } from '../../src/core/types.js';
import { relative, whenText } from '../../src/present/time.js';
import { nextOccurrences } from '../../src/schedule/recurrence.js';
import type { PersonalSubscriptions } from '../../src/schedule/reminders/subscriptions.js';
import type { Meeting } from '../../src/schedule/types.js';
import type { Addresses } from '../../src/state/addresses.js';
import { findMeetings } from '../shared/find-meetings.js';
import { requireVerified } from '../shared/verified.js';

export interface PersonalMeetingDeps {
  meetings: () => Meeting[];
  subscriptions: PersonalSubscriptions;
  addresses: Addresses;
  /** Minutes before a meeting that its reminders go out (the configured leads). */
  leads: (meetingId: string) => number[];
  changed: () => void;
}

function leadsText(minutes: number[]): string {
  const one = (m: number) => (m === 0 ? 'at the start' : m % 1440 === 0 ? `${m / 1440} d` : m % 60 === 0 ? `${m / 60} h` : m > 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${m} min`);
  const parts = minutes.map(one);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0];
  return minutes.every((m) => m > 0) ? `${list} before` : list;
}

function oneMeeting(deps: PersonalMeetingDeps, ctx: CommandContext, query: string): Meeting {
  const found = findMeetings(deps.meetings(), query);
  if (found.length === 0) throw new BotError('NOT_FOUND', `No meeting matches '${query}'. Try ${ctx.command('meeting list')}.`);
  if (found.length > 1) throw new BotError('NOT_FOUND', `'${query}' matches ${found.length} meetings (${found.slice(0, 5).map((m) => m.id).join(', ')}): say which one.`);
  return found[0];
}

function subscribeReply(deps: PersonalMeetingDeps, ctx: CommandContext): Reply {
  requireVerified(ctx, 'meeting subscriptions');
  const meeting = oneMeeting(deps, ctx, String(ctx.args.name));
  const fresh = deps.subscriptions.add(ctx.message, meeting.id, ctx.now.toMillis());
  deps.addresses.remember(ctx.message, ctx.now.toMillis());
  deps.changed();
  const [next] = nextOccurrences(meeting, ctx.now, 1);
  const when = next ? ` Next: ${whenText(next.start, ctx.zone, relative(next.start, ctx.now))}.` : ' It has no scheduled occurrence now (it meets as needed).';
  const lead = leadsText(deps.leads(meeting.id));
  return {
    kind: 'answer',
    text: `${fresh ? 'Subscribed' : 'You were subscribed already'}: I'll remind you privately ${lead} every ${meeting.name}.${when}`,
  };
}

function unsubscribeReply(deps: PersonalMeetingDeps, ctx: CommandContext): Reply {
  requireVerified(ctx, 'meeting subscriptions');
  const query = String(ctx.args.name);
  if (/^(all|everything)$/i.test(query.trim())) {
    const n = deps.subscriptions.remove(ctx.message);
    deps.changed();
    return { kind: 'answer', text: n ? (n === 1 ? 'Unsubscribed from your one meeting.' : `Unsubscribed from all ${n} meetings.`) : 'You had no meeting subscriptions.' };
  }
  const mine = deps.subscriptions.of(ctx.message);
  const meeting = findMeetings(deps.meetings().filter((m) => mine.includes(m.id)), query)[0] ?? findMeetings(deps.meetings(), query)[0];
  const id = meeting?.id ?? mine.find((m) => m === query.trim());
  if (!id || deps.subscriptions.remove(ctx.message, id) === 0) throw new BotError('NOT_FOUND', `You are not subscribed to '${query}'. ${ctx.command('meeting subscriptions')} lists yours.`);
  deps.changed();
  return { kind: 'answer', text: `Unsubscribed: no more private reminders for ${meeting?.name ?? id}.` };
}

function subscriptionsReply(deps: PersonalMeetingDeps, ctx: CommandContext): Reply {
  requireVerified(ctx, 'meeting subscriptions');
  const ids = deps.subscriptions.of(ctx.message);
  if (ids.length === 0) return { kind: 'answer', text: `You have no meeting subscriptions. ${ctx.command('meeting subscribe <meeting>')} reminds you privately before each one.` };
  const byId = new Map(deps.meetings().map((m) => [m.id, m]));
  return {
    kind: 'list',
    text: `You are reminded privately of ${ids.length} meeting${ids.length === 1 ? '' : 's'}`,
    items: ids.map((id) => {
      const m = byId.get(id);
      if (!m) return { title: id, meta: 'no longer defined: nothing is sent' };
      const [next] = nextOccurrences(m, ctx.now, 1);
      return { title: m.name, link: m.agendaUrl, meta: next ? `next ${whenText(next.start, ctx.zone, relative(next.start, ctx.now))}, reminders ${leadsText(deps.leads(id))}` : 'meets as needed', when: next?.start };
    }),
  };
}

/** `!meeting subscribe|unsubscribe|subscriptions`: a person's own reminders of the meetings they attend, sent privately. */
export function personalMeetingCommands(deps: PersonalMeetingDeps): CommandSpec[] {
  const name = { name: 'name', description: 'meeting id or words of its name', required: true, rest: true };
  return [
    {
      family: 'meeting',
      name: 'subscribe',
      changesState: true,
      summary: 'remind you privately before every occurrence of a meeting',
      args: [name],
      examples: ['meeting subscribe gantry'],
      intents: [
        {
          phrasings: ['remind me before every gantry meeting', 'subscribe me to the quarry meeting', 'please notify me about nightjar meetings'],
          needs: ['subscribe', 'remind me', 'notify me', 'ping me', 'alert me', 'tell me before', 'get reminded', 'be reminded'],
          cues: { subscribe: 2, 'remind me': 2, 'get reminded': 2, 'be reminded': 2, 'notify me': 2, 'ping me': 2, 'alert me': 2, before: 1, every: 1, meeting: 1 },
          slot: { arg: 'name', required: true },
        },
      ],
      handler: (ctx) => subscribeReply(deps, ctx),
    },
    {
      family: 'meeting',
      name: 'unsubscribe',
      changesState: true,
      summary: 'stop your private reminders of a meeting ("all" for every one)',
      args: [name],
      examples: ['meeting unsubscribe gantry', 'meeting unsubscribe all'],
      intents: [
        {
          phrasings: ['stop reminding me about the gantry meeting', 'unsubscribe me from quarry'],
          needs: ['unsubscribe', 'stop remind', 'stop notify', 'no more'],
          cues: { unsubscribe: 3, 'stop remind': 3, 'stop notify': 3, 'no more': 2, meeting: 1 },
          slot: { arg: 'name', required: true },
        },
        {
          // All of them at once: the command's own word for it, never a list of meetings.
          phrasings: ['unsubscribe me from all meetings', 'stop all my meeting reminders'],
          needs: ['unsubscribe', 'stop remind', 'stop notify', 'no more', 'stop'],
          cues: { unsubscribe: 3, 'stop remind': 3, 'stop notify': 3, 'no more': 2, stop: 1, all: 2, every: 2, meeting: 1, reminder: 1 },
          fixed: ['all'],
        },
      ],
      handler: (ctx) => unsubscribeReply(deps, ctx),
    },
    {
      family: 'meeting',
      name: 'subscriptions',
      summary: 'the meetings you are reminded of privately',
      examples: ['meeting subscriptions'],
      intents: [{ phrasings: ['what meetings am I subscribed to?', 'my subscriptions'], needs: ['subscription', 'subscribe', 'subscribed'], cues: { subscription: 3, subscribed: 3, subscribe: 2, my: 1, i: 1 } }],
      handler: (ctx) => subscriptionsReply(deps, ctx),
    },
  ];
}
