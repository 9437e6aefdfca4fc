import { BotError } from './types.js';

const QUOTES = /["'“”]/;
const BLANKS = /\s+/;

/**
 * Split a command line into words. Double or single quotes group words; a quote that is
 * never closed runs to the end of the line (chat users forget them).
 */
export function tokenize(line: string): string[] {
  // Without a quote, words are what blanks separate (`\s` as below; trim strips the same characters).
  if (!QUOTES.test(line)) {
    const trimmed = line.trim();
    return trimmed === '' ? [] : trimmed.split(BLANKS);
  }
  return tokenizeByCharacter(line);
}

/** The same, character by character: quotes and all. */
export function tokenizeByCharacter(line: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: string | null = null;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = null;
      else current += ch;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '“' || ch === '”') {
      // An apostrophe inside a word (don't) is text, not a quote.
      if (ch === "'" && inWord && current.length > 0) {
        current += ch;
        continue;
      }
      quote = ch === '“' ? '”' : ch;
      inWord = true;
      continue;
    }
    if (/\s/.test(ch)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
      continue;
    }
    current += ch;
    inWord = true;
  }
  if (inWord) words.push(current);
  return words;
}

export interface SplitOptions {
  words: string[];
  options: Record<string, string | true>;
}

// Phones and word processors turn `--` into an en or em dash; a dash run before a letter is an option.
const DASHES = /^[-\u2010-\u2015\u2212\ufe58\ufe63\uff0d]{1,2}(?=\p{L})/u;

/** `—tz`, `–tz` and `‐‐tz` as `--tz`; a plain `-word` (a search for it) stays as it is. */
export function optionDashes(word: string): string {
  const m = DASHES.exec(word);
  if (!m || m[0] === '-') return word;
  return `--${word.slice(m[0].length)}`;
}

/** Separate `--name value`, `--name=value` and bare `--flag` from positional words. */
export function splitOptions(words: string[], takesValue: (name: string) => boolean | undefined): SplitOptions {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < words.length; i++) {
    const word = optionDashes(words[i]);
    if (word === '--') {
      positional.push(...words.slice(i + 1));
      break;
    }
    if (!word.startsWith('--') || word.length === 2) {
      positional.push(word);
      continue;
    }
    const eq = word.indexOf('=');
    const name = (eq === -1 ? word.slice(2) : word.slice(2, eq)).toLowerCase();
    const wants = takesValue(name);
    if (wants === undefined) throw new BotError('BAD_OPTION', `Unknown option --${name}.`);
    if (!wants) {
      if (eq !== -1) throw new BotError('BAD_OPTION', `--${name} takes no value.`);
      options[name] = true;
      continue;
    }
    if (eq !== -1) {
      options[name] = word.slice(eq + 1);
      continue;
    }
    const value = words[i + 1];
    if (value === undefined || optionDashes(value).startsWith('--')) throw new BotError('BAD_OPTION', `--${name} needs a value.`);
    options[name] = value;
    i++;
  }
  return { words: positional, options };
}
