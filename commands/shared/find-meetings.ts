import type { Meeting } from '../../src/schedule/types.js';

const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** Meetings whose id or name matches what the user typed: exact id first, then every word contained in the name. */
export function findMeetings(meetings: Meeting[], query: string): Meeting[] {
  const q = norm(query);
  const exact = meetings.filter((m) => norm(m.id) === q || norm(m.name) === q);
  if (exact.length) return exact;
  const words = q.split(' ');
  return meetings.filter((m) => words.every((w) => `${norm(m.id)} ${norm(m.name)}`.includes(w)));
}
