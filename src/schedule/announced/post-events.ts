import type { Post } from '../../archive/post.js';
import { leadText, sentences } from '../../archive/summary.js';
import { ANNOUNCEMENT_CUES, NOT_AN_ANNOUNCEMENT, SAME_EVENT, TELLS_THE_PAST, type AnnouncementCue, type AnnouncedKind } from './cues.js';
import { RANK, readAnnouncedDate, type DateRead } from './read-dates.js';

/** One event a post announces in its own words, with the sentence that ties the date to it. */
export interface AnnouncedEvent extends DateRead {
  kind: AnnouncedKind;
  /** The cue's name for it: test day, meetup, summit … */
  what: string;
  /** The sentence (or the title) the date was read from. */
  sentence: string;
  /** A test-day page the sentence (or the post) links, when there is one. */
  link?: string;
}

/** The cues as a first look at a whole body: any line, emphasis ("**When**:") allowed. */
const ANYWHERE = ANNOUNCEMENT_CUES.map((c) => new RegExp(c.pattern.source.replace(/\^/g, String.raw`^[ \t]*[*_]*`).replace(/\\s\*:/g, String.raw`[*_]*\s*:`), 'im'));

/** How much of the body is read: announcements say when in their opening (and a TL;DR list). */
const LEAD_CHARS = 2500;

/** A link of the body whose address names a test day ("…/testday/…", "RDO_test_day_January_2014"): the test day's page. */
const EVENT_PAGE = /\]\((https?:\/\/[^)\s]*test[-_]?days?[^)\s]*)\)|(https?:\/\/[^\s"'<>]*test[-_]?days?[^\s)\]>"'<]*)/i;

/**
 * The title, then the opening's sentences: paragraphs (their hard-wrapped lines joined again) and list items apart,
 * each as plain text.
 */
function sentencesOf(post: Pick<Post, 'title' | 'body'>): string[] {
  const blocks = post.body
    .slice(0, LEAD_CHARS * 3)
    .split(/\n[ \t]*\n/)
    .flatMap((paragraph) => paragraph.split(/\n(?=[ \t]*(?:[-*+]|\d+\.)[ \t])/));
  const lines = blocks.map((b) => leadText(b, LEAD_CHARS).replace(/\s+/g, ' ').trim());
  return [post.title, ...lines.flatMap((line) => sentences(line))].filter((s) => s.length > 0);
}

/**
 * The events a post announces with their dates: every sentence naming an event (ANNOUNCEMENT_CUES) is read for its
 * date, relative to the post's date in `zone` (posts carry UTC unless told otherwise); the first date found for each
 * kind of event is kept (a later sentence may add the time to the same day). A post passing on others'
 * announcements (a round-up) and a sentence with no date give nothing: no date is ever guessed.
 */
export function announcedEvents(post: Pick<Post, 'title' | 'body' | 'date'>, zone = 'UTC'): AnnouncedEvent[] {
  if (NOT_AN_ANNOUNCEMENT.test(post.title)) return [];
  // Most posts name no event at all: they are not split into sentences (this runs on every post at every reload).
  const opening = post.body.slice(0, LEAD_CHARS * 3);
  if (!ANNOUNCEMENT_CUES.some((c, i) => c.pattern.test(post.title) || ANYWHERE[i].test(opening))) return [];
  const found: AnnouncedEvent[] = [];
  let previous: AnnouncementCue | undefined;
  for (const sentence of sentencesOf(post)) {
    const cue = ANNOUNCEMENT_CUES.find((c) => c.pattern.test(sentence)) ?? (previous && SAME_EVENT.test(sentence) ? previous : undefined);
    previous = cue;
    if (TELLS_THE_PAST.test(sentence)) continue;
    const read = readAnnouncedDate(sentence, post.date, zone);
    if (!read) continue;
    if (!cue) {
      // No event named, but the same day as one found, with its time: "Feb 27 Hangout", then "On Thursday, February
      // 27th, at 10am EST, Lars will present …".
      const same = found.find((e) => e.allDay && !read.allDay && read.start >= e.start && read.start < e.end && +e.end - +e.start <= 86_400_000);
      if (same) Object.assign(same, read, { sentence });
      continue;
    }
    const same = found.find((e) => e.what === cue.what);
    if (!same) {
      found.push({ ...read, kind: cue.kind, what: cue.what, sentence });
      continue;
    }
    const overlaps = read.start < same.end && same.start < read.end;
    // A later sentence says it better: a more precise day ("on Thursday" after the title's "TODAY"), the time of the
    // same day, or more of the same days ("today and tomorrow" after the title's "today").
    const better =
      RANK[read.rank] > RANK[same.rank] ||
      (RANK[read.rank] === RANK[same.rank] && overlaps && ((same.allDay && !read.allDay && +same.end - +same.start <= 86_400_000) || (read.allDay && same.allDay && +read.end - +read.start > +same.end - +same.start)));
    if (better) Object.assign(same, read, { sentence });
  }
  const page = EVENT_PAGE.exec(post.body.slice(0, LEAD_CHARS * 2));
  const link = (page?.[1] ?? page?.[2])?.replace(/[.,;:]+$/, '');
  if (link) for (const e of found) if (e.kind === 'testday') e.link = link;
  return found;
}
