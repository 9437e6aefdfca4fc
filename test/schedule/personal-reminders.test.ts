import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DateTime } from 'luxon';
import type { Message } from '../../src/core/types.js';
import { Notes } from '../../src/schedule/reminders/notes.js';
import { PersonalSubscriptions } from '../../src/schedule/reminders/subscriptions.js';
import { Addresses } from '../../src/state/addresses.js';
import { openUsersDb } from '../../src/state/users-db.js';
import { UserZones } from '../../src/state/user-zones.js';
import { reminderReply } from '../../src/schedule/reminders/message.js';
import { renderSlack } from '../../adapters/slack/render.js';
import { planReminders } from '../../src/schedule/reminders/plan.js';
import { REMINDER_DEFAULTS } from '../../src/schedule/reminders/config.js';
import { fixtureBot, TEST_NOW } from '../helpers/bot.js';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('../helpers/personal-crash-child.js', import.meta.url));

const person = (network: string, id: string, name: string, verified = true): Message => ({
  network,
  room: '#rdo',
  isPrivate: false,
  user: { id, name, verified },
  text: '',
  syntax: '!',
  time: TEST_NOW.toJSDate(),
});
const ALICE = person('irc', 'alice', 'alice_away');
const BOB = person('slack', 'T0RDO/U0BOB', 'Bob');
const CAROL = person('matrix', '@carol:hs.test', 'Carol');

/** A data directory where Alice (IRC) follows the Gantry meeting, Bob (Slack) Nightjar, and Carol (Matrix) asked for one reminder. */
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rdobot-personal-'));
  const db = openUsersDb(dir);
  const subs = new PersonalSubscriptions(db);
  const addresses = new Addresses(db);
  const now = Date.parse('2026-11-20T12:00:00Z');
  subs.add(ALICE, 'gantry', now);
  subs.add(BOB, 'nightjar', now);
  for (const m of [ALICE, BOB, CAROL]) addresses.remember(m, now);
  new UserZones(db).set(ALICE, 'Europe/Paris', now);
  new Notes(db).add(CAROL, Date.parse('2026-11-26T10:00:00Z'), 'send the minutes', 'Europe/Paris', now);
  db.close();
  return dir;
}

interface Sent {
  at: string;
  network: string;
  how: string;
  to: string;
  text: string;
}

async function child(env: Record<string, string>): Promise<{ sent: Sent[]; killed: boolean }> {
  try {
    const { stdout } = await run(process.execPath, [CHILD], { env: { ...process.env, ...env }, timeout: 60_000 });
    return { sent: parse(stdout), killed: false };
  } catch (err) {
    const e = err as { stdout?: string; signal?: string };
    if (e.signal !== 'SIGKILL') throw err;
    return { sent: parse(e.stdout ?? ''), killed: true };
  }
}

function parse(stdout: string): Sent[] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('SENT '))
    .map((l) => {
      const [, at, network, how, to, ...text] = l.split(' ');
      return { at, network, how, to, text: text.join(' ') };
    });
}

const line = (s: Sent) => `${s.network} ${s.how} ${s.to} ${s.text.slice(0, 60)}`;

describe('personal reminders across a kill -9 (separate processes, one data directory)', function () {
  this.timeout(120_000);

  it('reminds each person privately before their meetings, once: the one the kill caught is not resent, the rest go out once after the restart', async () => {
    const DATA = dataDir();
    const first = await child({ DATA, START: '2026-11-23T00:00:00Z', END: '2026-12-03T00:00:00Z', CRASH_AFTER: '3' });
    assert.ok(first.killed, 'the first process died by SIGKILL');
    assert.equal(first.sent.length, 3);
    const second = await child({ DATA, START: '2026-11-24T14:05:00Z', END: '2026-12-03T00:00:00Z' });
    const all = [...first.sent, ...second.sent];
    const lines = all.map(line);
    assert.equal(new Set(lines).size, lines.length, `nothing is sent twice:\n${lines.join('\n')}`);
    // Bob's Nightjar (Mon 03:00 UTC; 2026-11-30 is skipped): 15 min before, in a Slack DM; the 1-day one was before the first start.
    assert.deepEqual(all.filter((s) => s.to.startsWith('T0RDO/U0BOB')).map((s) => `${s.at} ${s.how}`), ['2026-11-23T02:45:00.000Z private']);
    // Alice's Gantry (Wed 14:00 UTC), a day and 15 min before, to her services account, found by the nick she was last seen with.
    const alice = all.filter((s) => s.to.startsWith('alice('));
    assert.deepEqual(alice.map((s) => s.at), ['2026-11-24T14:00:00.000Z', '2026-11-25T13:45:00.000Z', '2026-12-01T14:00:00.000Z', '2026-12-02T13:45:00.000Z']);
    assert.ok(alice.every((s) => s.network === 'irc' && s.how === 'private' && s.to === 'alice(alice_away)' && /^Reminder: Gantry Team Meeting/.test(s.text)));
    // In her own zone too (she set Europe/Paris with !tz).
    assert.match(alice[1].text, /^Reminder: Gantry Team Meeting starts in 15 min, Wed 2026-11-25 14:00 UTC \(Wed 2026-11-25 15:00 Europe\/Paris your time\), in #openstack-gantry/);
    // The third hand-over (Alice, a day before) was caught by the kill: it is in the first run's output and never again.
    assert.equal(first.sent[2].at, '2026-11-24T14:00:00.000Z');
    assert.equal(second.sent.filter((s) => s.at === '2026-11-24T14:00:00.000Z').length, 0);
    // Carol's one-off reminder, in her Matrix DM, once.
    assert.deepEqual(all.filter((s) => s.network === 'matrix').map((s) => `${s.how} ${s.to} ${s.text.slice(0, 38)}`), ['private @carol:hs.test(Carol) Reminder: send the minutes — you asked']);
    // Only the digest goes to a channel; every meeting reminder is private.
    assert.ok(all.filter((s) => s.how === 'channel').every((s) => s.to === '#rdo' && s.text.startsWith('The week ahead')));
  });

  it('sends a one-off reminder once, late after a long stop (within a day, saying so), and never again after another restart', async () => {
    const DATA = dataDir();
    await child({ DATA, START: '2026-11-25T00:00:00Z', END: '2026-11-26T09:00:00Z' });
    const late = await child({ DATA, START: '2026-11-26T20:00:00Z', END: '2026-11-26T21:00:00Z' });
    const again = await child({ DATA, START: '2026-11-26T21:00:00Z', END: '2026-11-27T21:00:00Z' });
    const carol = [...late.sent, ...again.sent].filter((s) => s.network === 'matrix');
    assert.equal(carol.length, 1);
    assert.equal(carol[0].at, '2026-11-26T20:00:00.000Z');
    assert.match(carol[0].text, /^Reminder: send the minutes \(due 10 h ago; I was away\) — you asked Fri 20 Nov 13:00 Europe\/Paris \(12:00 UTC\)\.$/);
  });

  it('posts the weekly digest once a week, at 09:00 Paris time, whatever restarts happen; late (bot down at 09:00) it still goes out once', async () => {
    const DATA = dataDir();
    const runs = [
      await child({ DATA, START: '2026-11-22T12:00:00Z', END: '2026-11-23T08:30:00Z' }),
      await child({ DATA, START: '2026-11-23T08:30:00Z', END: '2026-11-24T00:00:00Z' }),
      // Down over the next Monday 09:00; back at 11:00 Paris time.
      await child({ DATA, START: '2026-11-30T10:00:00Z', END: '2026-11-30T12:00:00Z' }),
      await child({ DATA, START: '2026-11-30T12:00:00Z', END: '2026-12-01T00:00:00Z' }),
    ];
    const digests = runs.flatMap((r, i) => r.sent.filter((s) => s.how === 'channel').map((s) => `run ${i + 1} ${s.at} ${s.text}`));
    assert.deepEqual(digests, [
      'run 1 2026-11-23T08:00:00.000Z The week ahead from Mon 23 Nov, times in Europe/Paris',
      'run 3 2026-11-30T10:00:00.000Z The week ahead from Mon 30 Nov, times in Europe/Paris',
    ]);
  });
});

describe('reminder messages', () => {
  it('carry their times for native rendering: a Slack reader sees a reminder’s time in their own zone', async () => {
    const { bot } = await fixtureBot();
    const subs = [{ target: 'slack:C0RDO', meetings: ['gantry'], testdays: false }];
    const [r] = planReminders({ meetings: bot.schedule.meetings, testDays: [] }, subs, REMINDER_DEFAULTS, Date.parse('2026-11-25T13:45:00Z'), Date.parse('2026-11-25T13:46:00Z'));
    const reply = reminderReply(r, DateTime.fromISO('2026-11-25T13:45:00Z'));
    assert.deepEqual(reply.times?.map((t) => [t.text, t.at]), [['Wed 2026-11-25 14:00 UTC', Date.parse('2026-11-25T14:00:00Z')]]);
    assert.match(JSON.stringify(renderSlack(reply).blocks), /<!date\^1795615200\^\{date_short_pretty\} \{time\}\|Wed 2026-11-25 14:00 UTC>/);
  });
});

describe('personal reminder commands', () => {
  const irc = (id: string, name: string, verified = true): Partial<Message> => ({ network: 'irc', user: { id, name, verified } });

  it('subscribes a verified person to a meeting, lists it, and unsubscribes; the choice outlives a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdobot-subs-'));
    const { ask, bot } = await fixtureBot({ dataDir: dir });
    const sub = await ask('!meeting subscribe gantry', irc('alice', 'alice_'));
    assert.equal(
      sub?.text,
      "Subscribed: I'll remind you privately 1 d and 15 min before every Gantry Team Meeting. Next: Wed 2026-11-25 14:00 UTC (in 2 h).",
    );
    bot.close();
    const again = await fixtureBot({ dataDir: dir });
    const list = await again.ask('!meeting subscriptions', irc('alice', 'alice_'));
    assert.equal(list?.items?.[0]?.title, 'Gantry Team Meeting');
    assert.equal((await again.ask('!meeting subscriptions', { network: 'matrix', user: { id: 'alice', name: 'alice', verified: true } }))?.text, 'You have no meeting subscriptions. !meeting subscribe <meeting> reminds you privately before each one.');
    assert.equal((await again.ask('!meeting unsubscribe gantry', irc('alice', 'alice_')))?.text, 'Unsubscribed: no more private reminders for Gantry Team Meeting.');
    assert.deepEqual(again.bot.subscriptions.subscriptions(), []);
  });

  it('keeps nothing for an IRC nick that is not identified with services', async () => {
    const { ask } = await fixtureBot();
    const reply = await ask('!meeting subscribe gantry', irc('mallory', 'mallory', false));
    assert.equal(reply?.kind, 'error');
    assert.match(reply!.text, /not identified with services/);
    assert.match((await ask('!remind me in 10 minutes to x', irc('mallory', 'mallory', false)))!.text, /not identified with services/);
  });

  it('takes one-off reminders in the asker’s zone, lists and cancels them, and points a meeting request to !meeting subscribe', async () => {
    const { ask, bot } = await fixtureBot();
    await ask('!tz set Europe/Paris');
    const made = await ask('!remind me tomorrow 9:00 to review the agenda');
    assert.equal(made?.text, "OK, I'll remind you privately in 20 h, Thu 2026-11-26 09:00 Europe/Paris (08:00 UTC): review the agenda (reminder 1; !remind cancel 1 to drop it).");
    await ask('!remind me in 10 minutes check the CI');
    const list = await ask('!remind list');
    assert.deepEqual(list?.items?.map((i) => i.title), ['2: check the CI', '1: review the agenda']);
    assert.equal((await ask('!remind cancel 1'))?.text, 'Reminder 1 cancelled.');
    assert.equal(bot.notes.pending(person('test', 'tester', 'tester'), TEST_NOW.toMillis()).length, 1);
    assert.equal((await ask('!remind me of the gantry meeting'))?.text, 'To be reminded before every Gantry Team Meeting, use !meeting subscribe gantry.');
    assert.match((await ask('!remind me yesterday'))!.text, /^When\?/);
    assert.match((await ask('!remind me in 5 minutes'))!.text, /^Remind you of what\?/);
    // Asked in words, it says the command to type rather than keeping anything on a guess.
    assert.equal((await ask('rdobot: can you remind me in 2 hours to call Bob?'))!.text, "That would change what I keep for you, so I do it only when you type the command: !remind me in 2 hours to call Bob");
    assert.equal(bot.notes.pending(person('test', 'tester', 'tester'), TEST_NOW.toMillis()).length, 1);
  });

  it('answers due times in the past with an explanation', async () => {
    const { ask } = await fixtureBot();
    const reply = await ask(`!remind me ${DateTime.fromISO('2026-11-25T11:00:00Z').toFormat('yyyy-MM-dd')} 11:00 x`);
    assert.equal(reply?.kind, 'error');
    assert.match(reply!.text, /^That time has passed/);
  });
});
