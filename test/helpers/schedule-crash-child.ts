/**
 * A scheduler in its own process, for the crash test: it runs over the sample meetings with a fast-forwarded clock
 * from START to END, prints every hand-over as `SENT <key>` and, with CRASH_AFTER=n, dies (exit 137) inside the n-th
 * delivery, after the reminder was claimed and written but before it was marked sent.
 */
import { writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { loadMeetings } from '../../src/schedule/meetings-load.js';
import { REMINDER_DEFAULTS, type DeliveryMode } from '../../src/schedule/reminders/config.js';
import { ReminderStore } from '../../src/schedule/reminders/store.js';
import { ReminderScheduler } from '../../src/schedule/reminders/scheduler.js';
import { FakeClock } from './fake-clock.js';

const env = process.env;
const store = new ReminderStore(env.STORE!);
const clock = new FakeClock(Date.parse(env.START!));
const { meetings } = await loadMeetings([fileURLToPath(new URL('../../../examples/meetings/', import.meta.url))]);
const crashAfter = env.CRASH_AFTER ? Number(env.CRASH_AFTER) : Infinity;
let delivered = 0;
const scheduler = new ReminderScheduler({
  store,
  clock,
  config: { ...REMINDER_DEFAULTS, subscriptions: [{ target: 'irc:#rdo', meetings: '*', testdays: true }, { target: 'matrix:!rdo:example.org', meetings: '*', testdays: true }], delivery: (env.DELIVERY ?? 'exactly-once') as DeliveryMode },
  definitions: () => ({ meetings, testDays: [] }),
  // Log lines go to stderr as JSON, for the parent to read.
  logger: pino({ level: 'info' }, pino.destination(2)),
  deliver: async (_target, _preview, { key, claim }) => {
    const reply = claim();
    if (!reply) return;
    writeSync(1, `SENT ${new Date(clock.millis()).toISOString()} ${key} ${reply.text}\n`);
    if (++delivered >= crashAfter) process.exit(137);
  },
});
await scheduler.start();
await clock.advanceTo(Date.parse(env.END!), () => scheduler.idle());
await scheduler.stop();
store.close();
