import { words as parse, type Word } from './nlp.js';
import type { CommandSpec, IntentSpec } from '../core/types.js';
import { isZoneAbbreviation, zoneFromWords } from './zone-words.js';

/**
 * Plain-language questions to commands, locally and explainably: every command spec declares how people ask for it
 * (its intents: the words it needs, the cues that point to it and their weights, the argument its leftover words
 * fill). A question scores each intent by the cues it contains; the best one becomes an ordinary command line,
 * which the router then runs exactly as if it had been typed. Nothing is learnt and nothing leaves the machine: the
 * reasons for a choice are the cues listed in `because`.
 */

export interface Candidate {
  spec: CommandSpec;
  intent: IntentSpec;
  score: number;
  /** The command line (no prefix) this reading of the question runs. */
  line: string;
  because: string[];
}

export type Understanding =
  | { kind: 'command'; best: Candidate; others: Candidate[]; notes: string[] }
  | { kind: 'unsure'; candidates: Candidate[]; notes: string[] }
  | { kind: 'none'; notes: string[] };

/** Below this, a reading is a suggestion at most. */
const MIN_SCORE = 2;
/** The best reading must beat the next other command by this much to be acted on. */
const MARGIN = 1;
/** Real words one letter away from a word the commands are cued by: never read as its typo. */
const REAL_WORDS = new Set(['status', 'states', 'start', 'stars', 'meat', 'meter', 'testy', 'posh', 'poster']);

/** Most words an optional slot (a meeting's or person's name) takes from a question. */
const MAX_NAME_WORDS = 3;
/** Weight of a `needs` phrase that the intent's cues do not weigh. */
const NEED_WEIGHT = 2;

/** Words that carry no subject: they never fill a slot (search words, a meeting's name). */
const FILLER = new Set(
  `a an the is are was were be been being am do does did done doing have has had any anything anyone anybody there here
  what whats when who whom whose which where how why me my mine i i'm you your we us our they them their it its this that
  these those some please pls thanks thank thx can could would will shall should may might must tell show give find get
  know let see look want need like of for to in on at about with by from up into out over all every just also only
  again ever yet still so very really hey hi hello ok okay one ones something someone somebody time times o'clock
  bot rdobot not no yes well then than if or and but soon lately recently`.split(/\s+/),
);
const FILLER_TAGS = ['Determiner', 'Preposition', 'Conjunction', 'Pronoun', 'QuestionWord', 'Copula', 'Auxiliary', 'Modal', 'Negative'];

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
/** Words that introduce a place meant as a zone: "in Paris", "for Bangalore", "to Europe/Paris". */
const ZONE_INTRO = new Set(['in', 'for', 'to', 'at', 'is', 'into', 'use']);
const ZONE_AFTER = new Set(['time', 'timezone', 'tz', 'zone', 'hours']);

interface Question {
  words: Word[];
  /** Root per word, after typo correction. */
  roots: string[];
  zone?: { zone: string; at: number[]; text: string };
  day?: { day: string; at: number[] };
  numbers: { value: number; at: number }[];
  notes: string[];
}

export { typoDistance } from '../core/typo-distance.js';
import { typoDistance } from '../core/typo-distance.js';

const phraseWords = (phrase: string) => phrase.toLowerCase().split(/\s+/).filter(Boolean);

function intentsOf(specs: CommandSpec[]): { spec: CommandSpec; intent: IntentSpec }[] {
  return specs.flatMap((spec) => (spec.intents ?? []).map((intent) => ({ spec, intent })));
}

function cueTable(intent: IntentSpec): Map<string, number> {
  const table = new Map<string, number>();
  for (const need of intent.needs) table.set(need, NEED_WEIGHT);
  for (const [cue, weight] of Object.entries(intent.cues ?? {})) table.set(cue, weight);
  return table;
}

/** Every single word the intents know, for typo correction. */
function vocabulary(specs: CommandSpec[]): Set<string> {
  const vocab = new Set<string>();
  for (const { intent } of intentsOf(specs)) for (const phrase of cueTable(intent).keys()) for (const w of phraseWords(phrase)) vocab.add(w);
  return vocab;
}

function findZone(words: Word[]): Question['zone'] {
  const lower = words.map((w) => w.normal);
  for (let i = 0; i < words.length; i++) {
    // An IANA name as such: Europe/Paris, America/Argentina/Buenos_Aires.
    if (words[i].text.includes('/')) {
      const zone = zoneFromWords(words[i].text);
      if (zone) return { zone, at: [i], text: words[i].text };
    }
    if (isZoneAbbreviation(lower[i])) return { zone: zoneFromWords(lower[i])!, at: [i], text: words[i].text };
  }
  for (let i = 0; i < words.length; i++) {
    for (let n = 3; n >= 1; n--) {
      if (i + n > words.length) continue;
      const text = lower.slice(i, i + n).join(' ');
      const intro = i > 0 && ZONE_INTRO.has(lower[i - 1]);
      const after = i + n < words.length && ZONE_AFTER.has(lower[i + n]);
      if (!intro && !after) continue;
      const zone = zoneFromWords(text);
      if (!zone) continue;
      const at = Array.from({ length: n }, (_, k) => i + k);
      if (after) at.push(i + n);
      return { zone, at, text: words.slice(i, i + n).map((w) => w.text).join(' ') };
    }
  }
  return undefined;
}

function findDay(words: Word[]): Question['day'] {
  const lower = words.map((w) => w.normal);
  for (let i = 0; i < lower.length; i++) {
    const w = lower[i];
    if (w === 'today' || w === 'tonight') return { day: 'today', at: [i] };
    if (w === 'tomorrow' || w === 'tmrw' || w === 'tomorow') return { day: 'tomorrow', at: [i] };
    const weekday = WEEKDAYS.find((d) => d === w || `${d}s` === w);
    if (weekday) return { day: weekday, at: [i] };
  }
  return undefined;
}

function read(text: string, vocab: Set<string>): Question {
  const words = parse(text);
  const notes: string[] = [];
  const roots = words.map((w) => w.root);
  const zone = findZone(words);
  const day = findDay(words);
  const taken = new Set([...(zone?.at ?? []), ...(day?.at ?? [])]);
  words.forEach((w, i) => {
    if (taken.has(i) || vocab.has(w.root) || vocab.has(w.normal) || w.normal.length < 4 || FILLER.has(w.normal)) return;
    // A word the tagger knows as an adjective or adverb is a real word ("tall"), not a typo of one of ours ("talk");
    // so are the few real words one letter from ours ("status" is no "stats").
    if (w.tags.has('Value') || w.tags.has('Adjective') || w.tags.has('Adverb') || REAL_WORDS.has(w.normal)) return;
    const limit = w.normal.length >= 7 ? 2 : 1;
    let best: string | undefined;
    let bestDistance = limit + 1;
    for (const v of vocab) {
      if (Math.abs(v.length - w.normal.length) > limit || v.length < 4) continue;
      const d = typoDistance(w.normal, v);
      if (d < bestDistance) [best, bestDistance] = [v, d];
    }
    if (best) {
      roots[i] = best;
      notes.push(`read '${w.text}' as '${best}'`);
    }
  });
  const numbers = words.flatMap((w, i) => (/^\d{1,4}$/.test(w.normal) && !taken.has(i) ? [{ value: Number(w.normal), at: i }] : []));
  if (zone) notes.push(`zone '${zone.text}' is ${zone.zone}`);
  if (day) notes.push(`day: ${day.day}`);
  return { words, roots, zone, day, numbers, notes };
}

/** Where the phrase occurs (its word indices), matching root forms or the words as typed. */
function locate(q: Question, phrase: string): number[] | null {
  const want = phraseWords(phrase);
  for (let i = 0; i + want.length <= q.words.length; i++) {
    if (want.every((w, k) => q.roots[i + k] === w || q.words[i + k].normal === w)) return want.map((_, k) => i + k);
  }
  // "testday" typed as one word for "test day", and the other way round.
  if (want.length === 1) {
    for (let i = 0; i + 1 < q.words.length; i++) if (q.roots[i] + q.roots[i + 1] === want[0] || q.words[i].normal + q.words[i + 1].normal === want[0]) return [i, i + 1];
  }
  return null;
}

function isFiller(w: Word): boolean {
  return FILLER.has(w.normal) || FILLER_TAGS.some((t) => w.tags.has(t));
}

/** Words every post shares, or that only ask: no use for finding one post among many. */
const UNSEARCHABLE = new Set('rdo openstack community blog blogs post posts article articles archive news information info bit lot thing things stuff question'.split(' '));

/**
 * The words of a question that say what it is about (names, things, subjects), as typed: what the archive is
 * searched for when no command fits. Verbs that only ask ("happened", "said") and filler are left out.
 */
export function subjectWords(question: string): string[] {
  const words = parse(question).filter((w) => !isFiller(w) && !UNSEARCHABLE.has(w.normal) && w.normal.length >= 2 && !/^\d+$/.test(w.normal));
  const things = words.filter((w) => !(w.tags.has('Verb') && !w.tags.has('Noun')) && !w.tags.has('Adverb'));
  // "how do I install RDO?": no thing named but what to do, which is what to look for.
  const subject = things.length ? things : words.filter((w) => w.normal.length >= 4);
  return subject.map((w) => w.text.replace(/["'“”]/g, '').replace(/^-+/, '')).filter(Boolean);
}

/** Every word (root form) any intent of these commands is cued by. */
export function cueWords(specs: CommandSpec[]): Set<string> {
  return vocabulary(specs);
}

/** A slot value can only be words: no quotes (they would regroup the command line) and no leading dashes (options). */
const slotText = (parts: string[]) => parts.map((p) => p.replace(/["'“”]/g, '').replace(/^-+/, '')).filter(Boolean).join(' ');

/**
 * `lenient`: a reading may leave a required slot empty. Used for questions about how to do something ("how do I
 * subscribe to a meeting?"), which name the command but not its arguments, and are answered with its help.
 */
function score(q: Question, spec: CommandSpec, intent: IntentSpec, familyWords: Set<string>, otherNeeds: Set<string>, lenient = false): Candidate | null {
  const used = new Set<number>();
  const because: string[] = [];
  let total = 0;
  let needed = false;
  let lastNeed = -1;
  // Longest phrases first: "interviews" (a list) takes the word before "interview" can, "action item" before "action".
  for (const [phrase, weight] of [...cueTable(intent)].sort((a, b) => b[0].length - a[0].length)) {
    const at = locate(q, phrase);
    if (!at || at.some((i) => used.has(i))) continue;
    at.forEach((i) => used.add(i));
    total += weight;
    because.push(`'${phrase}' ${weight >= 0 ? '+' : ''}${weight}`);
    if (intent.needs.includes(phrase)) {
      needed = true;
      lastNeed = Math.max(lastNeed, ...at);
    }
  }
  if (!needed) return null;
  const args = new Map<string, string>();
  const specArgs = spec.args ?? [];
  if (intent.daySlot && q.day) args.set(intent.daySlot, q.day.day);
  const integerArg = specArgs.find((a) => a.integer);
  const number = q.numbers.find((n) => !used.has(n.at));
  if (integerArg && number && !intent.slot?.after) {
    args.set(integerArg.name, String(number.value));
    used.add(number.at);
    total += 2;
    because.push(`${number.value} as <${integerArg.name}> +2`);
  }
  const zoneAt = new Set(q.zone?.at ?? []);
  const dayAt = new Set(q.day?.at ?? []);
  const leftovers = q.words.filter((w, i) => !used.has(i) && !zoneAt.has(i) && !dayAt.has(i) && !isFiller(w) && !familyWords.has(q.roots[i]) && !familyWords.has(w.normal));
  // An optional slot is not filled with what another command is about ("meetings in my calendar" is not a meeting),
  // nor with a whole sentence's worth of words: a name is a few words, more is a newcomer's chatter ("new RDO
  // community wondering join …"), and the command without a name is the better reading.
  const named = intent.slot && !intent.slot.required ? leftovers.filter((w) => !otherNeeds.has(w.root) && !otherNeeds.has(w.normal)) : leftovers;
  const slotWords = intent.slot && !intent.slot.required && !intent.slot.after && named.length > MAX_NAME_WORDS ? [] : named;
  const leftText = intent.slot?.after ? slotText(q.words.flatMap((w, i) => (i > lastNeed && !zoneAt.has(i) ? [w.text] : []))) : slotText(slotWords.map((w) => w.text));
  if (intent.slot && named.length < leftovers.length) {
    total -= 0.5 * (leftovers.length - named.length);
    because.push(`unused '${slotText(leftovers.filter((w) => !named.includes(w)).map((w) => w.text))}' -${0.5 * (leftovers.length - named.length)}`);
  }
  if (slotWords.length < named.length) because.push(`'${slotText(named.map((w) => w.text))}' is too long for a name: left out`);
  if (intent.slot) {
    if (leftText) {
      args.set(intent.slot.arg, leftText);
      total += 1;
      because.push(`'${leftText}' as <${intent.slot.arg}> +1`);
    } else if (intent.slot.required && !lenient) {
      return null;
    }
  } else if (leftovers.length > 0) {
    // Words this command has no use for make it a worse reading of the question; a number most of all ("last 5").
    const penalty = leftovers.reduce((sum, w) => sum + (w.tags.has('Value') ? 1.5 : 0.5), 0);
    total -= penalty;
    because.push(`unused '${leftText}' -${penalty}`);
  }
  if (intent.zoneSlot) {
    if (q.zone) {
      args.set(intent.zoneSlot, q.zone.zone);
      total += 1;
      because.push(`zone as <${intent.zoneSlot}> +1`);
    } else if (specArgs.find((a) => a.name === intent.zoneSlot)?.required && !lenient) return null;
  }
  const parts = [spec.family, spec.name, ...(intent.fixed ?? [])].filter(Boolean);
  for (const a of specArgs) {
    const value = args.get(a.name);
    if (value !== undefined) parts.push(a.rest ? value : value.split(' ').join('-'));
  }
  if (q.zone && !intent.zoneSlot) parts.push('--tz', q.zone.zone);
  return { spec, intent, score: total, line: parts.join(' '), because };
}

/** Read a question against every command's intents (`lenient`: see score). */
export function understand(question: string, specs: CommandSpec[], lenient = false): Understanding {
  const q = read(question, vocabulary(specs));
  const families = new Map<string, Set<string>>();
  const needs = new Map<string, Set<string>>();
  for (const { spec, intent } of intentsOf(specs)) {
    const set = families.get(spec.family) ?? new Set([spec.family]);
    for (const phrase of cueTable(intent).keys()) for (const w of phraseWords(phrase)) set.add(w);
    families.set(spec.family, set);
    const own = needs.get(spec.family) ?? new Set<string>();
    for (const phrase of intent.needs) if (!phrase.includes(' ')) own.add(phrase);
    needs.set(spec.family, own);
  }
  const otherNeeds = (family: string) => new Set([...needs].filter(([f]) => f !== family).flatMap(([, set]) => [...set]));
  const candidates: Candidate[] = [];
  for (const { spec, intent } of intentsOf(specs)) {
    const c = score(q, spec, intent, families.get(spec.family)!, otherNeeds(spec.family), lenient);
    if (!c) continue;
    // One reading per command: its best-scoring intent.
    const same = candidates.findIndex((o) => o.spec === spec);
    if (same === -1) candidates.push(c);
    else if (c.score > candidates[same].score) candidates[same] = c;
  }
  candidates.sort((a, b) => b.score - a.score || a.line.length - b.line.length);
  const [best, ...others] = candidates;
  if (!best) return { kind: 'none', notes: q.notes };
  const rival = others[0];
  if (best.score < MIN_SCORE || (rival && best.score - rival.score < MARGIN)) return { kind: 'unsure', candidates: candidates.slice(0, 2), notes: q.notes };
  return { kind: 'command', best, others, notes: q.notes };
}
