import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { fixedClock } from '../../src/core/router.js';
import { FIXTURE_MEETINGS, FIXTURES, fixtureBot } from '../helpers/bot.js';

const WEEK = join(FIXTURES, 'week');
/** Thursday 2026-10-22 12:00 UTC: Europe leaves summer time on Sunday the 25th. */
const NOW = DateTime.fromISO('2026-10-22T12:00:00Z', { zone: 'utc' });

const weekBot = () =>
  fixtureBot({ clock: fixedClock(NOW), archiveDirs: [join(WEEK, 'posts')], eventsDirs: [join(WEEK, 'events')], meetingsDirs: [FIXTURE_MEETINGS, join(WEEK, 'meetings')] });

/** Every time shown to a person has UTC beside it once, in one bracket with what else is said of it. */
describe('times as people see them: UTC beside each, one bracket per time', () => {
  it('gives each !week line its UTC time, in the same bracket as how soon', async () => {
    const { ask } = await weekBot();
    const metas = (await ask('!week --tz Europe/Paris'))!.items!.map((i) => i.meta);
    assert.deepEqual(metas.slice(0, 2), ['new post, Tue 20 Oct 12:00 (10:00 UTC), by mlima', 'Thu 22 Oct 23:00 (21:00 UTC, in 9 h), #openstack-meeting']);
    assert.ok(metas.some((m) => /^test day, Tue 27 Oct 01:00 to .* \(Tue 27 Oct 00:00 to .* UTC\)$/.test(m!)), metas.join('\n'));
    assert.ok(metas.every((m) => !/\) \(/.test(m!)), 'never two brackets in a row');
    const utc = (await ask('!week'))!.items!.map((i) => i.meta);
    assert.equal(utc[1], 'Thu 22 Oct 21:00 UTC (in 9 h), #openstack-meeting');
  });

  it('says a personal reminder’s time and how soon in one bracket', async () => {
    const { ask } = await fixtureBot();
    await ask('!remind me in 3 days to water the plants');
    const [item] = (await ask('!remind list --tz Europe/Berlin'))!.items!;
    assert.equal(item.meta, 'Sat 2026-11-28 13:00 Europe/Berlin (12:00 UTC, in 3 d)');
  });

  it('puts the post’s time on the reply each time it is asked, in each zone (its text is remembered, not its noting)', async () => {
    const { ask } = await fixtureBot();
    const first = await ask('!interview latest');
    const again = await ask('!interview latest');
    assert.ok(first!.times?.length, 'the first reply carries its time');
    assert.deepEqual(again!.times, first!.times);
    const paris = await ask('!interview latest --tz Europe/Paris');
    assert.ok(paris!.times!.some((t) => t.text.includes('Europe/Paris')), JSON.stringify(paris!.times));
    assert.deepEqual((await ask('!interview latest --tz Europe/Paris'))!.times, paris!.times);
  });
});
