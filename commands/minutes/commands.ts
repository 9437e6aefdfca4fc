import { DateTime } from 'luxon';
import { BotError, type CommandSpec, type Reply, type ReplyItem } from '../src/core/types.js';
import { cleanLine, truncate } from '../src/core/sanitize.js';
import { buildMinutes } from '../src/meetings/minutes.js';
import { minutesUrl } from '../src/meetings/layout.js';
import type { MinutesSearch } from '../src/meetings/search.js';
import { PRIVATE } from '../src/meetings/privacy.js';
import type { MeetingRow, MeetingStore } from '../src/meetings/store.js';
import { utcDayTimeText } from '../src/present/time.js';

export interface MinutesDeps {
  store: MeetingStore;
  search: MinutesSearch;
  /** HTTP_PUBLIC_URL, for the minutes' addresses. */
  publicUrl?: string;
  /** Private rooms whose minutes are published all the same (`network:room`, RDOBOT_MINUTES_PUBLISH_PRIVATE). */
  publicRooms?: ReadonlySet<string>;
}

/** Where a question comes from: the room asking (absent: the web, which everyone reads). */
export interface Asker {
  network: string;
  room: string;
}

/**
 * May this meeting be shown here? A public room's anywhere; a private room's (a keyed or invite-only IRC channel, a
 * Matrix room not open to all, a Slack private channel) only in that room, and over HTTP only when opted in.
 */
export function shownTo(publicRooms: ReadonlySet<string> | undefined, row: Pick<MeetingRow, 'private' | 'network' | 'room'>, asker?: Asker): boolean {
  // A meeting a chair restricted (#restrictlogs) stays in its room even when the room is opted in.
  if (!row.private || (row.private === PRIVATE.room && publicRooms?.has(`${row.network}:${row.room}`))) return true;
  return asker !== undefined && asker.network === row.network && asker.room === row.room;
}

const day = (row: MeetingRow) => utcDayTimeText(DateTime.fromMillis(row.started, { zone: 'utc' }));
const clean = (s: string, n = 120) => truncate(cleanLine(s), n);

/** A meeting's name, definition, series or channel contains the words asked (case-insensitive). */
export function meetingMatches(row: MeetingRow, words: string): boolean {
  const w = words.toLowerCase().trim();
  return [row.name, row.definition ?? '', row.series, row.room].some((f) => f.toLowerCase().includes(w));
}

/** One published meeting as a list entry: its minutes' address, date, channel and size. */
export function minutesItem(deps: MinutesDeps, row: MeetingRow, match?: string): ReplyItem {
  const m = buildMinutes(deps.store, row);
  const counts = `${m.topics.filter((t) => t.title !== null).length} topics, ${m.actions.length} actions, ${m.agreed.length} agreed`;
  return {
    title: clean(row.name, 100),
    link: row.base && shownTo(deps.publicRooms, row) ? minutesUrl(deps.publicUrl, row.base, 'html') : undefined,
    meta: `${clean(row.room, 60)}, ${day(row)} UTC, ${counts}`,
    when: DateTime.fromMillis(row.started, { zone: 'utc' }),
    ...(match ? { match } : {}),
    fields: [
      { label: 'topics', value: clean(m.topics.flatMap((t) => (t.title ? [t.title] : [])).join('; '), 300) || 'none' },
      ...(row.base && shownTo(deps.publicRooms, row) ? [{ label: 'log', value: minutesUrl(deps.publicUrl, row.base, 'log.html') }] : []),
    ],
  };
}

function latest(deps: MinutesDeps, meeting: string | undefined, asker: Asker): Reply {
  const row = deps.store.ended().find((r) => (!meeting || meetingMatches(r, meeting)) && shownTo(deps.publicRooms, r, asker));
  if (!row) {
    if (meeting) throw new BotError('NOT_FOUND', `No minutes of a meeting called '${clean(meeting, 40)}' yet.`);
    return { kind: 'answer', text: 'No minutes yet: no meeting has been recorded here. #startmeeting in a channel starts one, and #endmeeting publishes its minutes.' };
  }
  const item = minutesItem(deps, row);
  return { kind: 'answer', text: `Latest minutes: ${item.title} — ${item.meta}`, link: item.link, items: [item] };
}

export function minutesSearchReply(deps: MinutesDeps, words: string, limit = 10, asker?: Asker): Reply {
  const found = deps.search.search(words, limit, (row) => shownTo(deps.publicRooms, row, asker));
  if (found.total === 0) return { kind: 'answer', text: `No minutes mention '${clean(words, 40)}'.` };
  return {
    kind: 'list',
    text: `${found.total} meeting${found.total === 1 ? '' : 's'} ${found.total === 1 ? 'mentions' : 'mention'} '${clean(words, 40)}':`,
    items: found.hits.map((h) => minutesItem(deps, h.meeting, h.why)),
  };
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
      handler: (ctx) => minutesSearchReply(deps, String(ctx.args.words), 10, ctx.message),
    },
  ];
}
