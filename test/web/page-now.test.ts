import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { archiveAt } from '../../src/archive/archive-at.js';
import { whatsOn, type RecordedRun } from '../../src/web/whats-on.js';
import { fixtureBot } from '../helpers/bot.js';

describe('the community page reads the archive at its clock', () => {
  it('lists no post dated after now among the latest posts and interviews', async () => {
    const t = await fixtureBot();
    const now = DateTime.fromISO('2016-02-01T00:00:00Z', { zone: 'utc' });
    const view = whatsOn({ meetings: [], testDays: [] }, archiveAt(t.bot.archive, now), now);
    assert.ok(view.posts.length > 0);
    assert.ok([...view.posts, ...view.interviews].every((p) => p.date <= now));
    assert.equal(view.interviews[0].title, 'Zoë Ñúñez talks about packaging with RPM');
  });
});

describe('the community page after #endmeeting (issue 32)', () => {
  it('stops showing a meeting as on now once the channel ended it, though its slot runs on', async () => {
    const t = await fixtureBot();
    // Wednesday 14:30 UTC: the Gantry meeting's slot (14:00, weekly, #openstack-gantry) is running.
    const now = DateTime.fromISO('2026-11-25T14:30:00Z', { zone: 'utc' });
    const archive = archiveAt(t.bot.archive, now);
    const gantry = (runs: RecordedRun[]) =>
      whatsOn({ meetings: t.bot.schedule.meetings, testDays: [], runs }, archive, now).meetings.filter((s) => s.occurrence.meeting.name === 'Gantry Team Meeting' && s.occurrence.start <= now);
    assert.equal(gantry([]).length, 1, 'on now before anyone ends it');
    const ended = { room: '#openstack-gantry', definition: null, started: now.minus({ minutes: 29 }).toMillis(), ended: now.minus({ minutes: 5 }).toMillis() };
    assert.equal(gantry([ended]).length, 0, 'over once #endmeeting was said');
    assert.equal(gantry([{ ...ended, ended: null }]).length, 1, 'still on while the meeting runs');
    assert.equal(gantry([{ ...ended, room: '#elsewhere' }]).length, 1, 'another channel\'s meeting ends nothing here');
  });
});
