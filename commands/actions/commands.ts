import { DateTime } from 'luxon';
import type { CommandSpec, Reply } from '../../src/core/types.js';
import { cleanLine, truncate } from '../../src/core/sanitize.js';
import type { ActionRow, MeetingStore } from '../../src/meetings/store.js';
import type { Asker } from '../../src/views/minutes.js';
import { utcDayText } from '../../src/present/time.js';

export interface ActionsDeps {
  store: MeetingStore;
  /** Private rooms whose meetings are shown everywhere all the same (see shownTo). */
  publicRooms?: ReadonlySet<string>;
}

const clean = (s: string, n = 150) => truncate(cleanLine(s), n);

/** Who sees a meeting, and which meetings a name matches: loaded with the first answer (one about posts never needs it). */
const minutesViews = () => import('../../src/views/minutes.js');

/** Open action items: everyone's, one person's (by the name they were given) or one meeting's. */
async function openActionsReply(store: MeetingStore, who: string | undefined, asker?: Asker, publicRooms?: ReadonlySet<string>): Promise<Reply> {
  const { meetingMatches, shownTo } = await minutesViews();
  // A private room's actions are listed in that room only.
  const shown = new Map<number, boolean>();
  const all = store.openActions().filter((a) => {
    if (!shown.has(a.meeting)) shown.set(a.meeting, shownTo(publicRooms, store.meeting(a.meeting)!, asker));
    return shown.get(a.meeting);
  });
  let chosen: ActionRow[] = all;
  let scope = '';
  if (who) {
    const w = who.trim().replace(/^@/, '').toLowerCase();
    // A person's items: named owner (every owner of an item, MeetBot's way) or their identity (an account, a Matrix id).
    const owns = (a: ActionRow) => a.owner.toLowerCase() === w || (a.owner_key !== '' && a.owner_key.slice(a.owner_key.indexOf(':') + 1).toLowerCase() === w);
    const mine = all.filter(owns);
    // Someone who owns actions (open or closed) is asked about as a person: their open items and only those.
    if (mine.length || store.isOwner(w)) (chosen = mine), (scope = ` for ${clean(who, 40)}`);
    else {
      const meetings = new Map<number, boolean>();
      chosen = all.filter((a) => {
        if (!meetings.has(a.meeting)) meetings.set(a.meeting, meetingMatches(store.meeting(a.meeting)!, w));
        return meetings.get(a.meeting);
      });
      scope = ` for ${clean(who, 40)}`;
    }
  }
  // One entry per action item, its owners together.
  const byItem = new Map<number, ActionRow[]>();
  for (const a of chosen) byItem.set(a.item, [...(byItem.get(a.item) ?? []), a]);
  if (byItem.size === 0) return { kind: 'answer', text: `No open action items${scope}.` };
  const items = [...byItem.values()].map((rows) => {
    const m = store.meeting(rows[0].meeting)!;
    const owners = all.filter((a) => a.item === rows[0].item).map((a) => a.owner).filter(Boolean);
    return {
      title: `${owners.length ? clean(owners.join(', '), 60) : 'unassigned'}: ${clean(rows[0].text)}`,
      meta: `${clean(m.name, 60)}, ${utcDayText(DateTime.fromMillis(m.started, { zone: 'utc' }))}`,
      when: DateTime.fromMillis(m.started, { zone: 'utc' }),
    };
  });
  return { kind: 'list', text: `${items.length} open action item${items.length === 1 ? '' : 's'}${scope}:`, items };
}

export function actionsCommands(deps: ActionsDeps): CommandSpec[] {
  return [
    {
      family: 'actions',
      name: '',
      isDefault: true,
      familySummary: 'action items from meetings, open until #done',
      summary: 'open action items, of one person or one meeting if named',
      args: [{ name: 'who', description: 'a nick or a meeting name', rest: true }],
      examples: ['actions', 'actions alice', 'actions rdo'],
      // "what action items are open?", "what do I still have to do from the meeting".
      intents: [
        {
          phrasings: ['what action items are open?', 'any open actions', 'what are the action items from the meeting', 'show me the todo list'],
          needs: ['action', 'actions', 'action item', 'todo', 'task', 'tasks'],
          cues: { 'action item': 4, action: 3, actions: 3, todo: 3, task: 2, tasks: 2, open: 1, meeting: 0.5 },
        },
      ],
      handler: (ctx) => openActionsReply(deps.store, ctx.args.who as string | undefined, ctx.message, deps.publicRooms),
    },
  ];
}
