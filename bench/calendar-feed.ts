import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { createBot } from '../src/main/compose.js';
import { calendarFor } from '../src/main/calendar.js';
import { fixedClock } from '../src/core/router.js';
import { HttpEndpoint } from '../src/http/server.js';
import { ms, percentile, report } from './stats.js';

const NOW = DateTime.fromISO('2026-11-25T12:00:00Z', { zone: 'utc' });
const SCHEDULES = 10_000;
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

/** One meeting file with 10,000 schedule entries: what a hostile or careless commit to the meetings repository can do. */
function writeHugeMeeting(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const lines = ['project: Huge', 'meeting_id: huge', 'schedule:'];
  for (let i = 0; i < SCHEDULES; i++) lines.push(`  - {time: '${String(i % 24).padStart(2, '0')}${String(i % 60).padStart(2, '0')}', day: ${DAYS[i % 5]}, irc: rdo-${i}, frequency: weekly}`);
  writeFileSync(join(dir, 'huge.yaml'), lines.join('\n'));
}

async function timedGet(url: string): Promise<{ ms: number; bytes: number; status: number }> {
  const t = performance.now();
  const r = await fetch(url);
  const bytes = (await r.arrayBuffer()).byteLength;
  return { ms: performance.now() - t, bytes, status: r.status };
}

/** `/calendar.ics` over a 10,000-schedule file: with the default cap, and with the cap lifted (built once, then cached). */
export async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'rdobot-bench-cal-'));
  try {
    writeHugeMeeting(join(root, 'meetings'));
    const cases = [
      ['default caps (50 schedules per meeting)', {}],
      ['caps lifted (all 10,000 schedules)', { meetingMaxSchedules: SCHEDULES, definitionMaxBytes: 64 * 1024 * 1024 }],
    ] as const;
    for (const [label, limits] of cases) {
      const bot = await createBot({ archiveDirs: [], meetingsDirs: [join(root, 'meetings')], clock: fixedClock(NOW), rateLimits: false, sourceLimits: limits });
      const http = new HttpEndpoint(bot, { host: '127.0.0.1', port: 0, calendar: (q) => calendarFor(bot, q) });
      const base = `http://127.0.0.1:${await http.start()}`;
      try {
        const rssBefore = process.memoryUsage().rss;
        const first = await timedGet(`${base}/calendar.ics`);
        const again: number[] = [];
        for (let i = 0; i < 20; i++) again.push((await timedGet(`${base}/calendar.ics`)).ms);
        const healthAfter: number[] = [];
        for (let i = 0; i < 20; i++) healthAfter.push((await timedGet(`${base}/healthz`)).ms);
        const schedules = bot.schedule.meetings.reduce((n, m) => n + m.schedules.length, 0);
        report(`calendar.ics, ${label}: first build`, `${ms(first.ms)}, ${(first.bytes / 1024 / 1024).toFixed(2)} MB, ${schedules} schedules`);
        report(`calendar.ics, ${label}: later requests`, `p50 ${ms(percentile(again, 50))}  p99 ${ms(percentile(again, 99))}`, 'cached: < 50 ms');
        report(`calendar.ics, ${label}: /healthz after`, `p50 ${ms(percentile(healthAfter, 50))}`);
        report(`calendar.ics, ${label}: memory`, `rss ${Math.round(rssBefore / 1024 / 1024)} → ${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB`);
      } finally {
        await http.stop();
        await bot.stop();
        bot.close();
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
