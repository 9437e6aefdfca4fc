import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DateTime } from 'luxon';
import { REMINDER_DEFAULTS, type ReminderConfig } from '../src/schedule/reminders/config.js';
import { planReminders } from '../src/schedule/reminders/plan.js';
import { ReminderStore } from '../src/schedule/reminders/store.js';
import { ReminderScheduler } from '../src/schedule/reminders/scheduler.js';
import { FREQUENCIES, type Meeting, type TestDay } from '../src/schedule/types.js';
import { mb, ms, percentile, report } from './stats.js';

const MEETINGS = 1_000;
const CHANNELS = 100;
const ZONES = ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney'];

/** 1,000 meetings spread over every frequency, weekday, hour and a few zones (deterministic). */
function meetings(): Meeting[] {
  return Array.from({ length: MEETINGS }, (_, i) => ({
    id: `m${i}`,
    name: `Meeting ${i}`,
    chair: 'chair',
    agendaUrl: `https://etherpad.example.org/p/m${i}`,
    source: 'bench',
    schedules: [
      {
        time: `${String(i % 24).padStart(2, '0')}${String((i * 7) % 60).padStart(2, '0')}`,
        weekday: (i % 7) + 1,
        channel: `#m${i}`,
        frequency: FREQUENCIES[i % FREQUENCIES.length],
        zone: ZONES[i % ZONES.length],
        durationMinutes: 60,
        skipDates: [],
      },
    ],
  }));
}

const targets = Array.from({ length: CHANNELS }, (_, i) => `irc:#chan${i}`);

/** Planning 1,000 meetings × 100 channels over the scheduler's two-day horizon; then real timers firing reminders. */
export async function main(): Promise<void> {
  const defs = { meetings: meetings(), testDays: [] as TestDay[] };
  const config: ReminderConfig = { ...REMINDER_DEFAULTS, subscriptions: targets.map((target) => ({ target, meetings: '*', testdays: true })) };
  const now = DateTime.fromISO('2026-12-21T00:00:00Z').toMillis();
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const samples: number[] = [];
  let planned = 0;
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    planned = planReminders(defs, config.subscriptions, config, now + run * 3_600_000, now + run * 3_600_000 + 2 * 86_400_000).length;
    samples.push(performance.now() - started);
  }
  const heapAfter = process.memoryUsage().heapUsed;
  report(`schedule: plan ${MEETINGS} meetings × ${CHANNELS} channels (2 d)`, `${ms(percentile(samples, 50))} p50, ${ms(Math.max(...samples))} max`, '< 200 ms');
  report('schedule: reminders in the plan', String(planned));
  report('schedule: heap for one plan (approx.)', mb(Math.max(0, heapAfter - heapBefore) / samples.length));
  report('schedule: RSS', mb(process.memoryUsage().rss));

  // Firing delay with the real clock and a store file: 100 test days × 100 channels due over the next 3 seconds.
  const dir = mkdtempSync(join(tmpdir(), 'rdobot-bench-sched-'));
  const store = new ReminderStore(join(dir, 'reminders.sqlite'));
  const start = Date.now() + 1_000;
  const testDays: TestDay[] = Array.from({ length: 100 }, (_, i) => ({
    id: `td${i}`,
    title: `Test day ${i}`,
    start: DateTime.fromMillis(start + i * 20),
    end: DateTime.fromMillis(start + i * 20 + 86_400_000),
    source: 'bench',
  }));
  let delivered = 0;
  const scheduler = new ReminderScheduler({
    store,
    config: { ...config, testdayLeads: [0] },
    definitions: () => ({ meetings: [], testDays }),
    deliver: async (_target, _preview, handoff) => {
      if (handoff.claim()) delivered++;
    },
  });
  const cpuBefore = process.cpuUsage();
  await scheduler.start();
  await new Promise((r) => setTimeout(r, 4_000));
  await scheduler.idle();
  const cpu = process.cpuUsage(cpuBefore);
  await scheduler.stop();
  const delays = scheduler.stats.delays;
  report('schedule: reminders fired (real timers)', `${delivered} of ${testDays.length * CHANNELS}`);
  report('schedule: firing delay p50 / p99 / max', `${ms(percentile(delays, 50))} / ${ms(percentile(delays, 99))} / ${ms(Math.max(...delays))}`, '< 1000 ms');
  report('schedule: CPU for 4 s incl. 10k sends', ms((cpu.user + cpu.system) / 1000));
  // Idle: nothing due for days; the scheduler sleeps (one wake-up per 5 minutes at most).
  const idle = new ReminderScheduler({ store, config, definitions: () => ({ meetings: [], testDays: [] }), deliver: async () => undefined });
  await idle.start();
  const idleBefore = process.cpuUsage();
  await new Promise((r) => setTimeout(r, 2_000));
  const idleCpu = process.cpuUsage(idleBefore);
  await idle.stop();
  report('schedule: idle CPU over 2 s', ms((idleCpu.user + idleCpu.system) / 1000), '~0');
  store.close();
  rmSync(dir, { recursive: true, force: true });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
