import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import type { Message } from '../../src/core/types.js';
import { isLate, previewReply, reminderReply } from '../../src/schedule/reminders/message.js';
import { Notes, planNotes } from '../../src/schedule/reminders/notes.js';
import { UserZones } from '../../src/state/user-zones.js';
import { openUsersDb } from '../../src/state/users-db.js';

const ASKED = DateTime.fromISO('2026-12-04T18:54:00Z', { zone: 'utc' });
const terminal: Message = { network: 'shell', room: 'terminal', isPrivate: true, user: { id: 'me', name: 'me', verified: true }, text: '', syntax: '!', time: ASKED.toJSDate() };

/** The reminder messages: one module words them all, with one rule for "late". */
describe('reminder wording', () => {
  function noteAskedInUtc() {
    const users = openUsersDb();
    const notes = new Notes(users);
    const due = ASKED.plus({ hours: 2 }).toMillis();
    notes.add(terminal, due, 'stretch your legs', 'UTC', ASKED.toMillis());
    const [planned] = planNotes(notes, ASKED.toMillis(), due + 1);
    return { users, planned, due };
  }

  it('says when a terminal reminder was asked in the zone the person has set since, UTC beside it', () => {
    const { users, planned, due } = noteAskedInUtc();
    new UserZones(users).set(terminal, 'Europe/Berlin', ASKED.toMillis());
    const reply = reminderReply(planned, DateTime.fromMillis(due, { zone: 'utc' }));
    assert.equal(reply.text, 'Reminder: stretch your legs — you asked Fri 4 Dec 19:54 Europe/Berlin (18:54 UTC).');
  });

  it('says a personal reminder is late by the same rule as a meeting reminder', () => {
    const { planned, due } = noteAskedInUtc();
    const oneMinuteLate = DateTime.fromMillis(due + 60_000, { zone: 'utc' });
    assert.ok(isLate(due, oneMinuteLate));
    assert.ok(!isLate(due, DateTime.fromMillis(due + 59_000)));
    assert.equal(reminderReply(planned, oneMinuteLate).text, 'Reminder: stretch your legs (due 1 min ago; I was away) — you asked Fri 4 Dec 18:54 UTC.');
  });

  it('names a reminder before it is made by what it is about', () => {
    const { planned } = noteAskedInUtc();
    assert.deepEqual(previewReply(planned), { kind: 'notice', text: 'Reminder: stretch your legs' });
  });
});
