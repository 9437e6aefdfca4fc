import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTestDays } from '../../src/schedule/events-load.js';
import { loadMeetings } from '../../src/schedule/meetings-load.js';
import { SavedSources } from '../../src/schedule/saved-sources.js';
import type { Meeting, TestDay } from '../../src/schedule/types.js';
import { PROJECT_ROOT } from '../../src/base/paths.js';
import { FIXTURE_EVENTS, FIXTURE_MEETINGS } from '../helpers/bot.js';

const HOSTILE = join(PROJECT_ROOT, 'test/fixtures/hostile');
const temp = (name: string) => mkdtempSync(join(tmpdir(), `rdobot-${name}-`));

/** A copy of `clean` with the hostile files of `kind` dropped in. */
function withHostile(clean: string, kind: 'meetings' | 'events'): string {
  const dir = temp(kind);
  cpSync(clean, dir, { recursive: true });
  cpSync(join(HOSTILE, kind), dir, { recursive: true });
  return dir;
}

const GOOD = "project: Wren Meeting\nmeeting_id: wren\nschedule:\n  - time: '1400'\n    day: Monday\n    irc: openstack-wren\n    frequency: weekly\n";
const BROKEN = `${GOOD}description: *Important*\n`;

describe('hostile meeting and events files (issue 29)', () => {
  it('loads every other meeting beside a file with an unresolved alias, a time or start date as mapping, an alias bomb', async () => {
    const clean = await loadMeetings([FIXTURE_MEETINGS]);
    const dir = withHostile(FIXTURE_MEETINGS, 'meetings');
    const r = await loadMeetings([dir]);
    const ids = r.meetings.map((m) => m.id);
    for (const m of clean.meetings) assert.ok(ids.includes(m.id), m.id);
    const about = (file: string) => r.warnings.filter((w) => w.file === join(dir, file));
    assert.deepEqual(about('alias-typo-meeting.yaml').map((w) => [w.line, w.reason]), [[9, 'not usable YAML: Unresolved alias (the anchor must be set before the alias): Important*']]);
    assert.deepEqual(about('time-as-mapping-meeting.yaml').map((w) => [w.line, w.reason]).slice(0, 1), [[4, "'time' must be text or a number, got a mapping; ignored"]]);
    assert.equal(about('alias-bomb-meeting.yaml')[0].reason, 'not usable YAML: its aliases expand to more than 100 copies (an alias bomb?); refused');
    // A start date of the wrong type is ignored; the meeting is kept without it.
    assert.deepEqual(about('start-date-as-mapping-meeting.yaml').map((w) => [w.line, w.reason]), [[8, "'start_date' must be text or a number, got a mapping; ignored"]]);
    assert.ok(ids.includes('start-date-mapping'));
    assert.deepEqual(r.unusable.map((w) => w.file).sort(), ['alias-bomb-meeting.yaml', 'alias-typo-meeting.yaml', 'time-as-mapping-meeting.yaml'].map((f) => join(dir, f)));
  });

  it('loads every other test day beside an events file with a start as mapping and one whose talks are an unresolved alias', async () => {
    const clean = await loadTestDays([FIXTURE_EVENTS], []);
    const dir = withHostile(FIXTURE_EVENTS, 'events');
    const r = await loadTestDays([dir], []);
    assert.deepEqual(r.testDays.map((d) => d.title), clean.testDays.map((d) => d.title));
    const hostile = r.warnings.filter((w) => w.file === join(dir, 'Hostile-TestDays.yml'));
    assert.deepEqual(hostile.map((w) => [w.line, w.reason]).slice(0, 2), [
      [4, "'start' must be a time such as '2016-09-08 00:01 UTC', got a mapping; ignored"],
      [4, "talk 'Hostile Test Day' needs a title and start/end like '2016-09-08 00:01 UTC'; skipped"],
    ]);
    assert.deepEqual(r.unusable.map((w) => [w.file, w.line]), [[join(dir, 'Alias-TestDays.yml'), 2]]);
  });

  it('keeps a meeting file\'s last good reading when it breaks, and says so', async () => {
    const dir = temp('meetings');
    writeFileSync(join(dir, 'wren.yaml'), GOOD);
    const lastGood = new Map<string, Meeting>();
    assert.equal((await loadMeetings([dir], {}, lastGood)).meetings.length, 1);
    writeFileSync(join(dir, 'wren.yaml'), BROKEN);
    const r = await loadMeetings([dir], {}, lastGood);
    assert.deepEqual(r.meetings.map((m) => m.id), ['wren']);
    assert.match(r.warnings[0].reason, /Unresolved alias.*; the meeting's last good version is kept$/);
    assert.equal(r.unusable.length, 1);
  });

  it('serves a meeting file broken while the bot was down from its last good reading saved in the data directory', async () => {
    const dir = temp('meetings');
    const dataDir = temp('data');
    writeFileSync(join(dir, 'wren.yaml'), GOOD);
    const before = SavedSources.open(dataDir, 'meetings');
    await loadMeetings([dir], {}, new Map(), before);
    assert.equal(before.flush(), null);
    writeFileSync(join(dir, 'wren.yaml'), BROKEN);
    // A restart: nothing in memory, the saved reading only.
    const r = await loadMeetings([dir], {}, new Map(), SavedSources.open(dataDir, 'meetings'));
    assert.deepEqual(r.meetings.map((m) => m.id), ['wren']);
    assert.match(r.warnings[0].reason, /last good version is kept/);
  });

  it('serves an events file broken while the bot was down from its last good reading', async () => {
    const dir = temp('events');
    const dataDir = temp('data');
    const good = readFileSync(join(FIXTURE_EVENTS, '2016', 'RDO-TestDays.yml'), 'utf8');
    writeFileSync(join(dir, 'RDO-TestDays.yml'), good);
    const saved = SavedSources.open(dataDir, 'events');
    const first = await loadTestDays([dir], [], {}, new Map<string, TestDay[]>(), undefined, saved);
    saved.flush();
    writeFileSync(join(dir, 'RDO-TestDays.yml'), good.replace('talks:', 'talks: *talks\nother:'));
    const r = await loadTestDays([dir], [], {}, new Map<string, TestDay[]>(), undefined, SavedSources.open(dataDir, 'events'));
    assert.equal(r.testDays.length, first.testDays.length);
    assert.ok(first.testDays.length > 0);
    assert.match(r.warnings[0].reason, /its last good version \(\d+ test days\) is kept/);
  });

  it('starts with no saved readings when their file is damaged, and says so', () => {
    const dataDir = temp('data');
    const saved = SavedSources.open(dataDir, 'meetings');
    saved.set('/x.yaml', 'a: 1');
    saved.flush();
    writeFileSync(join(dataDir, 'last-good', 'meetings.json'), '{"version":1,"files":{"/x.yaml":{"toString":1}}}');
    const again = SavedSources.open(dataDir, 'meetings');
    assert.equal(again.get('/x.yaml'), undefined);
    assert.match(again.problem ?? '', /not a file of last good readings; ignored$/);
  });
});
