/**
 * Who an `#action` is for, as MeetBot users write it: `#action alice: text`, `#action alice, bob: text`,
 * `#action alice and bob to text`, `#action alice text` when alice is known in the meeting, or with no owner at all.
 */
const NAME = /^@?[\p{L}\p{N}_\-\[\]\\`^{}|.]+$/u;
const SEPARATOR = /\s*(?:,|&|\/|\band\b)\s*/i;
/** Words that follow the owners in "alice to fix it", "bob will write it". */
const VERBISH = new Set(['to', 'will', 'should', 'must', 'needs', 'need', 'shall', 'can', '-', '—', 'is', 'are', 'with']);

/** Words that start a sentence without naming anyone: "someone should …", "we will …". */
const NOBODY = new Set(['someone', 'somebody', 'everyone', 'everybody', 'anyone', 'we', 'i', 'you', 'they', 'all', 'team', 'nobody', 'the', 'a']);

export interface ParsedAction {
  owners: string[];
  text: string;
}

const clean = (name: string) => name.replace(/^@/, '');

function names(list: string): string[] | null {
  const parts = list.split(SEPARATOR).map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0 || parts.length > 8 || !parts.every((p) => NAME.test(p))) return null;
  return parts.map(clean);
}

/** `known(name)`: whether this name spoke or was listed in the meeting (case-insensitive is the caller's choice). */
export function parseAction(rest: string, known: (name: string) => boolean): ParsedAction {
  const colon = /^([^:]{1,120}):\s+(\S.*)$/s.exec(rest);
  if (colon) {
    const owners = names(colon[1]);
    if (owners) return { owners, text: colon[2].trim() };
  }
  // No colon: the longest run of leading names joined by commas or "and", taken when they are known people or are
  // followed by a verb-like word ("dave to check the mirrors").
  const words = rest.split(/\s+/);
  for (let end = Math.min(words.length - 1, 12); end >= 1; end--) {
    const head = words.slice(0, end).join(' ').replace(/,$/, '');
    const owners = names(head);
    if (!owners || owners.some((o) => NOBODY.has(o.toLowerCase()))) continue;
    const next = words[end].toLowerCase();
    if (owners.every(known) || (VERBISH.has(next) && words.slice(0, end).join(' ').split(SEPARATOR).length === owners.length)) {
      return { owners, text: words.slice(end).join(' ') };
    }
  }
  return { owners: [], text: rest };
}
