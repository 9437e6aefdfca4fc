import type { Addressed } from '../src/core/types.js';

/** What a network lets people address the bot by. */
export interface Addressee {
  /** The command prefix (`!`); '' for none. */
  prefix: string;
  /** The names the bot answers to here: its nick (and fallback nick), display name, user id. */
  names: readonly string[];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether a line of chat is for the bot, and its command line if so: `!help` (prefix), `rdobot: help`,
 * `rdobot, help` or `@rdobot help` (name), any line of a private conversation. `rdobot is broken again` talks about
 * the bot, and `! lol` or `!!!` is excitement: both are chat (undefined).
 */
export function addressing(text: string, to: Addressee, isPrivate: boolean): Addressed | undefined {
  const said = text.trim();
  const { prefix } = to;
  if (prefix && said.startsWith(prefix)) {
    const line = said.slice(prefix.length);
    // The prefix is command syntax: what follows must be a command word, not a space or more punctuation.
    return /^\p{L}/u.test(line) ? { line: line.trim(), by: 'prefix' } : undefined;
  }
  const byName = nameAddress(said, to.names);
  if (byName !== null) {
    const line = withoutPrefix(byName, prefix);
    return line ? { line, by: 'name' } : undefined;
  }
  if (!isPrivate) return undefined;
  const line = withoutPrefix(said, prefix);
  return line ? { line, by: 'private' } : undefined;
}

/** The rest of a line that starts by naming the bot (`rdobot: …`, `rdobot, …`, `@rdobot …`), or null. */
function nameAddress(said: string, names: readonly string[]): string | null {
  const lead = namePattern(names)?.exec(said);
  return lead ? said.slice(lead[0].length) : null;
}

// Every line of every channel is read, and the names change rarely (a fallback nick, a display name): one pattern each.
const patterns = new Map<string, RegExp | null>();

function namePattern(names: readonly string[]): RegExp | null {
  const key = names.join('\n');
  let pattern = patterns.get(key);
  if (pattern === undefined) {
    // Longest first: `rdobot_` before `rdobot`, a display name before its first word.
    const known = [...new Set(names.filter((n) => n.length > 0))].sort((a, b) => b.length - a.length).map(escapeRegExp);
    const alternatives = known.join('|');
    pattern = known.length === 0 ? null : new RegExp(`^(?:@(?:${alternatives})[:,]?\\s+|(?:${alternatives})\\s*[:,]\\s*)`, 'i');
    if (patterns.size >= 64) patterns.clear();
    patterns.set(key, pattern);
  }
  return pattern;
}

/** `rdobot: !help` means `help`: the prefix is optional once the bot is named. */
function withoutPrefix(line: string, prefix: string): string {
  const trimmed = line.trim();
  return (prefix && trimmed.startsWith(prefix) ? trimmed.slice(prefix.length) : trimmed).trim();
}
