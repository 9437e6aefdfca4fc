/**
 * Bursts of reminders for `rdobot run`: test days in an events file (their start instants to the second), each
 * reminded at its start (lead 0m) in #rdo, and a way to count what reached the channel.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Heard } from './irc-user.js';

export interface Burst {
  /** Directory for RDOBOT_EVENTS. */
  eventsDir: string;
  /** An empty archive directory (no posts, so no test days from posts). */
  archiveDir: string;
  titles: string[];
}

/** One test day per instant, titled `Burst <n> test day`. */
export function burstEvents(starts: Date[]): Burst {
  const root = mkdtempSync(join(tmpdir(), 'rdobot-burst-'));
  const eventsDir = join(root, 'events');
  const archiveDir = join(root, 'posts');
  mkdirSync(eventsDir);
  mkdirSync(archiveDir);
  const titles = starts.map((_, i) => `Burst ${String(i).padStart(2, '0')} test day`);
  const talks = starts.map((s, i) => `  - title: '${titles[i]}'\n    start: '${s.toISOString()}'\n    end: '${new Date(s.getTime() + 8 * 3_600_000).toISOString()}'\n`);
  writeFileSync(join(eventsDir, 'burst.yaml'), `talks:\n${talks.join('')}`);
  return { eventsDir, archiveDir, titles };
}

/** The environment of a bot that reminds #rdo of every test day at its start. */
export function burstEnv(burst: Burst): Record<string, string> {
  return {
    RDOBOT_EVENTS: burst.eventsDir,
    RDOBOT_ARCHIVE: burst.archiveDir,
    RDOBOT_MEETINGS: burst.archiveDir,
    RDOBOT_REMINDER_TARGETS: 'irc:#rdo',
    RDOBOT_TESTDAY_LEADS: '0m',
    HTTP_PORT: 'off',
  };
}

/** How often each test day's reminder was heard in #rdo: delivered once, duplicated, or lost. */
export function tally(burst: Burst, heard: Heard[]): { counts: Map<string, number>; delivered: number; duplicated: number; lost: string[] } {
  const counts = new Map(burst.titles.map((t) => [t, 0]));
  // A reminder's first (with rdobot, its only) line starts with "Reminder"; detail lines of other formats do not count.
  for (const h of heard) {
    const title = /^Reminder.*?(Burst \d+ test day)/.exec(h.text)?.[1];
    if (title && counts.has(title)) counts.set(title, counts.get(title)! + 1);
  }
  const values = [...counts.values()];
  return {
    counts,
    delivered: values.filter((n) => n > 0).length,
    duplicated: values.reduce((sum, n) => sum + Math.max(0, n - 1), 0),
    lost: [...counts].filter(([, n]) => n === 0).map(([t]) => t),
  };
}
