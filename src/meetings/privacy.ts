/**
 * The values of a meeting's `private` column, one list read by shownTo, the recorder and the store: 0 public; 1 held
 * in a room that is not public (not served over HTTP unless the room is opted in); 2 restricted by a chair's
 * #restrictlogs (never served, whatever the room).
 */
export const PRIVATE = { no: 0, room: 1, restricted: 2 } as const;
