import { z } from './zod.js';

/**
 * Typed reading of a mapping taken from a file anyone can edit (a post's front matter, a meeting or events file): each
 * known field passes its schema before use. A field of the wrong type is reported (the caller says where: file and
 * line) and left out, so the code that reads the fields only ever sees the types the schema allows; nothing in a file
 * can make it throw. Fields are checked one by one, so one wrong field never hides the others.
 */
export type FieldSchemas = Record<string, z.ZodType>;

export type TypedFields<S extends FieldSchemas> = { [K in keyof S]?: z.output<S[K]> };

/** What a value is, in the words of someone editing YAML: "a mapping", "a list", "a number". */
export function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
    case 'bigint':
      return 'a number';
    case 'boolean':
      return 'true/false';
    case 'object':
      return 'a mapping';
    default:
      return `a ${typeof value}`;
  }
}

/** A field's reason for being left out: "'title' must be text, got a mapping". */
export const wrongType = (key: string, schema: z.ZodType, value: unknown): string => `'${key}' must be ${schema.description ?? 'something else'}, got ${kindOf(value)}`;

/**
 * The known fields of `raw` that have the type their schema wants; `wrong(key, reason)` hears of each that has not.
 * An absent or empty (null) field is simply absent. Unknown keys are not looked at (the caller may warn of them).
 */
export function typedFields<S extends FieldSchemas>(raw: Record<string, unknown>, schemas: S, wrong: (key: keyof S & string, reason: string) => void): TypedFields<S> {
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(schemas)) {
    if (!Object.hasOwn(raw, key)) continue;
    const value = raw[key];
    if (value === null || value === undefined) continue;
    const checked = schema.safeParse(value);
    if (checked.success) out[key] = checked.data;
    else wrong(key, wrongType(key, schema, value));
  }
  return out as TypedFields<S>;
}

/** Schemas for the values YAML gives, described in the words of the warnings. */
export const TEXT = z.string().describe('text');
/** Text or a number (`time: 1400`, `meeting_id: 42`), read as text. */
export const SCALAR = z.union([z.string(), z.number().finite()]).transform(String).describe('text or a number');
export const LIST = z.array(z.unknown()).describe('a list');

/**
 * Whether a parsed value stays within `budget` nodes counted as a reader walking it would count them: a YAML alias is
 * one node in the file but a whole copy for whoever walks the value, so a 500-byte file of nested aliases is billions.
 */
export function withinNodes(value: unknown, budget: number): boolean {
  let left = budget;
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (--left < 0) return false;
    if (v === null || typeof v !== 'object' || v instanceof Date) continue;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      stack.push(child);
      if (stack.length > left) return false;
    }
  }
  return true;
}
