import type { ClassifyConfig, ClassifyRule } from './rule-types.js';

/**
 * What makes a post an interview, a test-day announcement or a meeting announcement, as data. The rules look for
 * what such a post *is* rather than one series' wording: for an interview, named people in the title or the opening,
 * an embedded recording, a transcript with speaker turns, a conversation told in the first person; against it, the
 * marks of its look-alikes (round-ups of posts, event announcements, calls for interviewees, recorded talks, clip
 * compilations, releases, newsletters, minutes). A kind needs a total of `threshold`.
 */

const MACROS: Record<string, string> = {
  // Letters of the Latin, Greek and Cyrillic scripts with their accents, as a class body. Spelled out rather than
  // \p{L}: a case-insensitive pattern in Unicode mode scans several times slower, and rules run on every post.
  LETTER: String.raw`A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u0300-\u036F\u0370-\u03FF\u0400-\u04FF\u1E00-\u1EFF`,
  // A word that may be part of a name; person-names.ts then checks capitals, particles and NOT_NAMES. Lazy, so that
  // what follows the name in the pattern decides where it ends.
  WORD: String.raw`[{LETTER}][{LETTER}'’.-]*`,
  NAME: String.raw`(?<![{LETTER}'’-]){WORD}(?:\s+{WORD}){0,5}?`,
  NAMES: String.raw`{NAME}(?:\s*(?:,|&|\band\b)\s*{NAME}){0,3}?`,
  // Two words or more ("Ana Example"), where a single capitalised word is more often not a person ("Reminder:").
  FULLNAME: String.raw`(?<![{LETTER}'’-]){WORD}(?:\s+{WORD}){1,5}?`,
  FULLNAMES: String.raw`{FULLNAME}(?:\s*(?:,|&|\band\b)\s*{FULLNAME}){0,3}?`,
  // Where a name in running text stops: punctuation, the end, or a word that cannot be part of it.
  END: String.raw`(?=\s*(?:[,.;:!?()\[\]\n–—]|\s-|$)|\s+(?:about|on|who|whose|from|of|at|in|for|to|during|regarding|after|before|the|a|an|this|that|last|recently|today|yesterday|is|was|over|via|by|as)\b)`,
  // Minutes of a meeting, not "23 minutes" of a recording.
  MINUTES: String.raw`(?:(?:meeting|the|full|our)\s+minutes|minutes\s+(?:of|from|are|were|for)\b)`,
  MONTH: String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`,
  DATE: String.raw`(?:\b{MONTH}\s+\d{1,2}(?:st|nd|rd|th)?\b|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\btoday\b|\btonight\b|\btomorrow\b|\bnext\s+week\b|\bthis\s+week\b)`,
  TALK_VERB: String.raw`(?:talks?|talking|talked|speaks?|speaking|spoke|chats|chatting|chatted|discuss(?:es|ing)?|explains?|explaining|answers|shares|reflects|looks\s+back)`,
  ROUNDUP: String.raw`(?:\bround-?ups?\b|\bblogs\b|\bblog\s+posts\b|\bin\s+the\s+news\b|\bdigest\b|\bweek\s+in\s+review\b|\bthis\s+week\s+in\b|\breading\s+list\b|\bwhat\s+\w+\s+(?:have\s+been|were)\s+(?:writing|blogging))`,
};

const I = 'interview' as const;
const T = 'testday' as const;
const M = 'meeting' as const;

const INTERVIEW: ClassifyRule[] = [
  // Named people in the title, in the shapes interview titles take whatever the series.
  {
    kind: I, field: 'title', weight: 2, group: 'person in the title', label: 'title: a person, then a separator',
    pattern: String.raw`^(?:(?:interview|podcast|video|audio|q&a|episode\s*\d*)\s*[:\-–—]\s*)?(?<person>{FULLNAMES})\s*(?::|\s[-–—|])\s`,
  },
  {
    kind: I, field: 'title', weight: 2, group: 'person in the title', label: 'title: a person talking about a topic',
    pattern: String.raw`^(?:(?:interview|podcast|video|audio|q&a|episode\s*\d*)\s*[:\-–—]\s*)?(?<person>{NAMES})\s+(?:{TALK_VERB}|on|about|and\s+(?:the|his|her|their)|in\s+conversation)\b`,
  },
  {
    kind: I, field: 'title', weight: 2, group: 'person in the title', label: 'title: a person after a separator',
    pattern: String.raw`[:?!–—|-]\s+(?<person>{FULLNAMES})(?:\s+(?:{TALK_VERB}|on|about)\b|[\s!.]*$)`,
  },
  {
    kind: I, field: 'title', weight: 2, group: 'person in the title', label: 'title: an interview with a person',
    pattern: String.raw`\b(?:interview(?:ed|ing)?|podcast|conversation|chat(?:ting)?|q&a|talk(?:s|ing)?|sit-?down|fireside)\s+(?:with|w/)\s+(?<person>{NAMES}){END}`,
  },
  // Who the opening says the conversation was with; first-person framing of a conversation.
  {
    kind: I, field: 'lead', weight: 2, group: 'a conversation', label: 'opening: I spoke with a person',
    pattern: String.raw`\b(?:I|we)(?:'m|'re|\s+am|\s+are|\s+was|\s+were|\s+have|\s+had|\s+recently)?\s+(?:spoke|speak|speaking|spoken|talked|talk|talking|chatted|chat|chatting|sat\s+down|sit\s+down|caught\s+up|catch\s+up)\s+(?:again\s+)?(?:with|to)\s+(?<person>{NAMES}){END}`,
  },
  {
    kind: I, field: 'lead', weight: 2, group: 'a conversation', label: 'opening: I interviewed a person',
    pattern: String.raw`\b(?:I|we)(?:\s+recently|\s+just)?\s+(?:interviewed|interview)\s+(?<person>{NAMES}){END}`,
  },
  {
    kind: I, field: 'lead', weight: 2, group: 'a conversation', label: 'opening: a chance to interview a person',
    pattern: String.raw`\b(?:opportunity|chance|privilege|pleasure|honou?r)\s+(?:to|of)\s+(?:interview(?:ing)?|chat(?:ting)?\s+with|speak(?:ing)?\s+(?:with|to)|talk(?:ing)?\s+(?:with|to)|sit(?:ting)?\s+down\s+with)\s+(?<person>{NAMES}){END}`,
  },
  {
    kind: I, field: 'lead', weight: 2, group: 'a conversation', label: 'opening: my chat with a person',
    pattern: String.raw`\b(?:my|our)\s+(?:chat|conversation|interview|talk|discussion)\s+with\s+(?<person>{NAMES}){END}`,
  },
  {
    kind: I, field: 'lead', weight: 2, label: "opening: here's a person talking about",
    pattern: String.raw`\bhere(?:'s|\s+is|\s+are)\s+(?<person>{NAMES})\s+(?:talking|speaking|chatting|explaining|discussing)\b`,
  },
  {
    kind: I, field: 'lead', weight: 2, group: 'a conversation', label: 'opening: a person spoke about their work',
    // All that follows the name: a scan for it is quick, and it is rare, where a scan for the whole pattern tries a name
    // at every word.
    hint: String.raw`\b(?:spoke|speaks|talks|talked|chatted|tells\s+us|told\s+us|explains|explained)\s+(?:(?:with|to)\s+(?:me|us)\s+)?(?:about|how|what|why)\s+(?:his|her|their|the|what|how|why)\b`,
    pattern: String.raw`(?<person>{NAMES})\s+(?:spoke|speaks|talks|talked|chatted|tells\s+us|told\s+us|explains|explained)\s+(?:(?:with|to)\s+(?:me|us)\s+)?(?:about|how|what|why)\s+(?:his|her|their|the|what|how|why)\b`,
  },
  {
    kind: I, field: 'lead', weight: 2, group: 'a conversation', label: 'opening: this interview, a series of interviews',
    pattern: String.raw`\b(?:in\s+this|this|our|my)\s+(?:interview|podcast|conversation|episode|installment|instalment)\b|\bseries\s+(?:of\s+(?:interviews|podcasts|conversations)|talking\s+with)\b`,
  },
  // A recording of it.
  { kind: I, field: 'media', weight: 2, group: 'a recording', label: 'an audio recording', pattern: '^audio$' },
  { kind: I, field: 'media', weight: 2, group: 'a recording', label: 'an embedded player', pattern: '^player$' },
  { kind: I, field: 'media', weight: 2, group: 'a recording', label: 'a video', pattern: '^video$' },
  // A transcript: speaker turns at line starts, "Rich: …", "**R**: …".
  {
    kind: I, field: 'body', weight: 3, min: 4, label: 'a transcript (4+ speaker turns)',
    pattern: String.raw`^[ \t]*(?:\*\*|__)?[{LETTER}][{LETTER}.'’-]{0,20}(?:\s[{LETTER}][{LETTER}.'’-]{0,20})?(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]+\S.{15}`,
  },
  { kind: I, field: 'tags', weight: 1, label: 'tagged as an interview', pattern: '^(?:podcasts?|interviews?)$' },

  // Look-alikes.
  { kind: I, field: 'title', weight: -6, label: 'title: a round-up of posts', pattern: '{ROUNDUP}' },
  {
    kind: I, field: 'body', weight: -4, min: 3, label: 'a round-up: 3+ "read more" links',
    pattern: String.raw`\b(?:read|listen|watch)(?:\s*\(and\s+listen\))?\s+more\b|\bmore\s+at\s+\[?https?:`,
  },
  { kind: I, field: 'title', weight: -6, group: 'a newsletter', label: 'a newsletter', pattern: String.raw`\bnewsletter\b` },
  { kind: I, field: 'tags', weight: -6, group: 'a newsletter', label: 'a newsletter', pattern: '^newsletters?$' },
  {
    kind: I, field: 'title', weight: -3, label: 'title: a release',
    pattern: String.raw`\breleased\b|\bnow\s+available\b|\bavailable\s+(?:now|today|for)\b|\bannounc(?:e|es|ing|ement)\b|\bpackages?\s+(?:updated|released|available)\b|\bupdated\s+in\b|\b\d+\.\d+\.\d+\b`,
  },
  { kind: I, field: 'title', weight: -2, label: 'title: a date (an event to come)', pattern: '{DATE}' },
  {
    kind: I, field: 'title', weight: -1, label: 'title: an event',
    pattern: String.raw`\b(?:upcoming|events?|meetups?|hangout|webinar|webcast|summit|conference|schedule|agenda|booth|workshop|hackathon|hack\s+day|bof|sprint|community\s+day|dojo)\b`,
  },
  {
    kind: I, field: 'lead', weight: -2, label: 'opening: an event to come (register, join us, will be holding)',
    pattern: String.raw`\b(?:will\s+be|we'?ll\s+be)\s+(?:holding|hosting|having|presenting|doing|organi[sz]ing|streaming|running)\b|\b(?:we\s+are|we're|is|are)\s+(?:holding|hosting|organi[sz]ing)\b|\b(?:register|registration|rsvp|sign\s+up|signup|join\s+us|save\s+the\s+date|come\s+(?:join|see|by)|drop\s+by|please\s+(?:join|come))\b|\bupcoming\b`,
  },
  {
    kind: I, field: 'lead', weight: -4, label: 'opening: a call for people to interview',
    pattern: String.raw`\b(?:would\s+(?:you\s+)?like\s+to\s+be\s+interviewed|want\s+to\s+be\s+interviewed|looking\s+for\s+(?:people|volunteers|folks|interviewees|guests|speakers)|interview\s+slots?|schedule\s+(?:an|your)\s+interview|(?:be|get)\s+interviewed|volunteer(?:s|ing)?\s+(?:to|for)|(?:I|we)(?:'d|\s+would)\s+(?:love|like)\s+to\s+(?:do\s+(?:some\s+|a\s+few\s+)?(?:\w+\s+)?interviews|(?:interview|talk\s+(?:to|with)|hear\s+from|speak\s+(?:to|with))\s+(?:you|people|folks|anyone|someone|more))|sign\s+up\s+(?:for\s+an?\s+interview|to\s+be))`,
  },
  {
    kind: I, field: 'lead', weight: -2, label: 'opening: a recorded talk or session',
    pattern: String.raw`\b(?:(?:his|her|their|the|a|this|our|my)\s+(?:session|talk|presentation|keynote|lecture)|recording\s+of|recorded\s+(?:talk|session|presentation)|presentations?|presented|keynotes?|slides|slide\s+deck|talk\s+(?:at|from|given)|gave\s+(?:a|his|her|their|the)\s+talk|conference\s+talk|lightning\s+talks?|webinar|webcast|hangout|panel)\b`,
  },
  {
    kind: I, field: 'title', weight: -2, label: 'title: a talk, session or clips',
    pattern: String.raw`\b(?:presentations?|keynotes?|sessions?|slides|talk\s+at|lightning\s+talks?|webinar|webcast|hangout|clips?|highlights|compilation|montage|playlist|videos)\b`,
  },
  { kind: I, field: 'media', weight: -3, min: 3, label: 'three or more videos (a compilation)', pattern: '^video$' },
  {
    kind: I, field: 'lead', weight: -2, label: 'opening: a meeting report',
    pattern: String.raw`\b(?:{MINUTES}|we\s+held|was\s+held|took\s+place|in\s+attendance|attendees|were\s+discussed|was\s+discussed|action\s+items?|agenda|meetup)\b`,
  },
  { kind: I, field: 'title', weight: -2, label: 'title: a summary or report', pattern: String.raw`\b(?:minutes|summary|recap|report|retrospective|wrap-?up|results)\b` },
];

const TESTDAY: ClassifyRule[] = [
  { kind: T, field: 'title', weight: 3, label: 'title: test day', pattern: String.raw`\btest[\s-]*days?\b` },
  { kind: T, field: 'tags', weight: 1, label: 'tagged testday', pattern: '^test-?days?$' },
  { kind: T, field: 'lead', weight: 1, label: 'opening: test day', pattern: String.raw`\btest[\s-]*days?\b` },
  { kind: T, field: 'title', weight: 1, label: 'title: a date', pattern: '{DATE}' },
  {
    kind: T, field: 'lead', weight: 1, label: 'opening: a date',
    pattern: String.raw`{DATE}|\b\d{1,2}(?:st|nd|rd|th)?\s*(?:and|&|-|–)\s*\d{1,2}(?:st|nd|rd|th)?\b|\b\d{1,2}/\d{1,2}\b`,
  },
  {
    kind: T, field: 'lead', weight: 1, label: 'opening: come and test',
    pattern: String.raw`\b(?:we'?ll\s+be|will\s+be|we\s+are\s+planning|planning|join\s+us|help\s+us|please\s+(?:join|come|help)|participate|sign\s+up|add\s+your\s+name|reminder)\b`,
  },
  {
    kind: T, field: 'title', weight: -4, label: 'title: a summary, results or changes',
    pattern: String.raw`\b(?:summary|summaries|results|report|recap|wrap-?up|thanks|thank\s+you|retrospective|statistics|stats|changes?|changing|new\s+format|lessons|outcome)\b|\bhow\s+(?:did|was)\b`,
  },
  {
    kind: T, field: 'lead', weight: -2, label: 'opening: it is over (participated, thanks to everyone)',
    pattern: String.raw`\b(?:participated|took\s+part|thanks\s+(?:to\s+)?(?:everyone|all)|thank\s+you\s+to|were\s+opened|was\s+a\s+success|statistics)\b`,
  },
  { kind: T, field: 'title', weight: -6, label: 'title: a round-up of posts', pattern: '{ROUNDUP}' },
  { kind: T, field: 'title', weight: -6, label: 'a newsletter', pattern: String.raw`\bnewsletter\b` },
];

const MEETING: ClassifyRule[] = [
  {
    kind: M, field: 'title', weight: 2, label: 'title: a meeting',
    pattern: String.raw`\b(?:meetings?|meetups?|bof|birds[\s-]+of[\s-]+a[\s-]+feather|office\s+hours|community\s+call|video\s+call)\b`,
  },
  {
    kind: M, field: 'lead', weight: 1, label: 'opening: a meeting',
    pattern: String.raw`\b(?:meetings?|meetups?|bof|office\s+hours|community\s+call|video\s+call)\b`,
  },
  {
    kind: M, field: 'lead', weight: 1, label: 'opening: a time',
    pattern: String.raw`\b\d{1,2}:\d{2}\b|\b\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)\b|\b\d{1,2}\s*[ap]\.m\.|\b(?:utc|gmt|[ecmp][sd]t|cet|cest)\b|\blunch(?:\s*time)?\b`,
  },
  { kind: M, field: 'lead', weight: 1, label: 'opening: an agenda to add to', pattern: String.raw`\b(?:agenda|etherpad)\b` },
  {
    kind: M, field: 'lead', weight: 1, label: 'opening: it is to come',
    pattern: String.raw`\b(?:we'?ll\s+be|will\s+be|will\s+(?:meet|gather|hold|have|start|move)|moves?\s+to|we\s+are\s+(?:having|holding)|join\s+us|please\s+(?:join|come|add)|upcoming|next\s+(?:week|meeting)|from\s+now\s+on)\b`,
  },
  { kind: M, field: 'title', weight: 1, label: 'title: a date', pattern: '{DATE}' },
  {
    kind: M, field: 'lead', weight: -3, label: 'opening: it is over (held, discussed, attendance)',
    pattern: String.raw`\b(?:we\s+held|was\s+held|held\s+(?:the|our|a)|gathered|took\s+place|in\s+attendance|attendees|discussed|we\s+talked\s+about|{MINUTES}|recap|action\s+items?)\b`,
  },
  { kind: M, field: 'title', weight: -4, label: 'title: minutes or a summary', pattern: String.raw`\b(?:minutes|summary|recap|report|notes|retrospective|wrap-?up|highlights)\b` },
  {
    kind: M, field: 'lead', weight: -3, label: 'opening: talks and speakers (an event)',
    pattern: String.raw`\b(?:speakers?|panel|presentations?|presenting|presented|talks\s+(?:by|on|about|from)|talk\s+by)\b`,
  },
  { kind: M, field: 'title', weight: -6, label: 'title: a round-up of posts', pattern: '{ROUNDUP}' },
  { kind: M, field: 'title', weight: -6, label: 'a newsletter', pattern: String.raw`\bnewsletter\b` },
];

/** Capitalised words that are never part of a person's name in a title or an opening. */
const NOT_NAMES = [
  // series, post and event words
  'podcast', 'interview', 'interviews', 'video', 'audio', 'episode', 'webinar', 'webcast', 'hangout', 'meetup', 'meeting',
  'summit', 'conference', 'community', 'day', 'days', 'doc', 'docs', 'event', 'events', 'blog', 'blogs', 'roundup',
  'news', 'newsletter', 'release', 'released', 'announce', 'announcing', 'announcement', 'reminder', 'schedule', 'update',
  'updates', 'welcome', 'congratulations', 'thanks', 'introducing', 'recap', 'summary', 'report', 'minutes', 'upcoming',
  'ptl', 'project', 'team', 'session', 'talk', 'keynote', 'panel', 'booth', 'workshop', 'sprint', 'lab', 'labs', 'group',
  'user', 'users', 'foundation', 'google', 'red', 'hat', 'openstack', 'fedora', 'centos', 'linux', 'cloud', 'ceph',
  'trystack', 'packstack', 'tripleo', 'puppet', 'ansible', 'docker', 'kubernetes', 'python',
  // function words that open titles and sentences
  'what', 'why', 'how', 'who', 'when', 'where', 'which', 'the', 'a', 'an', 'this', 'that', 'these', 'our', 'my', 'your',
  'new', 'next', 'last', 'recent', 'weekly', 'in', 'on', 'at', 'of', 'for', 'with', 'from', 'to', 'and', 'or', 'i', 'we',
  'you', 'he', 'she', 'they', 'it', 'is', 'are', 'was', 'here', 'there', 'today', 'tomorrow', 'yesterday', 'get', 'getting',
  'using', 'how-to', 'part', 'vote', 'join', 'come', 'help', 'happy', 'hello', 'hi',
  // calendar
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'week',
];

export const DEFAULT_CLASSIFY: ClassifyConfig = {
  threshold: 4,
  macros: MACROS,
  notNames: NOT_NAMES,
  rules: [...INTERVIEW, ...TESTDAY, ...MEETING],
};
