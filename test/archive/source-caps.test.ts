import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calendarText } from '../../src/main/calendar.js';
import { DirectorySource } from '../../src/archive/sources/directory-source.js';
import { Classifier, DEFAULT_CLASSIFY } from '../../src/archive/classify/classify.js';
import { FIXTURE_MEETINGS, FIXTURE_POSTS, fixtureBot } from '../helpers/bot.js';

const tmp = (name: string) => mkdtempSync(join(tmpdir(), `rdobot-${name}-`));

/** A meetings file with `n` weekly schedule entries. */
const manySchedules = (n: number) =>
  ['project: Many', 'meeting_id: many', 'schedule:', ...Array.from({ length: n }, (_, i) => `  - {time: '${String(i % 24).padStart(2, '0')}00', day: Monday, irc: rdo, frequency: weekly}`)].join('\n');

describe('caps on the sources, links leading out, and last good versions', function () {
  this.timeout(20_000);

  it('skips a post file over RDOBOT_POST_MAX_BYTES with a warning naming it; the rest loads', async () => {
    const dir = tmp('posts');
    for (const f of readdirSync(FIXTURE_POSTS)) copyFileSync(join(FIXTURE_POSTS, f), join(dir, f));
    const big = join(dir, '2016-05-01-huge.html.md');
    writeFileSync(big, `---\ntitle: Huge\nauthor: a\ndate: 2016-05-01 10:00 UTC\n---\n${'word '.repeat(60_000)}`);
    const t = await fixtureBot({ archiveDirs: [dir], sourceLimits: { postMaxBytes: 100_000 } });
    assert.equal(t.bot.archive.size, 16);
    const w = t.bot.warnings.find((x) => x.file === big);
    assert.match(w!.reason, /^300\d\d\d bytes, over the limit of 100000 bytes \(RDOBOT_POST_MAX_BYTES\); skipped$/);
  });

  it('skips a symlinked post leading outside the archive, unless RDOBOT_ALLOW_OUTSIDE_LINKS allows it', async () => {
    const dir = tmp('posts');
    const secret = join(tmp('secret'), 'secret.html.md');
    writeFileSync(secret, '---\ntitle: The secret\nauthor: a\ndate: 2016-07-01 10:00 UTC\n---\nsecret text\n');
    copyFileSync(join(FIXTURE_POSTS, readdirSync(FIXTURE_POSTS).find((f) => f.endsWith('.md'))!), join(dir, 'ok.html.md'));
    symlinkSync(secret, join(dir, '2016-07-01-secret.html.md'));
    const t = await fixtureBot({ archiveDirs: [dir] });
    assert.ok(!t.bot.archive.all().some((p) => p.title === 'The secret'));
    assert.match(t.bot.warnings.find((w) => w.file.endsWith('secret.html.md'))!.reason, /^leads outside its directory \(a symlink\?\); skipped/);
    const allowed = await fixtureBot({ archiveDirs: [dir], sourceLimits: { allowOutsideLinks: true } });
    assert.ok(allowed.bot.archive.all().some((p) => p.title === 'The secret'));
  });

  it('skips a link leading out that arrives later (a git pull, a watched directory), reading nothing through it', async () => {
    const dir = tmp('posts');
    const secret = join(tmp('secret'), 'secret.html.md');
    writeFileSync(secret, '---\ntitle: The secret\nauthor: a\ndate: 2016-07-01 10:00 UTC\n---\nsecret text\n');
    const source = new DirectorySource(dir, { classifier: new Classifier(DEFAULT_CLASSIFY), permalink: { baseUrl: 'https://x.example', pattern: '/blog/:year/:month/:slug/' } });
    await source.load();
    symlinkSync(secret, join(dir, '2016-07-01-secret.html.md'));
    const update = (await source.refreshFile('2016-07-01-secret.html.md'))!;
    assert.deepEqual(update.upserted, []);
    assert.match(update.warnings[0].reason, /^leads outside its directory/);
  });

  it('skips meeting and events files that are links leading out', async () => {
    const meetings = tmp('meetings');
    const outside = join(tmp('elsewhere'), 'm.yaml');
    writeFileSync(outside, manySchedules(1));
    symlinkSync(outside, join(meetings, 'linked.yaml'));
    const t = await fixtureBot({ archiveDirs: [], meetingsDirs: [meetings], eventsDirs: [] });
    assert.equal(t.bot.schedule.meetings.length, 0);
    assert.match(t.bot.schedule.warnings[0].reason, /^leads outside its directory/);
  });

  it('uses the first RDOBOT_MEETING_MAX_SCHEDULES entries of a meeting, naming file and line, and the other meetings load', async () => {
    const meetings = tmp('meetings');
    for (const f of readdirSync(FIXTURE_MEETINGS)) copyFileSync(join(FIXTURE_MEETINGS, f), join(meetings, f));
    writeFileSync(join(meetings, 'many.yaml'), manySchedules(10_000));
    const t = await fixtureBot({ archiveDirs: [], meetingsDirs: [meetings], eventsDirs: [], sourceLimits: { definitionMaxBytes: 10 * 1024 * 1024 } });
    const many = t.bot.schedule.meetings.find((m) => m.id === 'many')!;
    assert.equal(many.schedules.length, 50);
    assert.equal(t.bot.schedule.meetings.length, 5);
    const w = t.bot.schedule.warnings.find((x) => /schedule entries/.test(x.reason))!;
    assert.equal(w.reason, "meeting 'Many' has 10000 schedule entries; the first 50 are used (RDOBOT_MEETING_MAX_SCHEDULES)");
    assert.equal(w.line, 54);
    assert.ok(w.file.endsWith('many.yaml'));
  });

  it('skips a meeting file over RDOBOT_DEFINITION_MAX_BYTES, and caps the talks of an events file', async () => {
    const meetings = tmp('meetings');
    const events = tmp('events');
    writeFileSync(join(meetings, 'many.yaml'), manySchedules(20_000));
    writeFileSync(join(events, 'days.yml'), ['talks:', ...Array.from({ length: 30 }, (_, i) => `- {title: Test Day ${i}, start: 2026-12-${String(i + 1).padStart(2, '0')} 00:00 UTC, end: 2026-12-${String(i + 1).padStart(2, '0')} 23:00 UTC}`)].join('\n'));
    const t = await fixtureBot({ archiveDirs: [], meetingsDirs: [meetings], eventsDirs: [events], sourceLimits: { eventsMaxTalks: 10 } });
    assert.match(t.bot.schedule.warnings.find((w) => w.file.endsWith('many.yaml'))!.reason, /^\d+ bytes, over the limit of 1 MB \(RDOBOT_DEFINITION_MAX_BYTES\); skipped$/);
    assert.equal(t.bot.schedule.meetings.length, 0);
    assert.equal(t.bot.schedule.testDays.length, 10);
    const w = t.bot.schedule.warnings.find((x) => x.file.endsWith('days.yml'))!;
    assert.equal(w.reason, '30 talks; the first 10 are used (RDOBOT_EVENTS_MAX_TALKS)');
    assert.equal(w.line, 12);
  });

  it('keeps the last good version of a meeting or events file that breaks, and says so', async () => {
    const meetings = tmp('meetings');
    const events = tmp('events');
    writeFileSync(join(meetings, 'one.yaml'), manySchedules(1));
    writeFileSync(join(events, 'days.yml'), 'talks:\n- {title: Test Day, start: 2026-12-01 00:00 UTC, end: 2026-12-01 23:00 UTC}\n');
    const t = await fixtureBot({ archiveDirs: [], meetingsDirs: [meetings], eventsDirs: [events] });
    assert.equal(t.bot.schedule.meetings.length, 1);
    writeFileSync(join(meetings, 'one.yaml'), 'project: Many\nschedule:\n  - {time: "1400", day: Mon'); // truncated mid-save
    writeFileSync(join(events, 'days.yml'), 'talks: [\n');
    await t.bot.loadSchedule();
    assert.deepEqual(t.bot.schedule.meetings.map((m) => m.id), ['many']);
    assert.equal(t.bot.schedule.testDays.length, 1);
    assert.match(t.bot.schedule.warnings.find((w) => w.file.endsWith('one.yaml'))!.reason, /^not valid YAML: .*; the meeting's last good version is kept$/);
    assert.match(t.bot.schedule.warnings.find((w) => w.file.endsWith('days.yml'))!.reason, /^not valid YAML: .*; its last good version \(1 test days\) is kept$/);
  });

  it('builds /calendar.ics once per schedule, not per request', async () => {
    const t = await fixtureBot();
    const first = calendarText(t.bot);
    assert.equal(calendarText(t.bot), first, 'the same text');
    assert.ok(calendarText(t.bot) === first);
    await t.bot.loadSchedule();
    assert.equal(calendarText(t.bot), first, 'rebuilt after a reload: same sources, same text');
  });
});
