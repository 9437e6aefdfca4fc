import { DateTime } from 'luxon';
import { occurrencesBetween } from '../schedule/recurrence.js';
import type { Meeting, Occurrence } from '../schedule/types.js';

/** How far from its scheduled start a meeting may begin and still be that meeting. */
export const MATCH_WINDOW_MINUTES = 45;

const bare = (channel: string) => channel.trim().replace(/^#/, '').toLowerCase();
/**
 * Whether a definition's channel is this room: an IRC channel by name (`rdo`, `#rdo`), or any network's room written
 * `network:room` (`slack:C0RDO`, `matrix:!abc:example.org`) with the `channel:` extension.
 */
const names = (network: string) => (channel: string, room: string) => bare(channel) === bare(room) || channel.trim().toLowerCase() === `${network}:${room}`.toLowerCase();

/**
 * The irc-meetings definition a meeting started in `room` at `at` is, if one names this channel and has an
 * occurrence starting within the window (the nearest one wins).
 */
export function definitionAt(meetings: Meeting[], network: string, room: string, at: DateTime, windowMinutes = MATCH_WINDOW_MINUTES): Occurrence | undefined {
  const is = names(network);
  const from = at.minus({ minutes: windowMinutes });
  const to = at.plus({ minutes: windowMinutes });
  let best: Occurrence | undefined;
  for (const meeting of meetings) {
    if (!meeting.schedules.some((s) => is(s.channel, room))) continue;
    for (const o of occurrencesBetween(meeting, from, to)) {
      if (!is(o.location, room)) continue;
      if (!best || Math.abs(o.start.diff(at).toMillis()) < Math.abs(best.start.diff(at).toMillis())) best = o;
    }
  }
  return best;
}

/** The chair's nick from a definition's chair text: "Kim Example (kimex)" is kimex; a single word is itself. */
export function chairNicks(chair: string | undefined): string[] {
  if (!chair) return [];
  const inParens = [...chair.matchAll(/\(([^()\s]+)\)/g)].map((m) => m[1]);
  if (inParens.length) return inParens;
  return chair
    .split(/\s*(?:,|&|\band\b)\s*/)
    .map((c) => c.trim())
    .filter((c) => /^[\w\-\[\]\\`^{}|.]+$/.test(c));
}

export const nowUtc = (ms: number) => DateTime.fromMillis(ms, { zone: 'utc' });

/**
 * The definition a meeting belongs to by its name when it was not started at a scheduled time (an extra meeting of the
 * series): one naming this channel whose name or id is the meeting's name.
 */
export function definitionNamed(meetings: Meeting[], network: string, room: string, name: string): Meeting | undefined {
  const is = names(network);
  const wanted = name.trim().toLowerCase();
  return meetings.find((m) => m.schedules.some((s) => is(s.channel, room)) && (m.name.toLowerCase() === wanted || m.id.toLowerCase() === wanted));
}
