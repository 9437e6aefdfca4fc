/**
 * People's own reminders in a scheduler process of their own, for the crash and restart tests: the fixture meetings,
 * the personal subscriptions, one-off reminders and digest settings found in DATA (users.sqlite, written by the
 * test), a fast-forwarded clock from START to END. Every hand-over is printed as
 * `SENT <wall> <network> <private|channel> <to> <text>`; with CRASH_AFTER=n the process kills itself with SIGKILL
 * inside the n-th delivery, after the reminder was claimed and printed, before it was marked sent.
 */
import { writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import type { Adapter, Reply } from '../../src/core/types.js';
import { deliverVia } from '../../src/delivery/deliver.js';
import { digestConfig, planDigests } from '../../src/schedule/reminders/digest.js';
import { loadMeetings } from '../../src/schedule/meetings-load.js';
import { Notes, planNotes } from '../../src/schedule/reminders/notes.js';
import { REMINDER_DEFAULTS } from '../../src/schedule/reminders/config.js';
import { ReminderStore } from '../../src/schedule/reminders/store.js';
import { ReminderScheduler } from '../../src/schedule/reminders/scheduler.js';
import { PersonalSubscriptions } from '../../src/schedule/reminders/subscriptions.js';
import { Addresses } from '../../src/state/addresses.js';
import { openUsersDb } from '../../src/state/users-db.js';
import { FakeClock } from './fake-clock.js';

const env = process.env;
const data = env.DATA!;
const store = new ReminderStore(join(data, 'reminders.sqlite'));
const users = openUsersDb(data);
const subscriptions = new PersonalSubscriptions(users);
const notes = new Notes(users);
const addresses = new Addresses(users);
const clock = new FakeClock(Date.parse(env.START!));
const { meetings } = await loadMeetings([fileURLToPath(new URL('../../../test/fixtures/meetings/', import.meta.url))]);
const digest = digestConfig({ RDOBOT_DIGEST_TARGETS: 'irc:#rdo', RDOBOT_DIGEST_AT: 'Monday 09:00', RDOBOT_DIGEST_TIMEZONE: 'Europe/Paris' }, undefined, 'UTC')!;
const crashAfter = env.CRASH_AFTER ? Number(env.CRASH_AFTER) : Infinity;
let delivered = 0;

function print(network: string, how: string, to: string, reply: Reply): void {
  writeSync(1, `SENT ${new Date(clock.millis()).toISOString()} ${network} ${how} ${to} ${reply.text}\n`);
  if (++delivered >= crashAfter) process.kill(process.pid, 'SIGKILL');
}

const adapter = (name: string): Adapter => ({
  name,
  start: async () => undefined,
  stop: async () => undefined,
  // Claimed at hand-over, as the real adapters do, then printed: the kill comes after the claim.
  send: async (room, reply, handoff) => {
    const now = handoff ? handoff.claim() : reply;
    if (now) print(name, 'channel', room, now);
  },
  sendPrivate: async (user, nick, reply, handoff) => {
    const now = handoff ? handoff.claim() : reply;
    if (now) print(name, 'private', `${user}(${nick})`, now);
  },
});
const adapters = [adapter('irc'), adapter('slack'), adapter('matrix')];

const scheduler = new ReminderScheduler({
  store,
  clock,
  config: { ...REMINDER_DEFAULTS, subscriptions: [] },
  definitions: () => ({ meetings, testDays: [] }),
  logger: pino({ level: 'info' }, pino.destination(2)),
  deliver: deliverVia(() => adapters, (network, id) => addresses.nameOf(network, id)),
  personal: () => subscriptions.subscriptions(),
  extra: (from, to) => [...planNotes(notes, from, to), ...planDigests(digest, from, to, (now, zone) => ({ kind: 'list', text: `The week ahead from ${now.setZone(zone).toFormat('ccc d LLL')}, times in ${zone}` }))],
});
await scheduler.start();
await clock.advanceTo(Date.parse(env.END!), () => scheduler.idle());
await scheduler.stop();
store.close();
users.close();
