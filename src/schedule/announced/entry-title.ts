import { ANNOUNCEMENT_CUES } from './cues.js';
import { eventName, type AnnouncedEvent } from './post-events.js';

/**
 * A title that gathers news (a newsletter, "Upcoming events in OpenStack and RDO", "RDO Events Next Week: …"): it
 * names what the post collects, never one event of it.
 */
const GATHERS_NEWS = /\b(?:events|upcoming|news(?:letter)?|this\s+week|next\s+week|week\s+of|what['’]?s\s+(?:on|happening|new)|calendar|changes?|update[sd]?)\b/i;

/**
 * An announced event's title: the event's own name, never the post's title as such. The name the sentence gives it
 * ("Pike M3 test day"), else the one the post's title gives it ("RDO Mitaka 3 test day, March 10th, 11th" → "RDO
 * Mitaka 3 test day"), else what it is ("RDO test day"). An event other than a test or doc day (a meetup, a summit)
 * may keep a title that is about it alone.
 */
export function eventTitle(postTitle: string, e: Pick<AnnouncedEvent, 'name' | 'what' | 'kind'>): string {
  if (e.name) return e.name;
  const cue = ANNOUNCEMENT_CUES.find((c) => c.what === e.what);
  const named = cue && !GATHERS_NEWS.test(postTitle) ? eventName(postTitle, cue.pattern) : undefined;
  if (named) return named;
  if (e.kind === 'event' && cue?.pattern.test(postTitle) && !GATHERS_NEWS.test(postTitle)) return postTitle;
  return `RDO ${e.what}`;
}
