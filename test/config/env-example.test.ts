import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from '../../src/base/zod.js';
import { ENV_EXAMPLE_FILE, envExample, schemaDefault, schemaKeys, SECTION_SCHEMAS, shownValue } from '../../src/main/env-example.js';
import { ENV_DOCS } from '../../src/main/env-docs.js';
import { ROOT } from '../helpers/run-cli.js';

const EXAMPLES = new Map(ENV_DOCS.flatMap((s) => s.blocks.flatMap((b) => b.keys)));

/** Every default the code has for a setting of a schema, written as the docs write it. */
function codeDefaults(): Map<string, string> {
  const out = new Map<string, string>();
  for (const [section, schema] of Object.entries(SECTION_SCHEMAS)) {
    for (const key of schemaKeys(section)) {
      if (schemaDefault(schema.shape[key] as z.ZodType) !== undefined) out.set(key, shownValue(section, key, EXAMPLES.get(key) ?? ''));
    }
  }
  return out;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, second: 1000, seconds: 1000, min: 60_000, minute: 60_000, minutes: 60_000, h: 3_600_000, hour: 3_600_000, hours: 3_600_000 };

/** A value as said in prose ("2 minutes", "`4h`", "./data", "on") compared with the code's ("120000", "data"). */
function same(key: string, said: string, code: string): boolean {
  const plain = said.replace(/^\.\//, '').replace(/\/$/, '');
  if (plain === code.replace(/\/$/, '')) return true;
  // A path said with its site root: "`RDOBOT_BASE_URL` + `RDOBOT_PERMALINK` (default `https://…/blog/:year/…`)".
  if (code.startsWith('/') && /^https?:\/\//.test(said) && said.endsWith(code)) return true;
  const switches: Record<string, string> = { on: 'true', off: 'false' };
  if ((switches[plain] ?? plain) === (switches[code] ?? code)) return true;
  const duration = /^(\d+)\s*([a-z]+)$/i.exec(said);
  if (duration && key.endsWith('_MS') && UNITS[duration[2].toLowerCase()]) return Number(duration[1]) * UNITS[duration[2].toLowerCase()] === Number(code);
  return false;
}

/** "`KEY` (default `x`)", "`KEY` default `x`", "`KEY` … (20)", "KEY … Default: x": every default the docs name. */
function namedDefaults(text: string, file: string, keys: string[]): { file: string; key: string; said: string }[] {
  const out: { file: string; key: string; said: string }[] = [];
  for (const key of keys) {
    const patterns = [
      // "(default `4h`)", or a bare number in brackets: "`IRC_MAX_LINES` lines in a channel (4)".
      new RegExp(`\`${key}\`[^\`\\n.;()]{0,40}?\\(default\\s+\`?([^\`)\\s,;]+(?:\\s+(?:ms|s|min|minutes?|seconds?|h|hours?)\\b)?)\`?`, 'g'),
      new RegExp(`\`${key}\`[^\`\\n.;()]{0,40}?\\((\\d+(?:\\s+(?:ms|s|min|minutes?|seconds?|h|hours?))?)\\)`, 'g'),
      new RegExp(`\`${key}\`,?\\s+default\\s+\`?([^\`\\s,;)]+)\`?`, 'g'),
    ];
    for (const p of patterns) for (const m of text.matchAll(p)) out.push({ file, key, said: m[1] });
  }
  return out;
}

/** The code names the setting somewhere (read outside a schema); the words of .env.example do not count. */
const SOURCES = ['src', 'adapters', 'commands']
  .flatMap((d) => readdirSync(join(ROOT, d), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('env-docs.ts')).map((f) => readFileSync(join(ROOT, d, f), 'utf8')))
  .join('\n');
const codeReads = (key: string) => new RegExp(`\\b${key}\\b`).test(SOURCES);

describe('.env.example and the docs agree with the code (issue 32)', () => {
  it('.env.example is what `npm run env:example` writes from the settings schemas', () => {
    assert.equal(readFileSync(ENV_EXAMPLE_FILE, 'utf8'), envExample(), 'run npm run env:example and review the diff');
  });

  it('shows each setting with the default the code has: IRC_PRIVATE_MAX_LINES is 20', () => {
    assert.match(envExample(), /^#IRC_PRIVATE_MAX_LINES=20$/m);
    for (const [key, value] of codeDefaults()) {
      const line = new RegExp(`^#${key}=(.*)$`, 'm').exec(envExample());
      assert.ok(line, `${key} is missing from .env.example`);
      if (value !== '') assert.equal(line[1], value, key);
    }
  });

  it('describes every setting of the schemas, and no setting they do not have', () => {
    assert.doesNotMatch(envExample(), /Not described yet/);
    for (const section of ENV_DOCS) {
      if (!SECTION_SCHEMAS[section.title]) continue;
      const known = new Set(schemaKeys(section.title));
      // A setting read outside the schema (HTTP_METRICS, the caps …) is fine, as long as the code reads it at all.
      for (const block of section.blocks) for (const [key] of block.keys) assert.ok(known.has(key) || codeReads(key), `${key} is described under ${section.title} but the code never reads it`);
    }
  });

  it('names in docs/ and the README only the defaults the code has', () => {
    const defaults = codeDefaults();
    const docs = join(ROOT, 'docs');
    const files = [join(ROOT, 'README.md'), ...readdirSync(docs, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).map((f) => join(docs, f))];
    const named = files.flatMap((f) => namedDefaults(readFileSync(f, 'utf8'), f.slice(ROOT.length), [...defaults.keys()]));
    assert.ok(named.length >= 8, `only ${named.length} defaults found in the docs`);
    const wrong = named.filter((n) => !same(n.key, n.said, defaults.get(n.key)!)).map((n) => `${n.file}: ${n.key} said ${n.said}, the code has ${defaults.get(n.key)}`);
    assert.deepEqual(wrong, []);
  });

  it('says in .env.example\'s notes only the defaults the code has ("Default: …")', () => {
    const defaults = codeDefaults();
    const wrong: string[] = [];
    for (const section of ENV_DOCS) {
      for (const block of section.blocks) {
        const said = /\bDefault: ([^\s,;()]+)/.exec(block.notes.join(' '))?.[1]?.replace(/\.$/, '');
        const keys = block.keys.map(([k]) => k).filter((k) => defaults.has(k));
        if (!said || keys.length !== 1) continue;
        if (!same(keys[0], said, defaults.get(keys[0])!)) wrong.push(`${keys[0]}: says ${said}, the code has ${defaults.get(keys[0])}`);
      }
    }
    assert.deepEqual(wrong, []);
  });
});

describe('the docs name files that exist (issue 32)', () => {
  it('every test/… path named in the docs, the README and CONTRIBUTING is there (a * matches within one folder)', () => {
    const files = [join(ROOT, 'README.md'), join(ROOT, 'CONTRIBUTING.md'), ...readdirSync(join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).map((f) => join(ROOT, 'docs', f))];
    const missing: string[] = [];
    for (const file of files) {
      for (const [, path] of readFileSync(file, 'utf8').matchAll(/`(test\/[^`\s]+)`/g)) {
        const dir = path.endsWith('/') ? path : path.slice(0, path.lastIndexOf('/') + 1);
        const name = path.slice(dir.length);
        const pattern = new RegExp(`^${name.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
        let entries: string[] = [];
        try {
          entries = readdirSync(join(ROOT, dir));
        } catch {
          entries = [];
        }
        if (!(name === '' ? entries.length > 0 : entries.some((e) => pattern.test(e)))) missing.push(`${file.slice(ROOT.length)}: ${path}`);
      }
    }
    assert.deepEqual(missing, []);
  });
});
