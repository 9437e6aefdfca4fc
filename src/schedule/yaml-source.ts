import { readdir, readFile, stat } from 'node:fs/promises';
import { OUTSIDE_REASON, resolvesInside } from '../archive/inside.js';
import { bytesText, SOURCE_LIMITS } from '../archive/limits.js';
import { join } from 'node:path';
import type { Document, LineCounter } from 'yaml';
import { deepAt, MAX_ALIAS_COUNT, MAX_DEPTH, shapeProblem, yaml } from '../base/yaml-shape.js';
import type { DefinitionWarning } from './types.js';
import { firstLine } from '../base/first-line.js';

export type YamlPath = (string | number)[];

/** A parsed YAML file with a way back from a key path to its line, for warnings. */
export interface YamlSource {
  file: string;
  /** The text it was read from (kept as the file's last good reading when it gives a good one). */
  text: string;
  data: unknown;
  /** Line of the key at the end of `path` (or of the nearest enclosing node). */
  lineOf(path: YamlPath): number | undefined;
}

function keyLine(doc: Document, lines: LineCounter, path: YamlPath): number | undefined {
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
