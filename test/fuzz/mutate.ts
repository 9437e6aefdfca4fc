import fc from 'fast-check';

/**
 * Hostile versions of real-shaped source files, for the property suite over every reader (issue 29): a fixture's text
 * with a few mutations of the kinds that reach a bot from a repository anyone can commit to: wrong types in any field,
 * anchors and aliases (dangling, self-referencing, a bomb), deep nesting, huge scalars, binary, invalid UTF-8, a BOM,
 * CRLF line ends, an empty or truncated file.
 */

/** Values a field may be given instead of the one it expects. */
export const HOSTILE_VALUES = [
  '{toString: 1}',
  '{valueOf: 1, toString: 2}',
  '[{toString: 1}]',
  '[]',
  '{}',
  '~',
  'null',
  'true',
  '-1',
  '1e400',
  '0x7fffffff',
  '.nan',
  '2016-13-45 99:99 UTC',
  '*Important*',
  '*undefined',
  '&a [*a]',
  '!!binary aGVsbG8=',
  '!!js/function "function(){}"',
  '!!timestamp 2016-06-02',
  '!!set {a, b}',
  '"\\u0000\\r\\nPRIVMSG #rdo :hi"',
  "'__proto__'",
  '{__proto__: {polluted: 1}}',
  '{constructor: {prototype: 1}}',
  '|\n  multi\n  line',
  '>-\n  folded',
  '[[[[[[[[[[]]]]]]]]]]',
  '"\u202eevil\u2066"',
];

/** An alias bomb of `levels` levels of ten aliases each, as one line per level. */
export const aliasBomb = (levels: number, key = 'bomb'): string => {
  let text = `b0: &b0 [${Array(10).fill('lol').join(', ')}]\n`;
  for (let i = 1; i <= levels; i++) text += `b${i}: &b${i} [${Array(10).fill(`*b${i - 1}`).join(', ')}]\n`;
  return `${text}${key}: *b${levels}\n`;
};

export type Mutation =
  | { kind: 'field'; line: number; value: string }
  | { kind: 'insert'; line: number; text: string }
  | { kind: 'nest'; line: number; depth: number; open: '[' | '{' | '- ' }
  | { kind: 'huge'; line: number; size: number }
  | { kind: 'bytes'; at: number; bytes: Uint8Array }
  | { kind: 'bom' }
  | { kind: 'crlf' }
  | { kind: 'truncate'; at: number }
  | { kind: 'empty' };

const line = fc.nat({ max: 60 });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('field' as const), line, value: fc.oneof(fc.constantFrom(...HOSTILE_VALUES), fc.string({ maxLength: 20 })) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      line,
      text: fc.oneof(fc.constantFrom('x: &x [*x, *x]', 'y: *nowhere', '<<: *nowhere', '? [a, b]\n: c', '--- !!map', '%YAML 1.1', '...'), fc.nat({ max: 7 }).map((n) => aliasBomb(n))),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('nest' as const), line, depth: fc.integer({ min: 10, max: 20_000 }), open: fc.constantFrom('[' as const, '{' as const, '- ' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('huge' as const), line, size: fc.integer({ min: 1000, max: 200_000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('bytes' as const), at: fc.nat({ max: 4000 }), bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'bom' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'crlf' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat({ max: 4000 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'empty' as const }) },
);

/** The bytes of `text` with one mutation applied (bytes, not text: invalid UTF-8 must reach the reader as such). */
export function mutate(input: Buffer, m: Mutation): Buffer {
  const lines = () => input.toString('latin1').split('\n');
  const join = (l: string[]) => Buffer.from(l.join('\n'), 'latin1');
  const at = (n: number, l: string[]) => n % Math.max(1, l.length);
  switch (m.kind) {
    case 'field': {
      const l = lines();
      const i = at(m.line, l);
      const key = /^(\s*-?\s*[\w-]+:)/.exec(l[i]);
      l[i] = key ? `${key[1]} ${m.value}` : `${l[i]} ${m.value}`;
      return join(l.flatMap((x) => x.split('\n')));
    }
    case 'insert': {
      const l = lines();
      l.splice(at(m.line, l), 0, m.text);
      return join(l);
    }
    case 'nest': {
      const l = lines();
      const close = m.open === '[' ? ']' : m.open === '{' ? '}' : '';
      l.splice(at(m.line, l), 0, `deep: ${m.open.repeat(m.depth)}${close.repeat(m.depth)}`);
      return join(l);
    }
    case 'huge': {
      const l = lines();
      const i = at(m.line, l);
      l[i] = `${l[i]}${'x'.repeat(m.size)}`;
      return join(l);
    }
    case 'bytes': {
      const i = input.length ? m.at % input.length : 0;
      return Buffer.concat([input.subarray(0, i), m.bytes, input.subarray(i)]);
    }
    case 'bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), input]);
    case 'crlf':
      return Buffer.from(input.toString('latin1').replace(/\n/g, '\r\n'), 'latin1');
    case 'truncate':
      return input.subarray(0, input.length ? m.at % input.length : 0);
    case 'empty':
      return Buffer.alloc(0);
  }
}

/** One of `fixtures` (file contents) with one to four mutations; `which` is the fixture's index. */
export const hostile = (fixtures: readonly Buffer[]): fc.Arbitrary<{ which: number; bytes: Buffer; mutations: Mutation[] }> =>
  fc.record({ which: fc.nat({ max: fixtures.length - 1 }), mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }) }).map(({ which, mutations }) => ({
    which,
    mutations,
    bytes: mutations.reduce((b, m) => mutate(b, m), fixtures[which]),
  }));

/** Runs per reader: RDOBOT_FUZZ_RUNS, else the given default; the seed: RDOBOT_FUZZ_SEED, else a fixed one. */
export const fuzzParameters = (runs: number): fc.Parameters<unknown> => ({
  numRuns: Number(process.env.RDOBOT_FUZZ_RUNS) || runs,
  seed: Number(process.env.RDOBOT_FUZZ_SEED) || 20261207,
  // fast-check prints the seed and the path of a failure; the counterexample is shortened so the report stays readable.
  endOnFailure: true,
});

/** The longest any one reader may take over one hostile file (generous: the machine is shared; a hang or a bomb is far over it). */
export const READ_BOUND_MS = 3000;
