import { ANNOUNCEMENT_CUES } from './cues.js';
import type { AnnouncedEvent } from './post-events.js';

/**
 * A title that gathers news (a newsletter, "Upcoming events in OpenStack and RDO", "RDO Events Next Week: …", "This
 * week in RDO"): it names what the post collects, never one event of it.
 */
const GATHERS_NEWS = /\b(?:events|news(?:letter)?|this\s+week\s+in|week\s+of|what['’]?s\s+(?:on|happening|new)|calendar|digest)\b/i;

/**
 * An announced event's title, in the post's words: the post's title when it names the event (and nothing else), else
 * the event's own name in the sentence ("Pike M3 test day"), else the post's title, saying which event it is when the
 * post announces several ("… (doc day)"). A title that gathers news is never an event's: there the event's own name,
 * or what it is ("RDO test day").
 */
export function eventTitle(postTitle: string, e: Pick<AnnouncedEvent, 'name' | 'what'>, count: number): string {
  if (GATHERS_NEWS.test(postTitle)) return e.name ?? `RDO ${e.what}`;
  const cue = ANNOUNCEMENT_CUES.find((c) => c.what === e.what);
  if (count === 1 && cue?.pattern.test(postTitle)) return postTitle;
  return e.name ?? (count > 1 ? `${postTitle} (${e.what})` : postTitle);
}
