import { DateTime } from 'luxon';
import { z } from '../../base/zod.js';
import { codeFingerprint, type DerivedValues, type PostCache } from '../../archive/post-cache.js';
import type { Post } from '../../archive/post.js';
import { announcedEvents, type AnnouncedEvent } from './post-events.js';

/**
 * What posts announce, kept in the post cache beside their parse: reading dates in prose (chrono-node) is the one costly
 * thing a start does with every post, and its outcome changes only with the post or with the reader. The reader's
 * fingerprint is its code (post-events.js and every local module it imports: the cues, the date rules, the summary),
 * the pinned dependencies (chrono-node's version) and the cache's format: editing any of them reads every post again,
 * without anyone having to remember to bump a number.
 */
let fingerprint: string | undefined;
export const readerFingerprint = (): string => (fingerprint ??= codeFingerprint(new URL('./post-events.js', import.meta.url), { reader: 'announced' }));

/** How one post's events are read: the reader itself, unless a test watches it. */
export type ReadAnnounced = (post: Pick<Post, 'title' | 'body' | 'date' | 'zone'>) => AnnouncedEvent[];

export interface AnnouncedReading {
  /** The post cache to keep readings in; none: every post is read. */
  cache?: PostCache | null;
  /** The reader's fingerprint (readerFingerprint() unless a test pins another). */
  fingerprint?: string;
  read?: ReadAnnounced;
}

const TIME = z.object({ ms: z.number(), zone: z.string() });
const KEPT = z.array(
  z.object({
    start: TIME,
    end: TIME,
    allDay: z.boolean(),
    text: z.string(),
    rank: z.enum(['date', 'weekday', 'casual']),
    kind: z.enum(['testday', 'docday', 'event']),
    what: z.string(),
    sentence: z.string(),
    name: z.string().optional(),
    heading: z.string().optional(),
    link: z.string().optional(),
  }),
);

const timeOut = (d: DateTime) => ({ ms: d.toMillis(), zone: d.zoneName ?? 'UTC' });
const timeIn = (t: z.infer<typeof TIME>) => DateTime.fromMillis(t.ms, { zone: t.zone });

export const keptText = (events: AnnouncedEvent[]): string => JSON.stringify(events.map((e) => ({ ...e, start: timeOut(e.start), end: timeOut(e.end) })));

/** A kept reading as events again; undefined when it does not read back (then the post is read again). */
export function keptEvents(text: string): AnnouncedEvent[] | undefined {
  // Most posts announce nothing.
  if (text === '[]') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const events = KEPT.safeParse(parsed);
  if (!events.success) return undefined;
  const out = events.data.map((e) => ({ ...e, start: timeIn(e.start), end: timeIn(e.end) }));
  return out.every((e) => e.start.isValid && e.end.isValid) ? (out as AnnouncedEvent[]) : undefined;
}

/**
 * The events of posts, from the cache where the same post was read by the same reader, else read (and kept). A post
 * read from its title alone (its body left on disk) is kept apart from one read whole. save() writes what was read.
 */
export class AnnouncedEvents {
  private readonly whole: DerivedValues | undefined;
  private readonly titles: DerivedValues | undefined;
  private readonly read: ReadAnnounced;

  constructor(reading: AnnouncedReading = {}) {
    const print = reading.cache ? (reading.fingerprint ?? readerFingerprint()) : '';
    this.whole = reading.cache?.derived('announced', print);
    this.titles = reading.cache?.derived('announced-title', print);
    this.read = reading.read ?? announcedEvents;
  }

  of(post: Post, body: boolean): AnnouncedEvent[] {
    const values = body ? this.whole : this.titles;
    const kept = values?.get(post);
    const events = kept === undefined ? undefined : keptEvents(kept);
    if (events) return events;
    // Without its body: the title alone, and the date (a cached post's body stays in the cache).
    const read = this.read(body ? post : { title: post.title, body: '', zone: post.zone, get date() { return post.date; } });
    values?.set(post, keptText(read));
    return read;
  }

  save(): void {
    this.whole?.save();
    this.titles?.save();
  }
}
