import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Where replies, reminders, the digest and the community page are made: their times come from src/present/time.ts. */
const SCANNED = ['commands', 'src/schedule/reminders', 'src/web', 'src/archive/announcer.ts'];

/** A date or time written by hand: luxon's or Intl's formatting calls. */
const FORMATTING = /\.(?:toFormat|toLocaleString|toLocaleDateString|toLocaleTimeString|toISO|toISODate|toISOTime)\(/;

/** Formatting calls that are not for a person to read, each with its reason. */
const ALLOWED: { file: string; line: RegExp; why: string }[] = [
  { file: 'src/schedule/reminders/plan.ts', line: /const iso = /, why: "a reminder's key in the store, not shown" },
  { file: 'src/web/page.ts', line: /iso: utc\.toISO\(/, why: 'the machine-readable datetime attribute of <time>' },
  { file: 'src/web/whats-on.ts', line: /s\.date === date\.toISODate\(\)/, why: 'compares a date with a skip date' },
];

function sources(path: string): string[] {
  const full = join(ROOT, path);
  if (!statSync(full).isDirectory()) return [full];
  return readdirSync(full).flatMap((name) => (name.endsWith('.ts') || statSync(join(full, name)).isDirectory() ? sources(join(path, name)) : []));
}

describe('one time formatter', () => {
  const found = SCANNED.flatMap(sources).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((text, i) => (FORMATTING.test(text) ? [{ file: relative(ROOT, file), line: i + 1, text: text.trim() }] : [])),
  );
  const allowed = (f: (typeof found)[number]) => ALLOWED.some((a) => a.file === f.file && a.line.test(f.text));

  it('formats every date and time a person reads in src/present, so Slack can show each in its reader’s zone', () => {
    const outside = found.filter((f) => !allowed(f)).map((f) => `${f.file}:${f.line}: ${f.text}`);
    assert.deepEqual(outside, [], `format these through src/present/time.ts (or allow them here, saying why):\n${outside.join('\n')}`);
  });

  it('allows nothing that is no longer there', () => {
    const stale = ALLOWED.filter((a) => !found.some((f) => f.file === a.file && a.line.test(f.text)));
    assert.deepEqual(stale, []);
  });
});
