import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { archiveAt } from '../../src/archive/archive-at.js';
import { whatsOn } from '../../src/web/whats-on.js';
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
