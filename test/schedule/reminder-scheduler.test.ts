import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { pino } from 'pino';
import type { Reply } from '../../src/core/types.js';
import { loadMeetings } from '../../src/schedule/meetings-load.js';
import { REMINDER_DEFAULTS, reminderConfig, type ReminderConfig } from '../../src/schedule/reminders/config.js';
import { ReminderStore } from '../../src/schedule/reminders/store.js';
import { ReminderScheduler } from '../../src/schedule/reminders/scheduler.js';
import type { Meeting, TestDay } from '../../src/schedule/types.js';
import { DateTime } from 'luxon';
import { FakeClock } from '../helpers/fake-clock.js';

const run = promisify(execFile);
const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));
const CHILD = fileURLToPath(new URL('../helpers/schedule-crash-child.js', import.meta.url));
const TARGETS = ['irc:#rdo', 'matrix:!rdo:example.org'];
const CONFIG: ReminderConfig = { ...REMINDER_DEFAULTS, subscriptions: TARGETS.map((target) => ({ target, meetings: '*', testdays: true })) };
const at = (iso: string) => Date.parse(iso);

/**
 * The sample meetings from 2026-11-23 to 2026-12-03, reminders 1 day and 15 min before, to two channels:
 * community meeting Wed 2026-11-25 and 2026-12-02 14:00 UTC; packaging office hours Tue 2026-12-01 09:00 Paris
 * (08:00 UTC; ISO week 49 is odd, week 48 is even so 2026-11-24 has none).
 */
const EXPECTED_DUE = [
  '2026-11-24T14:00:00.000Z rdo-community 1440m',
  '2026-11-25T13:45:00.000Z rdo-community 15m',
  '2026-11-30T08:00:00.000Z rdo-packaging 1440m',
  '2026-12-01T07:45:00.000Z rdo-packaging 15m',
  '2026-12-01T14:00:00.000Z rdo-community 1440m',
  '2026-12-02T13:45:00.000Z rdo-community 15m',
].flatMap((d) => TARGETS.map((t) => `${d} ${t}`));

interface Sent {
  at: string;
  target: string;
  key: string;
  reply: Reply;
}

function logSink() {
  const lines: { msg: string; reminder?: string }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l) as { msg: string });
      done();
    },
  });
  return { lines, logger: pino({ level: 'info' }, stream) };
}

function harness(meetings: Meeting[], start: string, store = new ReminderStore(':memory:'), config = CONFIG, testDays: TestDay[] = []) {
  const clock = new FakeClock(at(start));
  const sent: Sent[] = [];
  const log = logSink();
  const scheduler = new ReminderScheduler({
    store,
    clock,
    config,
    logger: log.logger,
    definitions: () => ({ meetings, testDays }),
    // A network that is always up: the reminder is claimed as it is handed over.
    deliver: async (target, _preview, { key, claim }) => {
      const reply = claim();
      if (reply) sent.push({ at: new Date(clock.millis()).toISOString(), target, key, reply });
    },
  });
  const advanceTo = (iso: string) => clock.advanceTo(at(iso), () => scheduler.idle());
  return { clock, sent, scheduler, store, log, advanceTo };
}

const describeKey = (s: { at: string; key: string; target: string }) => {
  const m = /^meeting:([^@]+)@.*-(\d+m)>/.exec(s.key)!;
  return `${s.at} ${m[1]} ${m[2]} ${s.target}`;
};

describe('reminder scheduler', () => {
  let meetings: Meeting[];
  before(async () => {
    meetings = (await loadMeetings([join(EXAMPLES, 'meetings')])).meetings;
  });

  it('sends every reminder once, at its due time, and only sleeps between them', async () => {
    const h = harness(meetings, '2026-11-23T00:00:00Z');
    await h.scheduler.start();
    await h.advanceTo('2026-12-03T00:00:00Z');
    await h.scheduler.stop();
    assert.deepEqual(h.sent.map(describeKey), EXPECTED_DUE);
    assert.ok(h.scheduler.stats.delays.every((d) => d === 0));
    // Asleep between reminders: a wake-up at most every 5 minutes (to notice clock jumps), never a 1-second poll.
    assert.ok(h.clock.sleeps.every((ms) => ms === 0 || ms >= 60_000), `short sleeps: ${h.clock.sleeps.filter((s) => s > 0 && s < 60_000).join(', ')}`);
    assert.ok(h.clock.sleeps.length <= (10 * 24 * 60) / 5 + 20);
    assert.equal(h.clock.pending, 0);
  });

  it('writes name, local time, place, agenda and chair into the reminder', async () => {
    const h = harness(meetings, '2026-11-30T00:00:00Z');
    await h.scheduler.start();
    await h.advanceTo('2026-12-02T14:00:00Z');
    await h.scheduler.stop();
    const texts = h.sent.filter((s) => s.target === 'irc:#rdo').map((s) => s.reply.text);
    assert.deepEqual(texts, [
      'Reminder: RDO Packaging Office Hours starts in 1 d, Tue 2026-12-01 09:00 Europe/Paris (08:00 UTC), in #rdo-dev (agenda: https://etherpad.example.org/p/rdo-packaging-office-hours, chair: packaging team)',
      'Reminder: RDO Packaging Office Hours starts in 15 min, Tue 2026-12-01 09:00 Europe/Paris (08:00 UTC), in #rdo-dev (agenda: https://etherpad.example.org/p/rdo-packaging-office-hours, chair: packaging team)',
      'Reminder: RDO Community Meeting starts in 1 d, Wed 2026-12-02 14:00 UTC, video call at https://meet.example.org/rdo-community (agenda: https://etherpad.example.org/p/rdo-community-meeting, chair: rdobot maintainers (rotating))',
      'Reminder: RDO Community Meeting starts in 15 min, Wed 2026-12-02 14:00 UTC, video call at https://meet.example.org/rdo-community (agenda: https://etherpad.example.org/p/rdo-community-meeting, chair: rdobot maintainers (rotating))',
    ]);
    assert.equal(h.sent[0].reply.kind, 'notice');
    assert.equal(h.sent[0].reply.link, 'https://etherpad.example.org/p/rdo-packaging-office-hours');
  });

  it('reminds of test days a day before and at the start', async () => {
    const testDays: TestDay[] = [{ id: 'flamingo', title: 'Flamingo GA Test Day', start: DateTime.fromISO('2026-11-05T00:00:00Z'), end: DateTime.fromISO('2026-11-07T00:00:00Z'), link: 'https://example.org/td', source: 't' }];
    const h = harness([], '2026-11-01T00:00:00Z', undefined, CONFIG, testDays);
    await h.scheduler.start();
    await h.advanceTo('2026-11-06T00:00:00Z');
    await h.scheduler.stop();
    assert.deepEqual(h.sent.filter((s) => s.target === 'irc:#rdo').map((s) => `${s.at} ${s.reply.text}`), [
      '2026-11-04T00:00:00.000Z Reminder: Flamingo GA Test Day starts in 1 d, Thu 2026-11-05 00:00 to Sat 2026-11-07 00:00 UTC (details: https://example.org/td)',
      '2026-11-05T00:00:00.000Z Reminder: Flamingo GA Test Day starts now, Thu 2026-11-05 00:00 to Sat 2026-11-07 00:00 UTC (details: https://example.org/td)',
    ]);
  });

  it('after a forward clock jump sends what is within the grace period late, once, and drops (and logs) the rest', async () => {
    const h = harness(meetings, '2026-11-24T13:00:00Z');
    await h.scheduler.start();
    h.clock.jump(at('2026-11-25T13:48:00Z') - at('2026-11-24T13:00:00Z'));
    await h.clock.advance(10 * 60_000, () => h.scheduler.idle());
    await h.scheduler.stop();
    assert.deepEqual(h.sent.map((s) => `${s.at} ${s.target} ${s.reply.text.slice(0, 54)}`), [
      '2026-11-25T13:53:00.000Z irc:#rdo Reminder (late): RDO Community Meeting starts in 7 min',
      '2026-11-25T13:53:00.000Z matrix:!rdo:example.org Reminder (late): RDO Community Meeting starts in 7 min',
    ]);
    assert.ok(h.log.lines.some((l) => l.msg.startsWith('the clock jumped forward')));
    assert.equal(h.log.lines.filter((l) => l.msg.startsWith('reminder dropped')).length, 2);
    assert.equal(h.store.count('dropped'), 2);
  });

  it('sends nothing twice when the clock goes back, or a new scheduler takes over the same store file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rdobot-rem-')), 'reminders.sqlite');
    const a = harness(meetings, '2026-11-23T00:00:00Z', new ReminderStore(file));
    await a.scheduler.start();
    await a.advanceTo('2026-11-26T00:00:00Z');
    a.clock.jump(-2 * 86_400_000);
    await a.clock.advance(86_400_000, () => a.scheduler.idle());
    await a.scheduler.stop();
    a.store.close();
    const b = harness(meetings, '2026-11-24T12:00:00Z', new ReminderStore(file));
    await b.scheduler.start();
    await b.advanceTo('2026-12-03T00:00:00Z');
    await b.scheduler.stop();
    const all = [...a.sent, ...b.sent].map(describeKey).sort();
    assert.deepEqual(all, [...EXPECTED_DUE].sort());
    assert.equal(new Set([...a.sent, ...b.sent].map((s) => s.key)).size, EXPECTED_DUE.length);
    b.store.close();
  });

  it('lists what a channel gets next, and follows !meeting remind on/off', async () => {
    const h = harness(meetings, '2026-11-24T00:00:00Z', undefined, { ...REMINDER_DEFAULTS, subscriptions: [] });
    await h.scheduler.start();
    assert.deepEqual(h.scheduler.upcoming('irc:#rdo', 3), []);
    assert.equal(await h.scheduler.setEnabled('irc:#rdo', true), 2);
    assert.deepEqual(h.scheduler.upcoming('irc:#rdo', 3).map((r) => `${new Date(r.due).toISOString()} ${r.leadMinutes}`), [
      '2026-11-24T14:00:00.000Z 1440',
      '2026-11-25T13:45:00.000Z 15',
      '2026-11-30T08:00:00.000Z 1440',
    ]);
    await h.advanceTo('2026-11-24T15:00:00Z');
    assert.equal(h.sent.length, 1);
    await h.scheduler.setEnabled('irc:#rdo', false);
    await h.advanceTo('2026-11-26T00:00:00Z');
    assert.equal(h.sent.length, 1);
    await h.scheduler.stop();
  });

  it('re-plans when definitions change', async () => {
    const defs: Meeting[] = [];
    const h = harness(defs, '2026-11-24T00:00:00Z');
    await h.scheduler.start();
    defs.push(...meetings.filter((m) => m.id === 'rdo-community'));
    await h.scheduler.replan();
    await h.advanceTo('2026-11-24T14:00:00Z');
    await h.scheduler.stop();
    assert.equal(h.sent.length, 2);
  });
});

describe('reminders across a crash (separate processes, one store file)', () => {
  async function child(env: Record<string, string>): Promise<{ code: number; sent: string[]; log: { msg: string; reminder?: string }[] }> {
    const result = await run(process.execPath, [CHILD], { env: { ...process.env, ...env }, timeout: 15_000 }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
    const sent = result.stdout.split('\n').filter((l) => l.startsWith('SENT ')).map((l) => l.split(' ').slice(1, 3).join(' '));
    const log = result.stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { msg: string; reminder?: string });
    return { code: result.code, sent, log };
  }
  const store = () => join(mkdtempSync(join(tmpdir(), 'rdobot-crash-')), 'data', 'reminders.sqlite');
  const keyOf = (line: string) => line.split(' ')[1];

  it('exactly-once: the reminder caught by the crash is not resent; the rest go out once', async () => {
    const STORE = store();
    const first = await child({ STORE, START: '2026-11-23T00:00:00Z', END: '2026-12-03T00:00:00Z', CRASH_AFTER: '3' });
    assert.equal(first.code, 137);
    assert.equal(first.sent.length, 3);
    const second = await child({ STORE, START: '2026-11-25T13:50:00Z', END: '2026-12-03T00:00:00Z' });
    assert.equal(second.code, 0);
    const interrupted = keyOf(first.sent[2]);
    assert.ok(second.log.some((l) => l.msg.includes('interrupted') && l.reminder === interrupted));
    assert.ok(!second.sent.some((l) => keyOf(l) === interrupted));
    const keys = [...first.sent, ...second.sent].map(keyOf);
    assert.equal(new Set(keys).size, keys.length, 'nothing sent twice');
    assert.equal(keys.length, 12, 'every reminder handed over once');
    // The matrix twin of the interrupted one was due 5 minutes before the restart: within the grace period.
    assert.match(second.sent[0], /^2026-11-25T13:50:00.000Z meeting:rdo-community@2026-11-25T14:00Z-15m>matrix:!rdo:example.org$/);
    const db = new ReminderStore(STORE);
    assert.equal(db.count('sent'), 11);
    assert.equal(db.count('interrupted'), 1);
    db.close();
  });

  it('at-least-once: the interrupted reminder is sent again after the restart', async () => {
    const STORE = store();
    const first = await child({ STORE, START: '2026-11-23T00:00:00Z', END: '2026-12-03T00:00:00Z', CRASH_AFTER: '3', DELIVERY: 'at-least-once' });
    const second = await child({ STORE, START: '2026-11-25T13:50:00Z', END: '2026-11-26T00:00:00Z', DELIVERY: 'at-least-once' });
    assert.deepEqual(second.sent.map(keyOf).sort(), [keyOf(first.sent[2]), 'meeting:rdo-community@2026-11-25T14:00Z-15m>matrix:!rdo:example.org'].sort());
  });

  it('after a long downtime drops (and logs) what is past the grace period, then carries on', async () => {
    const STORE = store();
    await child({ STORE, START: '2026-11-23T00:00:00Z', END: '2026-12-03T00:00:00Z', CRASH_AFTER: '3' });
    const second = await child({ STORE, START: '2026-11-30T12:00:00Z', END: '2026-12-03T00:00:00Z' });
    const dropped = second.log.filter((l) => l.msg.startsWith('reminder dropped')).map((l) => l.reminder).sort();
    assert.deepEqual(dropped, [
      'meeting:rdo-community@2026-11-25T14:00Z-15m>matrix:!rdo:example.org',
      'meeting:rdo-packaging@2026-12-01T08:00Z-1440m>irc:#rdo',
      'meeting:rdo-packaging@2026-12-01T08:00Z-1440m>matrix:!rdo:example.org',
    ]);
    assert.equal(second.sent.length, 6);
  });
});

describe('reminder store failing at run time', () => {
  it('says in one line per failure which file failed and what to do, and sends nothing it could not claim', async () => {
    const meetings = (await loadMeetings([join(EXAMPLES, 'meetings')])).meetings;
    const file = join(mkdtempSync(join(tmpdir(), 'rdobot-store-')), 'reminders.sqlite');
    const h = harness(meetings, '2026-11-24T13:59:00Z', new ReminderStore(file));
    await h.scheduler.start();
    // As a file gone read-only under the bot: every write of the store now fails.
    (h.store as unknown as { db: { exec(sql: string): void } }).db.exec('PRAGMA query_only = 1');
    await h.advanceTo('2026-11-24T14:01:00Z');
    await h.scheduler.stop();
    const errors = (h.log.lines as { msg: string; level?: number; err?: unknown }[]).filter((l) => (l.level ?? 0) >= 50);
    assert.ok(errors.length > 0, 'the failure is logged');
    for (const e of errors) {
      assert.match(e.msg, new RegExp(`^reminder (hand-over failed|scheduler failed|scheduler could not save where it stopped): ${file.replace(/[/.]/g, '\\$&')}: cannot open it for writing`), e.msg);
      assert.equal(e.err, undefined, 'no stack trace');
    }
    assert.deepEqual(h.sent, []);
  });
});

describe('reminder settings', () => {
  it('reads targets, lead times, grace and delivery, naming a bad key', () => {
    const c = reminderConfig({ RDOBOT_REMINDER_GRACE: '5m' }, { targets: ['irc:#rdo', { target: 'slack:C123', meetings: ['rdo-community'], testdays: false }], meeting_leads: ['2h', '10m'], delivery: 'at-least-once' });
    assert.deepEqual(c.subscriptions, [{ target: 'irc:#rdo', meetings: '*', testdays: true }, { target: 'slack:C123', meetings: ['rdo-community'], testdays: false }]);
    assert.deepEqual(c.meetingLeads, [120, 10]);
    assert.deepEqual(c.testdayLeads, [1440, 0]);
    assert.equal(c.graceMs, 300_000);
    assert.equal(c.delivery, 'at-least-once');
    assert.throws(() => reminderConfig({}, { targets: ['#rdo'] }, () => 7), /^ConfigError: config error: line 7: reminders\.targets\.0: got '#rdo', expected network:room/);
    assert.throws(() => reminderConfig({ RDOBOT_REMINDER_LEADS: 'soon' }, undefined), /RDOBOT_REMINDER_LEADS: got 'soon'/);
  });
});
