/**
 * One life of a bot for the random-kill test: the real scheduler, on the real clock, hands a burst of reminders to
 * the IRC adapter's real flood queue, whose "socket" is this process's stdout. Every line that leaves the queue is
 * written as `SENT <key> <text>` with a synchronous write, right after its claim; every hand-over to the queue is
 * `QUEUED <key>`. The parent kills this process at random moments (SIGKILL, or SIGTERM for a graceful stop) and
 * starts it again on the same store. It exits by itself once every reminder of the burst is settled.
 *
 * STORE: the store file; BURST_AT: epoch ms of the first due time; COUNT: test days (each reminded in #a and #b);
 * INTERVAL_MS: the flood queue's pace.
 */
import { writeSync } from 'node:fs';
import { DateTime } from 'luxon';
import { pino } from 'pino';
import { SendQueue } from '../../adapters/irc/flood.js';
import { REMINDER_DEFAULTS } from '../../src/schedule/reminders/config.js';
import { ReminderStore } from '../../src/schedule/reminders/store.js';
import { ReminderScheduler } from '../../src/schedule/reminders/scheduler.js';
import type { TestDay } from '../../src/schedule/types.js';

const env = process.env;
const burstAt = Number(env.BURST_AT);
const count = Number(env.COUNT ?? 12);
const targets = ['pipe:#a', 'pipe:#b'];
// Clusters of four at the same instant, 40 ms apart: a burst the queue cannot keep up with.
const testDays: TestDay[] = Array.from({ length: count }, (_, i) => {
  const start = DateTime.fromMillis(burstAt + Math.floor(i / 4) * 40, { zone: 'utc' });
  return { id: `burst${String(i).padStart(2, '0')}`, title: `Burst ${i} test day`, start, end: start.plus({ hours: 8 }), source: 'crash test' };
});
const out = (line: string) => writeSync(1, `${line}\n`);

const store = new ReminderStore(env.STORE!);
const queue = new SendQueue({ burst: 1, intervalMs: Number(env.INTERVAL_MS ?? 10), write: (line) => (out(`SENT ${line}`), true), ready: () => true });
const scheduler = new ReminderScheduler({
  store,
  config: { ...REMINDER_DEFAULTS, testdayLeads: [0], subscriptions: targets.map((target) => ({ target, meetings: [], testdays: true })) },
  definitions: () => ({ meetings: [], testDays }),
  logger: pino({ level: 'info' }, pino.destination({ fd: 2, sync: true })),
  deliver: (_target, _preview, handoff) => {
    out(`QUEUED ${handoff.key}`);
    return queue.push([
      () => {
        const reply = handoff.claim();
        return reply ? `${handoff.key} ${reply.text}` : null;
      },
    ]);
  },
});

// A graceful stop, in the service's order: hand over nothing more, let the queue flush briefly, close it, save.
process.once('SIGTERM', () => {
  void (async () => {
    await scheduler.halt();
    await queue.flush(30);
    queue.close();
    await scheduler.stop();
    store.close();
    process.exit(0);
  })();
});

await scheduler.start();
out('READY');
const all = count * targets.length;
const timer = setInterval(() => {
  if (store.rows().length < all) return;
  clearInterval(timer);
  void scheduler.stop().then(() => {
    store.close();
    out('DONE');
  });
}, 20);
