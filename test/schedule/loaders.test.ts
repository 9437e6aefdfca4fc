import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import type { Post } from '../../src/archive/post.js';
import { loadTestDays } from '../../src/schedule/events-load.js';
import { loadMeetings, meetingsFromConfig } from '../../src/schedule/meetings-load.js';
import { nextOccurrences } from '../../src/schedule/recurrence.js';
import { testDayRange } from '../../src/schedule/testday-titles.js';
import { FIXTURE_EVENTS, FIXTURE_MEETINGS } from '../helpers/bot.js';
import { CORPUS, describeCorpus } from '../helpers/corpus.js';

const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));

function post(title: string, date: string, slug = 'p'): Post {
  return {
    source: `${slug}.html.md`, slug, title, author: 'a', date: DateTime.fromISO(date, { zone: 'utc' }), tags: [], url: `https://example.org/${slug}/`,
    summary: 'Come and test.', body: '', media: [], kinds: ['testday'],
  };
}

describe('meeting definitions', () => {
  it('loads every fixture meeting without warnings, ids from meeting_id, both slots of a biweekly pair', async () => {
    const { meetings, warnings } = await loadMeetings([FIXTURE_MEETINGS]);
    assert.deepEqual(warnings, []);
    assert.deepEqual(meetings.map((m) => m.id).sort(), ['gantry', 'lantern_sig', 'nightjar', 'quarry']);
    const quarry = meetings.find((m) => m.id === 'quarry')!;
    assert.equal(quarry.name, 'Quarry Team Meeting');
    assert.equal(quarry.chair, 'Jo Example (joex)');
    assert.deepEqual(quarry.schedules.map((s) => [s.frequency, s.time, s.weekday, s.channel]), [['biweekly-even', '1400', 4, '#openstack-meeting'], ['biweekly-odd', '2100', 4, '#openstack-meeting']]);
  });

  it('reports unknown keys and frequencies with file and line, and still loads the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdobot-meetings-'));
    writeFileSync(join(dir, 'a-good.yaml'), "project: Good\nschedule:\n  - time: '1400'\n    day: Wednesday\n    irc: rdo\n    frequency: weekly\n");
    writeFileSync(join(dir, 'b-odd.yaml'), "project: Odd\ncolour: blue\nschedule:\n  - time: '1400'\n    day: Wednesday\n    irc: rdo\n    frequency: fortnightly\n  - time: '0900'\n    day: Friday\n    irc: rdo\n    frequency: weekly\n    room: 12\n");
    writeFileSync(join(dir, 'c-broken.yaml'), 'project: [unclosed\nschedule: x\n');
    const { meetings, warnings } = await loadMeetings([dir]);
    assert.deepEqual(meetings.map((m) => m.id), ['a-good', 'b-odd']);
    assert.equal(meetings[1].schedules.length, 1);
    const where = warnings.map((w) => `${w.file.slice(dir.length + 1)}:${w.line} ${w.reason.split(' (')[0]}`);
    assert.deepEqual(where.slice(0, 3), ["b-odd.yaml:2 unknown key 'colour'", "b-odd.yaml:7 unknown frequency 'fortnightly'", "b-odd.yaml:12 unknown schedule key 'room'"]);
    assert.match(where[3], /^c-broken\.yaml:\d+ not valid YAML/);
  });

  it("takes meetings from rdobot's config, with a video call on the first Wednesday of the month", () => {
    const { meetings, warnings } = meetingsFromConfig(
      [
        {
          name: 'RDO community meeting',
          id: 'rdo',
          agenda_url: 'https://etherpad.example.org/p/rdo',
          schedule: [{ day: 'Wednesday', time: '14:00', channel: '#rdo', frequency: 'weekly', location_overrides: [{ when: 'first-of-month', location: 'video call at https://meet.example.org/rdo' }] }],
        },
      ],
      'rdobot.yaml',
    );
    assert.deepEqual(warnings, []);
    const next = nextOccurrences(meetings[0], DateTime.fromISO('2026-11-26T00:00Z'), 2).map((o) => `${o.start.toUTC().toISO()} ${o.location}`);
    assert.deepEqual(next, ['2026-12-02T14:00:00.000Z video call at https://meet.example.org/rdo', '2026-12-09T14:00:00.000Z #rdo']);
  });

  it('reports a bad config meeting with the line the config loader gives', () => {
    const { meetings, warnings } = meetingsFromConfig([{ name: 'x', schedule: [{ day: 'Someday', time: '1400', irc: 'rdo', frequency: 'weekly' }] }], 'rdobot.yaml', (p) => 10 + p.length);
    assert.equal(meetings.length, 0);
    assert.deepEqual(warnings[0], { file: 'rdobot.yaml', line: 14, reason: "'day' must be a weekday name, got 'Someday'" });
  });

  it('loads the sample meetings: the community meeting and a Paris-time office hour', async () => {
    const { meetings, warnings } = await loadMeetings([join(EXAMPLES, 'meetings')]);
    assert.deepEqual(warnings, []);
    assert.deepEqual(meetings.map((m) => m.id).sort(), ['rdo-community', 'rdo-packaging']);
  });
});

describe('test days', () => {
  it('reads the dates of test-day post titles relative to the post', () => {
    const range = (t: string, d: string) => {
      const r = testDayRange(t, DateTime.fromISO(d, { zone: 'utc' }));
      return r && `${r.start.toISODate()}..${r.end.minus({ days: 1 }).toISODate()}`;
    };
    assert.equal(range('RDO Mitaka 3 test day, March 10th, 11th', '2016-02-23'), '2016-03-10..2016-03-11');
    assert.equal(range('Icehouse milestone 2 test day - Feb 4-5', '2014-01-23'), '2014-02-04..2014-02-05');
    assert.equal(range('RDO Havana Test Day, September 10-11', '2013-09-04'), '2013-09-10..2013-09-11');
    assert.equal(range('RDO test day today', '2014-01-07T09:00'), '2014-01-07..2014-01-07');
    assert.equal(range('Test day, January 8th', '2013-12-20'), '2014-01-08..2014-01-08');
    assert.equal(range('Reminder - RDO test day next week', '2014-01-03'), null);
  });

  it('loads test days and labelled doc days from the fixture events, CET read as central European time', async () => {
    const { testDays, warnings } = await loadTestDays([FIXTURE_EVENTS], []);
    assert.deepEqual(warnings, []);
    assert.equal(testDays.filter((t) => t.kind === 'testday').length, 4);
    const doc = testDays.filter((t) => t.kind === 'docday');
    assert.deepEqual(doc.map((t) => t.title), ['Doc Sprint Day']);
    assert.equal(doc[0].start.toUTC().toISO(), '2016-06-22T22:01:00.000Z');
    const final = testDays.find((t) => t.title === 'Kestrel Final Test Day')!;
    assert.equal(final.start.toUTC().toISO(), '2016-07-07T00:01:00.000Z');
    assert.equal(final.link, 'https://www.rdoproject.example/testday/kestrel/final');
  });

  it('adds test days announced by posts, once, and merges a post with the event it announces', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdobot-events-'));
    writeFileSync(join(dir, 'days.yml'), 'name: RDO Test Days\ntalks:\n- title: Newton GA Test Day\n  start: 2016-10-13 00:01 UTC\n  end: 2016-10-14 23:59 UTC\n');
    const posts = [
      post('RDO Newton GA test day, October 13th, 14th', '2016-10-01', 'newton-ga'),
      post('RDO Mitaka 3 test day, March 10th, 11th', '2016-02-23', 'mitaka-3'),
      post('Reminder: Mitaka 3 test day today', '2016-03-10T08:00', 'mitaka-3-today'),
      post('RDO test day next week', '2016-03-03', 'vague'),
    ];
    const { testDays } = await loadTestDays([dir], posts);
    assert.deepEqual(testDays.map((t) => `${t.title} ${t.start.toUTC().toISODate()} ${t.link}`), [
      'RDO Mitaka 3 test day, March 10th, 11th 2016-03-10 https://example.org/mitaka-3/',
      'Newton GA Test Day 2016-10-13 https://example.org/newton-ga/',
    ]);
  });

  it('reports a talk without a readable start with its line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdobot-events-'));
    writeFileSync(join(dir, 'days.yml'), 'talks:\n- title: Ocata Test Day\n  start: soon\n  end: 2016-10-14 23:59 UTC\n');
    const { testDays, warnings } = await loadTestDays([dir], []);
    assert.equal(testDays.length, 0);
    assert.equal(warnings[0].line, 3);
  });
});

describeCorpus('schedule loaders over the real definitions', () => {
  it('loads every meeting of the irc-meetings corpus without warnings', async () => {
    const { meetings, warnings } = await loadMeetings([join(CORPUS, 'irc-meetings')]);
    assert.deepEqual(warnings, []);
    assert.equal(meetings.length, 17);
    const nova = meetings.find((m) => m.id === 'nova')!;
    assert.equal(nova.name, 'Nova Team Meeting');
    assert.equal(nova.chair, 'Eric Fried (efried)');
    assert.deepEqual(nova.schedules.map((s) => [s.frequency, s.time, s.weekday, s.channel]), [['biweekly-even', '1400', 4, '#openstack-meeting'], ['biweekly-odd', '2100', 4, '#openstack-meeting']]);
    // No meeting_id: the file name is the id.
    assert.ok(meetings.every((m) => m.id.length > 0));
  });

  it('loads test days and labelled doc days from the events corpus', async () => {
    const { testDays, warnings } = await loadTestDays([join(CORPUS, 'events')], []);
    assert.deepEqual(warnings, []);
    // Ten: one test day is written as one entry per day, and is one test day spanning both.
    assert.equal(testDays.filter((t) => t.kind === 'testday').length, 10);
    assert.ok(testDays.every((t) => t.end.diff(t.start, 'hours').hours > 24), 'each spans its days');
    assert.deepEqual(testDays.filter((t) => t.kind === 'docday').map((t) => t.title), ['RDO Doc Day', 'RDO Doc Day', 'Doc Sprint Day']);
    const pike = testDays.find((t) => t.title === 'Pike Final Test Day')!;
    assert.equal(pike.start.toUTC().toISO(), '2017-09-07T00:01:00.000Z');
    assert.equal(pike.link, 'https://www.rdoproject.org/testday/pike/final');
  });
});
