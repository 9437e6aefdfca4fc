import { createRequire } from 'node:module';
import type { Document } from 'yaml';

// What makes a YAML text too costly to read, for every YAML file the bot reads (its config file, meeting and events files).

/**
 * Aliases one file may expand: `yaml` counts each alias's expansion against this (a real definition has none, or a few
 * shared schedule entries); a file of nested aliases (an alias bomb) is refused instead of filling the heap.
 */
export const MAX_ALIAS_COUNT = 100;

/**
 * The `yaml` library, loaded when a YAML text is first read: it is some thirty modules, and a one-shot answer over
 * posts alone (no config file, no events or meetings) reads none. (It is CommonJS: require loads it synchronously.)
 */
let yamlLib: typeof import('yaml') | undefined;
export const yaml = (): typeof import('yaml') => (yamlLib ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));

/** Collections nested deeper than this are refused: a meeting or events file nests four or five deep. */
export const MAX_DEPTH = 32;

/**
 * What makes a parsed document too costly to turn into values, before it is: nesting past MAX_DEPTH, or a mapping or
 * list used as a key (`{{{…}}}`), which `yaml` turns into text by converting it whole, once per level: 400 levels
 * take minutes. Neither is ever needed by a source file.
 */
export function shapeProblem(doc: Document): { reason: string; at: number } | null {
  const { isCollection, isPair, visit } = yaml();
  let found: { reason: string; at: number } | null = null;
  visit(doc, (_key, node, path) => {
    const at = (node as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
    if (path.length > MAX_DEPTH * 2) found = { reason: `nested deeper than ${MAX_DEPTH} levels`, at };
    else if (isPair(node) && isCollection(node.key)) found = { reason: 'a mapping or list used as a key', at: node.key.range?.[0] ?? at };
    return found ? visit.BREAK : undefined;
  });
  return found;
}

/**
 * Where the text nests past MAX_DEPTH (-1 if it never does), seen before parsing: `yaml` spends a tenth of a second
 * and more on a few thousand brackets before it gives up. Counts flow brackets outside quotes and comments, and the
 * `- ` of lists opened on one line; a bracket inside a plain scalar counts too, so the count errs towards
 * deep, and the margin (twice MAX_DEPTH) keeps real files clear of it.
 */
export function deepAt(text: string): number {
  const limit = MAX_DEPTH * 2;
  let depth = 0;
  let quote = '';
  let dashes = 0;
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
      else if (c === '\n' && depth === 0) quote = '';
      continue;
    }
    if (c === '\n') {
      lineStart = true;
      dashes = 0;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end - 1;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') depth++;
    else if ((c === ']' || c === '}') && depth > 0) depth--;
    else if (c === '-' && lineStart && (text[i + 1] === ' ' || text[i + 1] === '\t')) dashes++;
    // After a key's `: ` a list may open on the same line (which `yaml` refuses, but only after reading it all).
    else if (c === ':' && (text[i + 1] === ' ' || text[i + 1] === '\t')) lineStart = true;
    else if (c !== ' ' && c !== '\t' && c !== '\r') lineStart = false;
    if (depth + dashes > limit) return i;
  }
  return -1;
}
