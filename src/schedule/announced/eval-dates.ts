import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { DateTime } from 'luxon';
import type { AnnouncedEvent } from './post-events.js';

/**
 * Measuring the dates read from posts against the dates a human reads in them (test/labels/rdo-announced-dates.yaml):
 * precision over every entry read (an entry from a post that announces nothing is a wrong one), recall over the
 * labelled events.
 */

export interface LabelledEvent {
  what: string;
  /** A day (`2016-03-10`) or an instant in UTC (`2016-10-25T15:00Z`). */
  start: string;
  /** The last day, for several days. */
  end?: string;
}

/** `key: [{what, start, end?}, …]` per post; `[]`: an announcement without a day. Throws with the key on a bad entry. */
export function parseDateLabels(text: string): Map<string, LabelledEvent[]> {
  const data = loadYaml(text, { schema: CORE_SCHEMA });
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new Error('date labels: expected a mapping of post keys');
  const out = new Map<string, LabelledEvent[]>();
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (!Array.isArray(value)) throw new Error(`date labels: ${key}: expected a list of events`);
    out.set(
      key,
      value.map((v: { what?: unknown; start?: unknown; end?: unknown }) => {
        const e = { what: String(v?.what ?? ''), start: String(v?.start ?? ''), ...(v?.end ? { end: String(v.end) } : {}) };
        if (!DateTime.fromISO(e.start, { zone: 'utc' }).isValid) throw new Error(`date labels: ${key}: bad start '${e.start}'`);
        return e;
      }),
    );
  }
  return out;
}

/**
 * Whether an entry read is the labelled event: the same days. When the label gives a time, a timed entry must be at
 * that instant; an entry of the whole day is of the right date but says no time (counted apart, in `timesRight`).
 */
export function sameEvent(read: Pick<AnnouncedEvent, 'start' | 'end' | 'allDay'>, label: LabelledEvent): boolean {
  if (label.start.includes('T')) {
    const at = DateTime.fromISO(label.start, { zone: 'utc' });
    return read.allDay ? read.start.toISODate() === at.toISODate() && +read.end - +read.start === 86_400_000 : read.start.toMillis() === at.toMillis();
  }
  // Whole days are the post's zone's days; an instant is compared in UTC.
  const firstDay = read.allDay ? read.start.toISODate() : read.start.toUTC().toISODate();
  const lastDay = read.allDay ? read.end.minus({ days: 1 }).toISODate() : read.start.toUTC().toISODate();
  return firstDay === label.start && lastDay === (label.end ?? label.start);
}

export interface DatesMeasure {
  posts: number;
  read: number;
  right: number;
  labelled: number;
  /** Labelled events with a time, and those read at that very time. */
  timed: number;
  timesRight: number;
  precision: number | null;
  recall: number | null;
  wrong: string[];
  missed: string[];
}

/** Every post's entries read, against the labels (posts not in the labels announce nothing). */
export function measureDates(posts: { key: string; events: AnnouncedEvent[] }[], labels: Map<string, LabelledEvent[]>): DatesMeasure {
  const m: DatesMeasure = { posts: posts.length, read: 0, right: 0, labelled: 0, timed: 0, timesRight: 0, precision: null, recall: null, wrong: [], missed: [] };
  for (const { key, events } of posts) {
    const expected = [...(labels.get(key) ?? [])];
    m.labelled += expected.length;
    m.timed += expected.filter((l) => l.start.includes('T')).length;
    for (const e of events) {
      m.read++;
      const i = expected.findIndex((l) => sameEvent(e, l));
      if (i >= 0) {
        m.right++;
        if (expected[i].start.includes('T') && !e.allDay) m.timesRight++;
        expected.splice(i, 1);
      } else m.wrong.push(`${key}: ${e.what} ${e.allDay ? `${e.start.toISODate()}..${e.end.minus({ days: 1 }).toISODate()}` : e.start.toUTC().toISO()} from “${e.text}”`);
    }
    for (const l of expected) m.missed.push(`${key}: ${l.what} ${l.start}${l.end ? `..${l.end}` : ''}`);
  }
  m.precision = m.read ? m.right / m.read : null;
  m.recall = m.labelled ? (m.labelled - m.missed.length) / m.labelled : null;
  return m;
}

const pct = (x: number | null) => (x === null ? '  n/a' : `${(x * 100).toFixed(1).padStart(5)}%`);

export function datesMeasureLines(title: string, m: DatesMeasure, details = true): string[] {
  const lines = [
    `${title}: dates read from ${m.posts} posts: precision ${pct(m.precision)}  recall ${pct(m.recall)}  (${m.right} of ${m.read} entries right, ${m.labelled - m.missed.length} of ${m.labelled} labelled events found; ${m.timesRight} of ${m.timed} times right)`,
  ];
  if (details) for (const w of m.wrong) lines.push(`    wrong date: ${w}`);
  if (details) for (const w of m.missed) lines.push(`    missed: ${w}`);
  return lines;
}
