import { CORE_SCHEMA } from 'js-yaml';

/**
 * Front matter of the shape nearly every post has, read without the YAML parser: one `key: value` per line, each
 * value plain, or quoted without escapes, on its own line. What the parser would make of such a text is simple enough
 * to say here exactly, plain values resolved by the parser's own types (null, true, 12, 1.5e3 …) in the parser's
 * order; anything else (lists, multi-line values, comments, anchors, tags, escapes, tabs, keys said twice, characters
 * YAML refuses) is left to the parser: undefined. Pinned against js-yaml in test/archive/front-matter-lines.test.ts.
 */

interface ImplicitType {
  resolve(text: string): boolean;
  construct(text: string): unknown;
}

// The types js-yaml tries on a plain scalar, in its order (what its loader reads as `state.implicitTypes`). Not in its
// declared API: if a version lacks it, every text goes to the parser.
const IMPLICIT: ImplicitType[] | undefined = (() => {
  const types = (CORE_SCHEMA as unknown as { compiledImplicit?: unknown }).compiledImplicit;
  return Array.isArray(types) && types.every((t) => typeof t?.resolve === 'function' && typeof t?.construct === 'function') ? (types as ImplicitType[]) : undefined;
})();

/**
 * One line: a key (letters, digits, `_`, `-`, from a letter), a colon, and either nothing or one space then a value
 * that opens with none of YAML's indicators and does not end with a space. Only characters YAML takes as printable
 * (no tab, no control character, no lone surrogate: any surrogate sends the text to the parser).
 */
const LINE = /^([A-Za-z][A-Za-z0-9_-]*):(?: ([^\s\-?:,[\]{}#&*!|>'"%@`][^\t\n\r]*?|'(?:[^'\n\r\t]|'')*'|"[^"\\\n\r\t]*"))?$/;
const UNPRINTABLE = /[\x00-\x09\x0B-\x1F\x7F-\x9F\uD800-\uDFFF\uFFFE\uFFFF]/;
/** What ends a plain value early: a colon before a space or at the end (a mapping), a ` #` (a comment). */
const CUT_SHORT = /:(?: |$)| #/;

/** The texts the parser's null and boolean types read (besides the empty text, a null too). */
const NULLS_AND_BOOLEANS = new Set(['~', 'null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);

/**
 * Whether a plain scalar can only be text, without asking each type: of the types the parser tries, null and booleans
 * read only the texts above (and the empty text), ints and floats only text that starts with a digit or one of `+-.`.
 * Most values and keys are plain text. Pinned against the types in test/archive/front-matter-lines.test.ts.
 */
export function onlyText(text: string): boolean {
  const c = text.charCodeAt(0);
  // A digit, '+', '-' or '.'
  if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46) return false;
  return text.length > 0 && !NULLS_AND_BOOLEANS.has(text);
}

/** A plain scalar as the parser resolves it. */
export function resolved(text: string): unknown {
  return onlyText(text) ? text : resolvedByTypes(text);
}

/** resolved(), asking every type (what the shortcut must give: a test of it). */
export function resolvedByTypes(text: string): unknown {
  for (const type of IMPLICIT!) if (type.resolve(text)) return type.construct(text);
  return text;
}

/** The mapping js-yaml (core schema) would load from `text`, or undefined when the text is not of the simple shape. */
export function simpleMapping(text: string): Record<string, unknown> | undefined {
  if (!IMPLICIT || UNPRINTABLE.test(text)) return undefined;
  const out: Record<string, unknown> = {};
  let any = false;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const m = LINE.exec(line);
    // The parser refuses an implicit key over 1024 characters.
    if (!m || m[1].length > 1000) return undefined;
    const raw = m[2];
    let value: unknown;
    if (raw === undefined) value = null;
    else if (raw.startsWith("'")) value = raw.slice(1, -1).replace(/''/g, "'");
    else if (raw.startsWith('"')) value = raw.slice(1, -1);
    else if (raw.endsWith(' ') || CUT_SHORT.test(raw)) return undefined;
    else value = resolved(raw);
    // A key is a plain scalar too ("True:" is the key "true"); said twice, the parser refuses it.
    const key = String(resolved(m[1]));
    if (Object.hasOwn(out, key)) return undefined;
    out[key] = value;
    any = true;
  }
  return any ? out : undefined;
}
