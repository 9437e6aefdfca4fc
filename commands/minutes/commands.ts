import { BotError, type CommandSpec, type Reply } from '../../src/core/types.js';
import type { Asker, MinutesDeps } from '../../src/views/minutes.js';

/** How minutes are shown and searched: loaded with the first answer (one about posts never needs it). */
const minutesViews = () => import('../../src/views/minutes.js');

async function latest(deps: MinutesDeps, meeting: string | undefined, asker: Asker): Promise<Reply> {
  const { clean, meetingMatches, minutesItem, shownTo } = await minutesViews();
  const row = deps.store.ended().find((r) => (!meeting || meetingMatches(r, meeting)) && shownTo(deps.publicRooms, r, asker));
  if (!row) {
    if (meeting) throw new BotError('NOT_FOUND', `No minutes of a meeting called '${clean(meeting, 40)}' yet.`);
    return { kind: 'answer', text: 'No minutes yet: no meeting has been recorded here. #startmeeting in a channel starts one, and #endmeeting publishes its minutes.' };
  }
  const item = minutesItem(deps, row);
  return { kind: 'answer', text: `Latest minutes: ${item.title} — ${item.meta}`, link: item.link, items: [item] };
}

export function minutesCommands(deps: MinutesDeps): CommandSpec[] {
  return [
    {
      family: 'minutes',
      name: '',
      isDefault: true,
      familySummary: 'minutes of meetings run here (#startmeeting … #endmeeting)',
      summary: 'minutes of meetings run here (#startmeeting … #endmeeting): the latest, of one meeting if named, or a search',
      args: [{ name: 'meeting', description: 'a meeting name or id', rest: true }],
      examples: ['minutes', 'minutes rdo'],
      // "where are the minutes of the last meeting", "what did we vote on": the latest minutes, votes and all.
      intents: [
        {
          phrasings: ['where are the minutes of the last meeting?', 'what did we vote on in the last meeting?', 'what was decided at the meeting', 'meeting notes please'],
          needs: ['minutes', 'minute', 'vote', 'voted', 'votes', 'decided', 'decision', 'decisions', 'notes', 'agreed'],
          cues: { minutes: 4, minute: 3, vote: 3, voted: 3, votes: 3, decided: 3, decision: 3, decisions: 3, notes: 2, agreed: 2, meeting: 0.5, last: 0.5, latest: 0.5 },
        },
      ],
      handler: (ctx) => latest(deps, ctx.args.meeting as string | undefined, ctx.message),
    },
    {
      family: 'minutes',
      name: 'search',
      summary: 'search every meeting’s minutes',
      args: [{ name: 'words', description: 'words to look for', required: true, rest: true }],
      examples: ['minutes search mirrors'],
      handler: async (ctx) => (await minutesViews()).minutesSearchReply(deps, String(ctx.args.words), 10, ctx.message),
    },
  ];
}
