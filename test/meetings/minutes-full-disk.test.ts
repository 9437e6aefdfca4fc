import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureBot, FIXTURE_POSTS, type TestBot } from '../helpers/bot.js';
import { fill, removeDisk, tinyDisk, unfill } from '../helpers/tiny-disk.js';
import { LINE_GAP_MS, MEETING_START, RUN_DEFINITIONS } from '../helpers/meeting-transcript.js';
import { TickingClock } from '../helpers/ticking-clock.js';
import { until } from '../helpers/wait.js';
import type { Reply } from '../../src/core/types.js';

/**
 * Issue 29's "disk full mid-meeting" (3 MB tmpfs): five #info lines and the chair's #endmeeting were silently dropped,
 * and after space returned #startmeeting answered "A meeting is already running here". On a real full tmpfs: every
 * line that cannot be recorded is answered, #endmeeting ends the meeting, and once there is space again the kept
 * lines are recorded, the minutes written (the room told where) and the next meeting starts.
 */
describe('meetings on a real full disk', function () {
  this.timeout(60_000);
  let disk: string | null = null;
  let t: TestBot;
  const said: string[] = [];
  const say = (nick: string, text: string) => t.ask(text, { network: 'irc', room: '#rdo', user: { id: nick, name: nick, verified: false } });

  before(async function () {
    disk = tinyDisk();
    if (!disk) this.skip(); // needs root and tmpfs (CI has both): `mount -t tmpfs` failed here
    const network = { adapters: () => [], deliver: async (target: string, reply: Reply) => void said.push(`${target} ${reply.text}`) };
    t = await fixtureBot({ archiveDirs: [FIXTURE_POSTS], meetingsDirs: [RUN_DEFINITIONS], dataDir: disk, publicUrl: 'https://bot.example.org/', meetings: { clock: new TickingClock(MEETING_START, LINE_GAP_MS) }, network });
  });
  after(() => {
    t?.bot.close();
    if (disk) removeDisk(disk);
  });

  it('answers every line it cannot record, ends the meeting at #endmeeting, and records it all when space returns', async () => {
    assert.match((await say('amoralej', '#startmeeting RDO meeting'))!.text, /^Meeting started/);
    assert.equal(await say('amoralej', '#info before the disk filled'), null, 'recorded without an acknowledgement, as MeetBot');
    fill(disk!);
    const answers: string[] = [];
    // Enough to need new pages of meetings.sqlite, whatever room its write-ahead log still had.
    for (let i = 0; i < 40; i++) answers.push((await say('jpena', `#info number ${i} while full ${'x'.repeat(3000)}`))?.text ?? '');
    const failedAt = answers.findIndex((a) => a.startsWith('I could not record that: storage problem'));
    assert.ok(failedAt >= 0, answers.map((a) => a.slice(0, 60)).join('\n'));
    assert.ok(answers.slice(failedAt).every((a) => a.startsWith('I could not record that: storage problem')), 'every later item is answered');
    const end = (await say('amoralej', '#endmeeting'))!.text;
    assert.match(end, /^Meeting ended .* I could not record that: storage problem/);
    assert.equal(t.bot.meetings.recorder.running('irc', '#rdo'), undefined, 'the meeting is over');
    assert.match((await say('amoralej', '#startmeeting next meeting'))!.text, /^I could not start the meeting: storage problem/);

    unfill(disk!);
    t.bot.meetings.retry();
    const row = t.bot.meetings.store.ended()[0];
    assert.equal(row.name, 'RDO meeting');
    assert.ok(row.base, 'the minutes are written');
    const minutes = readFileSync(join(disk!, 'meetings', `${row.base}.txt`), 'utf8');
    for (let i = 0; i < 40; i++) assert.ok(minutes.includes(`number ${i} while full`), `item ${i} is in the minutes`);
    assert.ok(existsSync(join(disk!, 'meetings', `${row.base}.log.html`)));
    await until(() => said.some((s) => s.startsWith('irc:#rdo The storage works again: Meeting ended') && s.includes(`Minutes: https://bot.example.org/meetings/${row.base}.html`)), 5000, 'the room to hear where the minutes are');
    assert.match((await say('amoralej', '#startmeeting next meeting'))!.text, /^Meeting started/);
  });
});
