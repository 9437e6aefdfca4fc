import type { MeetingRow } from './store.js';

/**
 * The values of a meeting's `private` column, one list read by shownTo, the recorder and the store: 0 public; 1 held
 * in a room that is not public (not served over HTTP unless the room is opted in); 2 restricted by a chair's
 * #restrictlogs (never served, whatever the room).
 */
export const PRIVATE = { no: 0, room: 1, restricted: 2 } as const;

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
