import { DateTime } from 'luxon';
import type { Reply, ReplyItem } from '../core/types.js';
import { cleanLine, truncate } from '../core/sanitize.js';
import { buildMinutes } from '../meetings/minutes.js';
import { minutesUrl } from '../meetings/layout.js';
import type { MinutesSearch } from '../meetings/search.js';
import { shownTo, type Asker } from '../meetings/privacy.js';
import type { MeetingRow, MeetingStore } from '../meetings/store.js';
import { utcDayTimeText } from '../present/time.js';

/** Published minutes as chat and the minutes site show them: who may see a meeting, its list entry, a search. */

export interface MinutesDeps {
  store: MeetingStore;
  search: MinutesSearch;
  /** HTTP_PUBLIC_URL, for the minutes' addresses. */
  publicUrl?: string;
  /** Private rooms whose minutes are published all the same (`network:room`, RDOBOT_MINUTES_PUBLISH_PRIVATE). */
  publicRooms?: ReadonlySet<string>;
}

export { shownTo, type Asker } from '../meetings/privacy.js';

const day = (row: MeetingRow) => utcDayTimeText(DateTime.fromMillis(row.started, { zone: 'utc' }));
/** Text from outside as one clean line of at most n characters. */
export const clean = (s: string, n = 120) => truncate(cleanLine(s), n);

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

/** Meetings whose minutes mention the words, best first, as a list (only those shown to the asker). */
export function minutesSearchReply(deps: MinutesDeps, words: string, limit = 10, asker?: Asker): Reply {
  const found = deps.search.search(words, limit, (row) => shownTo(deps.publicRooms, row, asker));
  if (found.total === 0) return { kind: 'answer', text: `No minutes mention '${clean(words, 40)}'.` };
  return {
    kind: 'list',
    text: `${found.total} meeting${found.total === 1 ? '' : 's'} ${found.total === 1 ? 'mentions' : 'mention'} '${clean(words, 40)}':`,
    items: found.hits.map((h) => minutesItem(deps, h.meeting, h.why)),
  };
}
