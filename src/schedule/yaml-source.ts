import { readdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { OUTSIDE_REASON, resolvesInside } from '../archive/inside.js';
import { bytesText, SOURCE_LIMITS } from '../archive/limits.js';
import { join } from 'node:path';
import type { Document } from 'yaml';
import type { DefinitionWarning } from './types.js';
import { firstLine } from '../base/first-line.js';

export type YamlPath = (string | number)[];

/**
 * The `yaml` library, loaded when a YAML file is first read: it is some thirty modules, and a one-shot answer over
 * posts alone (no config file, no events or meetings) reads none. (It is CommonJS: require loads it synchronously.)
 */
let yamlLib: typeof import('yaml') | undefined;
export const yaml = (): typeof import('yaml') => (yamlLib ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));

/** A parsed YAML file with a way back from a key path to its line, for warnings. */
export interface YamlSource {
  file: string;
  /** The text it was read from (kept as the file's last good reading when it gives a good one). */
  text: string;
  data: unknown;
  /** Line of the key at the end of `path` (or of the nearest enclosing node). */
  lineOf(path: YamlPath): number | undefined;
}

function keyLine(doc: Document, lines: import('yaml').LineCounter, path: YamlPath): number | undefined {
  const { isMap, isScalar } = yaml();
  for (let n = path.length; n > 0; n--) {
    const parent = n > 1 ? doc.getIn(path.slice(0, n - 1), true) : doc.contents;
    const key = path[n - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === key);
      const range = isScalar(pair?.key) ? pair.key.range : undefined;
      if (range) return lines.linePos(range[0]).line;
    }
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

/**
 * Aliases one file may expand: `yaml` counts each alias's expansion against this (a real definition has none, or a few
 * shared schedule entries); a file of nested aliases (an alias bomb) is refused instead of filling the heap.
 */
export const MAX_ALIAS_COUNT = 100;

/**
 * Parse YAML text; a syntax error, an alias that names no anchor (`description: *Important*`), an alias bomb, or
 * anything else that goes wrong comes back as a warning with its line instead of a source: never a throw.
 */
export function parseYaml(file: string, text: string): YamlSource | DefinitionWarning {
  const { LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  const deep = deepAt(text);
  if (deep !== -1) return { file, line: text.slice(0, deep).split('\n').length, reason: `not usable YAML: nested deeper than ${MAX_DEPTH} levels` };
  try {
    // logLevel 'error': what the file's author got wrong is said in the warnings, never as a process warning.
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
    if (doc.errors.length) {
      const e = doc.errors[0];
      return { file, line: lines.linePos(e.pos[0]).line, reason: `not valid YAML: ${e.message.split('\n')[0]}` };
    }
    const shape = shapeProblem(doc);
    if (shape) return { file, line: lines.linePos(shape.at).line, reason: `not usable YAML: ${shape.reason}` };
    const data: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return { file, text, data, lineOf: (path) => keyLine(doc, lines, path) };
  } catch (err) {
    const said = firstLine(err);
    const message = /excessive alias count/i.test(said) ? `its aliases expand to more than ${MAX_ALIAS_COUNT} copies (an alias bomb?); refused` : said;
    return { file, line: aliasLine(text, message), reason: `not usable YAML: ${message}` };
  }
}

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

/** The line of the alias an error names ("Unresolved alias (the anchor must be set before the alias): Important"). */
function aliasLine(text: string, message: string): number | undefined {
  const alias = /alias\b.*: (\S+)$/i.exec(message)?.[1];
  const at = alias ? text.indexOf(`*${alias}`) : -1;
  return at === -1 ? undefined : text.slice(0, at).split('\n').length;
}

/** Every YAML file under these directories (recursively), sorted so the order never depends on the disk. */
export async function yamlFiles(dirs: string[], warnings: DefinitionWarning[], allowOutside = SOURCE_LIMITS.allowOutsideLinks): Promise<string[]> {
  const out: string[] = [];
  for (const dir of dirs) {
    let entries: string[];
    try {
      entries = (await readdir(dir, { recursive: true })) as string[];
    } catch (err) {
      warnings.push({ file: dir, reason: `cannot read the directory (${(err as NodeJS.ErrnoException).code ?? 'error'})` });
      continue;
    }
    for (const file of entries.filter((e) => /\.ya?ml$/i.test(e)).sort().map((e) => join(dir, e))) {
      // A link (or a linked directory) leading outside the directory is not followed: its text could be anything.
      if (allowOutside || resolvesInside(dir, file)) out.push(file);
      else warnings.push({ file, reason: OUTSIDE_REASON });
    }
  }
  return out;
}

/** Read and parse one file; an unreadable or broken file becomes a warning. */
export async function readYaml(file: string, warnings: DefinitionWarning[], maxBytes = SOURCE_LIMITS.definitionMaxBytes): Promise<YamlSource | null> {
  let text: string;
  try {
    const size = (await stat(file)).size;
    if (size > maxBytes) {
      warnings.push({ file, reason: `${bytesText(size)}, over the limit of ${bytesText(maxBytes)} (RDOBOT_DEFINITION_MAX_BYTES); skipped` });
      return null;
    }
    text = await readFile(file, 'utf8');
  } catch (err) {
    warnings.push({ file, reason: `cannot read it (${(err as NodeJS.ErrnoException).code ?? 'error'})` });
    return null;
  }
  const parsed = parseYaml(file, text);
  if ('reason' in parsed) {
    warnings.push(parsed);
    return null;
  }
  return parsed;
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
