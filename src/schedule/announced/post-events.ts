import type { Post } from '../../archive/post.js';
import { leadText, sentences } from '../../archive/summary.js';
import { ANNOUNCEMENT_CUES, CALLED_OFF, NOT_AN_ANNOUNCEMENT, NOT_AN_EVENTS_DATE, RESCHEDULED, SAME_EVENT, tellsThePast, type AnnouncementCue, type AnnouncedKind } from './cues.js';
import { testDayPage } from './links.js';
import { RANK, readAnnouncedDate, type DateRead } from './read-dates.js';

/** One event a post announces in its own words, with the sentence that ties the date to it. */
export interface AnnouncedEvent extends DateRead {
  kind: AnnouncedKind;
  /** The cue's name for it: test day, meetup, summit … */
  what: string;
  /** The sentence (or the title) the date was read from. */
  sentence: string;
  /** The event's own name in the post's words, when it has one: "Pike M3 test day", "RDO Test Days". */
  name?: string;
  /** The heading that names the event, when the sentence itself does not. */
  heading?: string;
  /** A test-day page the sentence (or the post) links, when there is one. */
  link?: string;
}

/** The cues as a first look at a whole body: any line, emphasis ("**When**:") allowed. */
const ANYWHERE = ANNOUNCEMENT_CUES.map((c) => new RegExp(c.pattern.source.replace(/\^/g, String.raw`^[ \t]*[*_]*`).replace(/\\s\*:/g, String.raw`[*_]*\s*:`), 'im'));

/** How much of the body is read: announcements say when in their opening (and a TL;DR list). */
const LEAD_CHARS = 2500;
const OPENING_CHARS = LEAD_CHARS * 3;
/**
 * Test days and doc days are read further: a release post or a newsletter tells of the next one at its end. Their
 * words are specific enough not to be met in passing; a meetup or summit named that far is not the post's news.
 */
const TEST_DAY_CHARS = 30_000;


/** One line of the opening as plain text: a paragraph (its hard-wrapped lines joined again), a list item or a heading. */
interface Block {
  text: string;
  heading: boolean;
  /** Past the opening: only test days and doc days are read there. */
  deep: boolean;
}

/** A heading line: markdown ("## Test day"), HTML ("<h2>"), or a line in bold alone ("**Upcoming test day**"). */
const HEADING = /^[ \t]*(?:#{1,6}[ \t]+\S|<h[1-6]\b)|^[ \t]*(\*\*|__)[^*_\n]+\1[ \t]*:?[ \t]*$/i;
/** The underline of a heading written on the line above it. */
const UNDERLINE = /^[ \t]*(?:=+|-{3,})[ \t]*$/;
/** Another author's words, quoted: their announcement, not this post's. */
const QUOTED = /^[ \t]*>/;

/** The opening's blocks, in order: paragraphs, list items and headings apart; quoted blocks left out. */
function blocksOf(body: string, chars: number): Block[] {
  const out: Block[] = [];
  let offset = 0;
  for (const paragraph of body.slice(0, chars).split(/\n[ \t]*\n/)) {
    const deep = offset >= OPENING_CHARS;
    offset += paragraph.length + 2;
    const lines = paragraph.split('\n');
    let current: string[] = [];
    const flush = (heading = false) => {
      const raw = current.join('\n');
      current = [];
      if (!raw.trim() || (!heading && raw.split('\n').every((l) => QUOTED.test(l) || !l.trim()))) return;
      const text = leadText(raw, LEAD_CHARS).replace(/\s+/g, ' ').trim();
      if (text) out.push({ text, heading, deep });
    };
    lines.forEach((line, i) => {
      if (UNDERLINE.test(line)) return;
      if (HEADING.test(line) || UNDERLINE.test(lines[i + 1] ?? '')) {
        flush();
        current = [line];
        flush(true);
        return;
      }
      if (/^[ \t]*(?:[-*+]|\d+\.)[ \t]/.test(line)) flush();
      current.push(line);
    });
    flush();
  }
  return out;
}

/** Words that begin a sentence or stand before a name without being part of it. */
const NOT_A_NAME = /^(?:the|a|an|our|your|this|that|next|upcoming|join|reminder|come|please|today|tomorrow|and|or|for|at|on|in|of|to|with)$/i;
/** Lower-case words inside a name: "Icehouse milestone 2 test day". */
const INSIDE_A_NAME = /^(?:milestone|beta|release|candidate|cycle)$/i;

/**
 * The name a sentence gives the event: the capitalised words, numbers and milestone words right before the words
 * naming it ("for the Pike M3 test day" → "Pike M3 test day"); none when nothing names it more ("the test day").
 */
export function eventName(sentence: string, cue: RegExp): string | undefined {
  const m = new RegExp(cue.source, cue.flags.replace('g', '')).exec(sentence);
  if (!m) return undefined;
  const words = sentence.slice(0, m.index).trimEnd().split(/\s+/).slice(-5);
  const name: string[] = [];
  for (const word of words.reverse()) {
    const bare = word.replace(/^[("“']+|[,:;"”')]+$/g, '');
    if (bare !== word && name.length > 0 && /[,:;]$/.test(word)) break;
    if (!bare || NOT_A_NAME.test(bare) || !(/^[\p{Lu}\d]/u.test(bare) || INSIDE_A_NAME.test(bare))) break;
    if (/[,:;]$/.test(word)) break;
    name.unshift(bare);
  }
  while (name.length > 0 && !/^\p{Lu}/u.test(name[0])) name.shift();
  return name.length > 0 ? `${name.join(' ')} ${m[0].trim()}` : undefined;
}

const cueOf = (sentence: string) => ANNOUNCEMENT_CUES.find((c) => c.pattern.test(sentence));
/** The one event a heading names: a heading naming two ("RDO doc day and test day") does not say which a sentence is of. */
const soleCueOf = (heading: string) => {
  const named = ANNOUNCEMENT_CUES.filter((c) => c.pattern.test(heading));
  return named.length === 1 ? named[0] : undefined;
};
/**
 * Words pointing back at what the sentence before named ("a date for this", "it will be", "the dates are"): without
 * them a dated sentence after an undated event is about something else ("M3 is due out on August 3rd").
 */
const REFERS_BACK = /\b(?:for|on|of|to)\s+(?:this|it|that)\b|\b(?:this|it|that)\s+(?:will|is|takes|happens)\b|\bthe\s+(?:dates?|days?)\b/i;
/** A sentence naming no event but a release or a deadline: its date is theirs ("M3 is due out on …", "register by …"). */
const OF_SOMETHING_ELSE = /\b(?:due|release[sd]?|deadline|register|registration|submit|submissions?|cfp|call\s+for)\b/i;
/** A week said in the sentence itself: its weekdays are that week's even at a summit. */
const WEEK_SAID = /\b(?:this|next|coming)\s+week\b/i;

/**
 * The events a post announces with their dates: every sentence naming an event (ANNOUNCEMENT_CUES) is read for its
 * date, relative to the post's date (in `zone` when the post's zone is known — by default the zone its front matter
 * wrote the date in — then a time said without a zone is that zone's; else days are UTC's and such a time says only
 * the day). The first date found for each kind of event is kept (a later sentence may add the time to the same day,
 * or say the day better). A heading heads its section: a dated sentence under one that names an event, naming none
 * itself, is about that event. A post passing on others' announcements (a round-up), quoted words and a sentence with
 * no date give nothing: no date is ever guessed.
 */
export function announcedEvents(post: Pick<Post, 'title' | 'body' | 'date' | 'zone'>, zone = post.zone): AnnouncedEvent[] {
  if (NOT_AN_ANNOUNCEMENT.test(post.title)) return [];
  // Most posts name no event at all: they are not split into sentences (this runs on every post at every reload).
  const opening = post.body.slice(0, OPENING_CHARS);
  const further = post.body.slice(OPENING_CHARS, TEST_DAY_CHARS);
  const deepCues = ANNOUNCEMENT_CUES.some((c, i) => c.kind !== 'event' && ANYWHERE[i].test(further));
  if (!deepCues && !ANNOUNCEMENT_CUES.some((c, i) => c.pattern.test(post.title) || ANYWHERE[i].test(opening))) return [];
  const found: AnnouncedEvent[] = [];
  const titleCue = cueOf(post.title);
  // The title is no heading: it names in passing what the post is about ("…: Fedora 24 schedule, DevConf.cz, …").
  let section: { cue?: AnnouncementCue; words?: string } = {};
  let previous: AnnouncementCue | undefined;
  /** An event named in a sentence that gives no day: the title's date may be its day ("…, October 31"). */
  let undated: AnnouncementCue | undefined;

  /** The event the sentence before named without a day, in the same paragraph: "… a sprint. We now have a date for this: …". */
  let awaitingDay: AnnouncementCue | undefined;
  /** Events a sentence of the post calls off. */
  const calledOff = new Set<string>();
  /** The first event the post names. */
  let firstNamed: AnnouncementCue | undefined;
  /**
   * One sentence. `heading`: for a sentence of the body, the words of the heading it stands under ('' when none);
   * undefined for the title and for a heading itself. `deep`: past the opening.
   */
  const consider = (sentence: string, heading?: string, deep = false) => {
    const own = cueOf(sentence);
    // "The virtual event will be held …": the event the sentence before named, or else the one the post named first.
    const goesOn = (SAME_EVENT.test(sentence) ? (previous ?? firstNamed) : undefined) ?? (awaitingDay && REFERS_BACK.test(sentence) && !OF_SOMETHING_ELSE.test(sentence) ? awaitingDay : undefined);
    // "When: August 10-11" says when, not what: the event is the one its heading, the title or the post named first.
    const cue = own?.saysOnlyWhen ? (section.cue ?? soleCueOf(post.title) ?? firstNamed ?? own) : (own ?? goesOn);
    previous = cue;
    if (cue && !cue.saysOnlyWhen) firstNamed ??= cue;
    awaitingDay = undefined;
    if (deep && cue?.kind !== 'testday' && cue?.kind !== 'docday' && (cue || section.cue?.kind === 'event')) return;
    if (cue && CALLED_OFF.test(sentence) && !RESCHEDULED.test(sentence)) return void calledOff.add(cue.what);
    if (tellsThePast(sentence) || NOT_AN_EVENTS_DATE.test(sentence)) return;
    const read = readAnnouncedDate(sentence, post.date, zone, cue?.pattern, OF_SOMETHING_ELSE);
    if (!read) {
      if (cue && sentence !== post.title) undated ??= cue;
      if (cue && heading !== undefined) awaitingDay = cue;
      return;
    }
    // "on Tuesday evening" at a summit is a day of the summit's week, which the post need not be in.
    // The title counts: a post about a summit ("Liberty Design Summit planning") tells of the summit's days.
    const atAGathering = (cue ?? (heading === undefined ? undefined : section.cue))?.hasItsOwnWeek || ANNOUNCEMENT_CUES.some((c) => c.hasItsOwnWeek && (c.pattern.test(sentence) || c.pattern.test(post.title)));
    if (read.rank === 'weekday' && atAGathering && !WEEK_SAID.test(sentence)) return;
    if (!cue) {
      // No event named, but the same day as one found, with its time: "Feb 27 Hangout", then "On Thursday, February
      // 27th, at 10am EST, Lars will present …".
      const same = found.find((e) => e.allDay && !read.allDay && read.start >= e.start && read.start < e.end && +e.end - +e.start <= 86_400_000);
      if (same) return void Object.assign(same, read, { sentence });
      const named = heading === undefined || OF_SOMETHING_ELSE.test(sentence) ? undefined : section.cue;
      // The post's own day as a date, where no event is named: a dateline ("Monday, 16 March 2009").
      const dateline = read.rank === 'date' && read.start.hasSame(post.date.setZone(read.start.zone), 'day');
      if (named && !dateline && !found.some((e) => e.what === named.what)) found.push({ ...read, kind: named.kind, what: named.what, name: eventName(heading!, named.pattern), sentence, heading });
      return;
    }
    const same = found.find((e) => e.what === cue.what);
    if (!same) return void found.push({ ...read, kind: cue.kind, what: cue.what, name: eventName(sentence, cue.pattern), sentence });
    const overlaps = read.start < same.end && same.start < read.end;
    // A later sentence says it better: a more precise day ("on Thursday" after the title's "TODAY"), the time of the
    // same day, or more of the same days ("today and tomorrow" after the title's "today").
    const better =
      RANK[read.rank] > RANK[same.rank] ||
      (RANK[read.rank] === RANK[same.rank] && overlaps && ((same.allDay && !read.allDay && +same.end - +same.start <= 86_400_000) || (read.allDay && same.allDay && +read.end - +read.start > +same.end - +same.start)));
    if (better) Object.assign(same, read, { sentence });
  };

  consider(post.title);
  for (const block of blocksOf(post.body, deepCues ? TEST_DAY_CHARS : OPENING_CHARS)) {
    if (block.heading) {
      section = { cue: soleCueOf(block.text), words: block.text };
      consider(block.text, undefined, block.deep);
      awaitingDay = undefined;
      continue;
    }
    for (const sentence of sentences(block.text)) consider(sentence, section.words ?? '', block.deep);
    awaitingDay = undefined;
  }
  if (found.length === 0 && undated && !titleCue) {
    const day = readAnnouncedDate(post.title, post.date, zone);
    // Not the post's own day: a title's date of the day it is posted is its dateline ("This week (2014-09-09)").
    if (day?.rank === 'date' && day.start > post.date.setZone(day.start.zone).endOf('day')) found.push({ ...day, kind: undated.kind, what: undated.what, sentence: post.title });
  }
  if (calledOff.size > 0) found.splice(0, found.length, ...found.filter((e) => !calledOff.has(e.what)));
  // The test-day page the opening links, from the Markdown as parsed (links.ts).
  const link = found.some((e) => e.kind === 'testday') ? testDayPage(post.body.slice(0, LEAD_CHARS * 2)) : undefined;
  if (link) for (const e of found) if (e.kind === 'testday') e.link = link;
  return found;
}
