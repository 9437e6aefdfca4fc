import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTestDays } from '../../src/schedule/events-load.js';
import { loadMeetings } from '../../src/schedule/meetings-load.js';
import type { Meeting, TestDay } from '../../src/schedule/types.js';
import { CORPUS, describeCorpus } from '../helpers/corpus.js';
import { scheduleBot as bot } from '../helpers/schedule-bot.js';

const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));

describeCorpus('!meeting over the irc-meetings definitions', () => {
  let corpus: Meeting[];
  let samples: Meeting[];
  before(async () => {
    corpus = (await loadMeetings([join(CORPUS, 'irc-meetings')])).meetings;
    samples = (await loadMeetings([join(EXAMPLES, 'meetings')])).meetings;
  });

  it('answers !meeting next with the soonest meeting, in UTC with relative time', async () => {
    // Wednesday 2026-11-25 12:00 UTC: Cyborg meets at 14:00.
    const ask = bot(corpus, [], '2026-11-25T12:00:00Z');
    const r = await ask('!meeting next');
    assert.equal(r.kind, 'answer');
    assert.equal(r.text, 'Cyborg Project Team Meeting — Wed 2026-11-25 14:00 UTC, in 2 h, in #openstack-cyborg, agenda: https://wiki.openstack.org/wiki/Meetings/CyborgTeamMeeting');
    assert.equal(r.items?.[0].when?.toUTC().toISO(), '2026-11-25T14:00:00.000Z');
  });

  it('answers !meeting next <name> in the asker\'s zone with --tz', async () => {
    const ask = bot(corpus, [], '2026-11-25T10:40:00Z');
    const r = await ask('!meeting next nova --tz Europe/Paris');
    assert.equal(r.text, 'Nova Team Meeting — Thu 2026-11-26 15:00 Europe/Paris (14:00 UTC), in 1 d 3 h, in #openstack-meeting, agenda: https://wiki.openstack.org/wiki/Meetings/Nova');
    const fields = r.items?.[0].fields;
    assert.ok(fields?.some((f) => f.label === 'chair' && f.value === 'Eric Fried (efried)'));
    assert.ok(fields?.some((f) => f.label === 'agenda' && f.value === 'https://wiki.openstack.org/wiki/Meetings/Nova'));
    assert.match(r.items?.[0].summary ?? '', /^Chair: Eric Fried \(efried\)\./);
  });

  it('says a meeting is running now', async () => {
    const ask = bot(corpus, [], '2026-11-25T14:20:00Z');
    const r = await ask('!meeting next cyborg');
    assert.match(r.text, /running now \(started 20 min ago, until 15:00 UTC\)/);
  });

  it('shows the video-call location on the first Wednesday of the month', async () => {
    const ask = bot(samples, [], '2026-11-26T00:00:00Z');
    const r = await ask('!meeting next rdo community');
    assert.equal(
      r.text,
      'RDO Community Meeting — Wed 2026-12-02 14:00 UTC, in 6 d 14 h, video call at https://meet.example.org/rdo-community, agenda: https://etherpad.example.org/p/rdo-community-meeting',
    );
  });

  it('lists meetings soonest first, adhoc ones last', async () => {
    const chef = corpus.find((m) => m.id === 'chef_openstack')!;
    const ask = bot([chef, ...samples], [], '2026-11-25T12:00:00Z');
    const r = await ask('!meeting list');
    assert.equal(r.kind, 'list');
    // Each meeting's schedule rule is shown, whether or not it has an agenda link.
    assert.deepEqual(r.items?.map((i) => [i.title, i.meta]), [
      ['RDO Community Meeting', 'every Wednesday at 14:00 UTC in #rdo; next Wed 2026-11-25, in 2 h'],
      ['RDO Packaging Office Hours', 'Tuesday of odd ISO weeks at 09:00 Europe/Paris in #rdo-dev; next Tue 2026-12-01 08:00 UTC, in 5 d 20 h'],
      ['Chef OpenStack Team Meeting', 'as needed (no fixed schedule), #openstack-chef'],
    ]);
  });

  it('gives one clear line for an unknown meeting and for an adhoc one', async () => {
    const ask = bot(corpus, [], '2026-11-25T12:00:00Z');
    const r = await ask('!meeting next quantum');
    assert.equal(r.code, 'NOT_FOUND');
    assert.equal(r.text, "No meeting matches 'quantum'. Try !meeting list.");
    const adhoc = await ask('!meeting next chef');
    assert.equal(adhoc.kind, 'answer');
    assert.equal(adhoc.text, 'Chef OpenStack Team Meeting has no scheduled meeting: it meets as needed.');
  });

  it('lets only channel operators turn reminders on and off', async () => {
    const toggles: string[] = [];
    const ask = bot(samples, [], '2026-11-25T12:00:00Z', toggles);
    assert.equal((await ask('!meeting remind on')).code, 'DENIED');
    assert.equal((await ask('!meeting remind on', { roles: ['operator'] })).text, 'Meeting reminders are on for this channel (2 meetings).');
    assert.equal((await ask('!meeting remind off', { roles: ['operator'] })).text, 'Meeting reminders are off for this channel.');
    assert.deepEqual(toggles, ['irc:#rdo true', 'irc:#rdo false']);
    assert.equal((await ask('!meeting remind maybe', { roles: ['operator'] })).code, 'BAD_ARGUMENTS');
  });

  it('says reminders need the service when no scheduler runs', async () => {
    const ask = bot(samples, [], '2026-11-25T12:00:00Z');
    assert.equal((await ask('!reminders')).text, 'Reminders are not running here (they need `rdobot run`).');
  });
});

describeCorpus('!testday over the RDO events', () => {
  let corpus: TestDay[];
  let samples: TestDay[];
  before(async () => {
    corpus = (await loadTestDays([join(CORPUS, 'events')], [])).testDays;
    samples = (await loadTestDays([join(EXAMPLES, 'events')], [])).testDays;
  });

  it('answers !testday next with the next test day', async () => {
    const ask = bot([], corpus, '2017-07-01T00:00:00Z');
    const r = await ask('!testday next');
    assert.equal(r.items?.[0].title, 'Pike Milestone 3 Test Day');
    assert.match(r.text, /^Pike Milestone 3 Test Day — Thu 2017-08-03 00:01 to Fri 2017-08-04 23:59 UTC, starts in 5 weeks/);
    assert.equal(r.link, 'https://www.rdoproject.org/testday/pike/milestone3');
  });

  it('knows when a test day is running now', async () => {
    const ask = bot([], samples, '2026-11-05T10:00:00Z');
    const r = await ask('!testday current --tz Asia/Tokyo');
    assert.match(r.text, /^Flamingo GA Test Day — Thu 2026-11-05 09:00 to Sat 2026-11-07 08:59 Asia\/Tokyo \(Thu 2026-11-05 00:00 to .* UTC\), running now, ends in 1 d 13 h/);
  });

  it('says clearly when none is running, naming the next one', async () => {
    const ask = bot([], samples, '2026-11-25T12:00:00Z');
    const r = await ask('!testday current');
    assert.equal(r.kind, 'answer');
    assert.equal(r.text, 'No test day is running now; the next is Gazpacho Milestone 2 Test Day, in 7 weeks.');
  });

  it('says clearly when nothing is scheduled', async () => {
    const ask = bot([], corpus, '2026-11-25T12:00:00Z');
    const r = await ask('!testday next');
    assert.equal(r.kind, 'answer');
    assert.equal(r.text, 'No test day is scheduled yet; the last one was Pike Final Test Day on 2017-09-07.');
  });

  it('lists upcoming test days first, then past ones, doc days labelled', async () => {
    const ask = bot([], corpus, '2017-06-01T00:00:00Z');
    const r = await ask('!testday list 4');
    assert.deepEqual(r.items?.map((i) => i.title), ['Doc Sprint Day', 'Pike Milestone 2 Test Day', 'Pike Milestone 3 Test Day', 'Pike Final Test Day']);
    assert.match(r.items?.[0].meta ?? '', /^doc day, /);
    // Asked for 4, the header says of how many; nothing is left for !more.
    assert.match(r.text, /^4 upcoming test\/doc days \(4 of \d+\):$/);
    assert.equal(r.more, undefined);
  });
});
