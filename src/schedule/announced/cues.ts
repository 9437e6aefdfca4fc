/**
 * What ties a date to an announcement, as data: the words that name the kind of event a sentence (or the title)
 * announces. Only a sentence holding one of them is read for dates, so a post's other dates (a release, a deadline,
 * last year's summit) never become an entry. The first cue of the table that a sentence holds names the event.
 */
export type AnnouncedKind = 'testday' | 'docday' | 'event';

export interface AnnouncementCue {
  /** What the event is called in replies and in `!post why`. */
  what: string;
  /** Test days and doc days join the test-day schedule; every other event is listed as an event. */
  kind: AnnouncedKind;
  pattern: RegExp;
  /**
   * A gathering of several days held elsewhere (a summit, a conference): a weekday said with it ("on Tuesday evening
   * at the Summit") is a day of its week, which the post need not be written in; such a weekday gives no date.
   */
  hasItsOwnWeek?: true;
  /** Says when, not what ("When: …"): the event is the one the post names around it. */
  saysOnlyWhen?: true;
}

export const ANNOUNCEMENT_CUES: readonly AnnouncementCue[] = [
  { what: 'test day', kind: 'testday', pattern: /\btest(?:ing)?[\s-]*(?:days?|weeks?)\b/i },
  { what: 'doc day', kind: 'docday', pattern: /\bdoc(?:s|umentation)?[\s-]+(?:(?:and\s+website\s+)?hack[\s-]*)?(?:days?|sprints?)\b/i },
  { what: 'hack day', kind: 'event', pattern: /\bhack[\s-]*(?:days?|athons?|fests?)\b|\bhackaton\b/i },
  { what: 'bug day', kind: 'event', pattern: /\bbugs?[\s-]*(?:(?:squashing|hunting|triage|triaging|fix(?:ing)?)[\s-]+)?(?:days?|part(?:y|ies)|sessions?|jams?)\b|\bBSPs?\b/i },
  { what: 'sprint', kind: 'event', pattern: /\bsprints?\b/i },
  { what: 'community day', kind: 'event', pattern: /\bcommunity\s+days?\b|\bdojo\b/i },
  { what: 'meetup', kind: 'event', pattern: /\bmeet-?ups?\b|\bbof\b|\bbirds\s+of\s+a\s+feather\b/i },
  { what: 'hangout', kind: 'event', pattern: /\bhangouts?\b/i },
  { what: 'webinar', kind: 'event', pattern: /\bweb(?:inar|cast)s?\b/i },
  { what: 'summit', kind: 'event', pattern: /\bsummit\b/i, hasItsOwnWeek: true },
  { what: 'PTG', kind: 'event', pattern: /\bPTG\b|\bproject\s+teams?\s+gathering\b/i, hasItsOwnWeek: true },
  { what: 'conference', kind: 'event', pattern: /\bconference\b|\blinuxcon\b|\bfosdem\b|\bflock\b|\bdevconf\b|\bfudcon\b|\bopenstack\s+days?\b/i, hasItsOwnWeek: true },
  // An event's own "When:" line ("**When**: February 26 6-8pm PST"): whatever the event is, this is its date.
  { what: 'event', kind: 'event', pattern: /^when\s*:/i, saysOnlyWhen: true },
];

/**
 * A sentence that goes on about the event the sentence before it named ("This event will be held … on Friday,
 * January 29th"): it is read as if it named it too.
 */
export const SAME_EVENT = /^(?:this|the)\s+(?:[\p{L}-]+\s+)?(?:event|day|days|meetup|gathering|session)\b|^it\s+will\b/iu;

/**
 * A sentence that tells what happened ("60 people gathered", "we held"): a report, whose weekday is past, not an
 * announcement of one to come.
 */
const TELLS_THE_PAST = /\b(?:gathered|took\s+place|was\s+held|were\s+held|we\s+held|attended|participated|took\s+part|happened)\b/i;
/** Verbs in the past, which tell of a day gone by unless the sentence also speaks of one to come. */
const PAST_VERB = /\b(?:was|were|had|did|gave|spoke|met|went|came|showed|presented|talked|discussed|demonstrated|enjoyed|announced|decided|agreed|brainstormed|thanks?\s+to\s+everyone)\b/i;
const TO_COME = /\b(?:will|shall|going\s+to|join\s+us|come|register|sign\s+up|please|upcoming|next|tomorrow(?!['’]s)|today(?!['’]s)|tonight(?!['’]s)|this\s+(?:week|coming)|is\s+now|moved|postponed|rescheduled)\b|'ll\b/i;

export const tellsThePast = (sentence: string): boolean => TELLS_THE_PAST.test(sentence) || (PAST_VERB.test(sentence) && !TO_COME.test(sentence));

/**
 * Posts that pass on other posts' announcements (round-ups, newsletters): the event is not theirs, and the
 * original post already puts it on the schedule.
 */
export const NOT_AN_ANNOUNCEMENT = /\bround-?ups?\b|\bblogs\b|\bblog\s+posts\b|\bin\s+the\s+news\b|\bdigest\b|\b(?:event\s+)?report\b|\bsummary\b|\brecap\b|\bresults\b/i;

/**
 * A sentence whose date is not an event's: a mail's stamp ("On Mon, 21 Jun 2010 13:44:47 -0400, Jo wrote:", "Date: Fri,
 * 16 Apr 2010 16:33:09 +0200"), or a day not yet decided ("Option 2 (October 5-9)", a poll, tentative dates).
 */
export const NOT_AN_EVENTS_DATE = /\bwrote:|\bdate:\s|\b\d{1,2}:\d{2}:\d{2}\s*[+-]\d{4}\b|\boption\s+\d|\boptions\b|\bpoll\b|\bproposed\s+dates?\b|\bcandidate\s+dates?\b|\btentative(?:ly)?\b|\bTB[AD]\b/i;

/**
 * Zone names as posts write them that the date reader does not know, rewritten to the abbreviations it does know
 * (which follow summer time): "12pm Eastern time" → "12pm ET".
 */
const AFTER_A_TIME = String.raw`(?<=\d(?:\s*[ap]\.?m\.?)?\s+)`;
export const ZONE_WORDS: readonly [RegExp, string][] = [
  [new RegExp(String.raw`${AFTER_A_TIME}(?:US\s+)?Eastern(?:\s+(?:US\s+)?time)?\b`, 'gi'), 'ET'],
  [new RegExp(String.raw`${AFTER_A_TIME}(?:US\s+)?Central(?:\s+(?:US\s+)?time)?\b`, 'gi'), 'CT'],
  [new RegExp(String.raw`${AFTER_A_TIME}(?:US\s+)?Mountain(?:\s+(?:US\s+)?time)?\b`, 'gi'), 'MT'],
  [new RegExp(String.raw`${AFTER_A_TIME}(?:US\s+)?Pacific(?:\s+(?:US\s+)?time)?\b`, 'gi'), 'PT'],
];

/**
 * A sentence calling off the event it names ("WebQA won't be hosting a test day this week", "the meetup is
 * cancelled"): the post announces none, unless it gives the new day (`TO_COME`'s "moved", "rescheduled").
 */
export const CALLED_OFF = /\b(?:cancell?ed|called\s+off|won'?t\s+be\s+(?:hosting|holding|having|happening)|will\s+not\s+(?:be\s+)?(?:hosting|holding|having|happening|take\s+place)|there\s+(?:will\s+be|is)\s+no)\b/i;
export const RESCHEDULED = /\b(?:moved|rescheduled|postponed|now\s+(?:on|be))\b/i;
