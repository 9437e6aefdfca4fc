/**
 * Who an `#action` is for. Two rules, both MeetBot users rely on:
 * - MeetBot's own: every nick seen in the meeting (or listed with #nick) that appears anywhere in the line is an
 *   owner: `#action number80 chandankumar run packstack`, `#action follow up with amoralej`.
 * - The leading-name forms people write for names the bot has not seen yet: `#action alice: text`,
 *   `#action alice, bob: text`, `#action alice and bob to text`, or no owner at all.
 * The owners named at the start leave the text, with the "to/will/should" that joins them to it.
 */
const NICK_CHAR = '\\p{L}\\p{N}_\\-\\[\\]\\\\`^{}|';
const NAME = new RegExp(`^@?[${NICK_CHAR}.]+$`, 'u');
const SEPARATOR = /\s*(?:,|&|\/|\band\b)\s*/i;
/** Words that follow the owners in "alice to fix it", "bob will write it". */
const VERBISH = new Set(['to', 'will', 'should', 'must', 'needs', 'need', 'shall', 'can', '-', '—', 'is', 'are', 'with']);
/** Joining words dropped from the text after the owners: "alice to fix it" is alice's "fix it". */
const JOINERS = /^(?:(?:to|will|should|must|shall|can|could|would|please)\b|(?:needs?|has|have|is|are)\s+to\b|[-—–:])\s*/i;

/** Words that start a sentence without naming anyone: "someone should …", "we will …". */
const NOBODY = new Set(['someone', 'somebody', 'everyone', 'everybody', 'anyone', 'we', 'i', 'you', 'they', 'all', 'team', 'nobody', 'the', 'a']);

export interface ParsedAction {
  owners: string[];
  text: string;
}

const clean = (name: string) => name.replace(/^@/, '');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\\-]/g, '\\$&');

function names(list: string, known: (name: string) => boolean): string[] | null {
  let parts = list.split(SEPARATOR).map((p) => p.trim()).filter(Boolean);
  // "number80 chandankumar: …": names the meeting has seen may be separated by spaces alone.
  if (parts.some((p) => /\s/.test(p))) {
    const spaced = parts.flatMap((p) => p.split(/\s+/));
    if (!spaced.every((p) => NAME.test(p) && known(clean(p)))) return null;
    parts = spaced;
  }
  if (parts.length === 0 || parts.length > 8 || !parts.every((p) => NAME.test(p))) return null;
  return parts.map(clean);
}

/** Drop the joining word after the owners ("to", "will", "needs to"), keeping the text when nothing is left. */
function withoutJoiner(text: string): string {
  const rest = text.replace(JOINERS, '').trim();
  return rest || text;
}

/** The leading owners and the text after them, or null when the line does not start with names. */
function leading(rest: string, known: (name: string) => boolean): ParsedAction | null {
  const colon = /^([^:]{1,120}):\s+(\S.*)$/s.exec(rest);
  if (colon) {
    const owners = names(colon[1], known);
    if (owners && !owners.some((o) => NOBODY.has(o.toLowerCase()))) return { owners, text: withoutJoiner(colon[2].trim()) };
  }
  // No colon: the longest run of leading names joined by commas, "and" or spaces, taken when they are known people or
  // are followed by a verb-like word ("dave to check the mirrors").
  const words = rest.split(/\s+/);
  for (let end = Math.min(words.length - 1, 12); end >= 1; end--) {
    const head = words.slice(0, end).join(' ').replace(/,$/, '');
    const owners = names(head, known);
    if (!owners || owners.some((o) => NOBODY.has(o.toLowerCase()))) continue;
    const next = words[end].toLowerCase();
    if (owners.every(known) || (VERBISH.has(next) && owners.length === head.split(SEPARATOR).length)) {
      return { owners, text: withoutJoiner(words.slice(end).join(' ')) };
    }
  }
  return null;
}

/** The names of `people` that appear as whole words in `text`, in the order they appear. */
export function namedIn(text: string, people: Iterable<string>): string[] {
  const found: { name: string; at: number }[] = [];
  for (const name of people) {
    if (name.length < 2 || NOBODY.has(name.toLowerCase())) continue;
    const at = text.search(new RegExp(`(?<![${NICK_CHAR}])@?${escape(name)}(?![${NICK_CHAR}])`, 'iu'));
    if (at >= 0) found.push({ name, at });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.name);
}

/**
 * `known(name)`: whether this name spoke or was listed in the meeting; `people`: those names as written, whose
 * appearance anywhere in the line makes them owners (MeetBot's rule).
 */
export function parseAction(rest: string, known: (name: string) => boolean, people: Iterable<string> = []): ParsedAction {
  const lead = leading(rest, known) ?? { owners: [], text: rest };
  const owners = [...lead.owners];
  const has = new Set(owners.map((o) => o.toLowerCase()));
  for (const name of namedIn(rest, people)) {
    if (!has.has(name.toLowerCase())) (owners.push(name), has.add(name.toLowerCase()));
  }
  return { owners, text: lead.text };
}
