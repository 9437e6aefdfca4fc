import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { CLI, spawnBot, type RunningBot } from '../helpers/spawn-bot.js';
import { until } from '../helpers/wait.js';
import { spawnSync } from 'node:child_process';

/** Two meetings starting at `start`: one reminded a minute before, one at the start. */
function meetingsAt(start: DateTime): { dir: string; config: string } {
  const root = mkdtempSync(join(tmpdir(), 'rdobot-fault-'));
  const dir = join(root, 'meetings');
  mkdirSync(dir);
  const day = start.toFormat('cccc');
  const time = start.toFormat('HHmm');
  for (const id of ['early-bird', 'on-the-dot']) {
    writeFileSync(
      join(dir, `${id}.yaml`),
      `project: ${id} meeting\nmeeting_id: ${id}\nchair: tester\nagenda_url: https://example.org/${id}\nschedule:\n  - time: '${time}'\n    day: ${day}\n    irc: rdo\n    frequency: weekly\ndescription: A test meeting.\n`,
    );
  }
  const config = join(root, 'rdobot.yml');
  writeFileSync(config, 'reminders:\n  targets: ["shell:#rdo"]\n  per_meeting:\n    early-bird: [1m]\n    on-the-dot: [0m]\n');
  return { dir, config };
}

describe('reminders across a crash of the service (kill -9)', function () {
  this.timeout(240_000);
  const running: RunningBot[] = [];
  afterEach(() => running.splice(0).forEach((b) => b.kill()));

  it('delivers each due reminder once: the one sent before the crash is not resent, the one due during it is sent after the restart', async () => {
    // The first minute boundary that leaves 20 s before the early reminder.
    const now = DateTime.utc();
    let start = now.startOf('minute').plus({ minutes: 2 });
    if (start.minus({ minutes: 1 }).diff(now).as('seconds') < 20) start = start.plus({ minutes: 1 });
    const { dir, config } = meetingsAt(start);
    const env = { RDOBOT_ADAPTERS: 'shell', RDOBOT_DATA_DIR: mkdtempSync(join(tmpdir(), 'rdobot-fault-data-')), RDOBOT_MEETINGS: dir, RDOBOT_CONFIG: config, LOG_LEVEL: 'info' };
    const early = /\[#rdo\] .*early-bird meeting/g;
    const onTime = /\[#rdo\] .*on-the-dot meeting/g;

    const first = spawnBot(env);
    running.push(first);
    await first.waitForLog(/^adapter started/);
    await until(() => early.test(first.stdout()), start.diff(DateTime.utc()).as('milliseconds') - 55_000 + 10_000, 'the early reminder');
    first.child.kill('SIGKILL');
    await first.exited;

    // Down over the meeting's start; back within the grace period.
    await until(() => DateTime.utc() > start.plus({ seconds: 3 }), 120_000, 'the meeting start');
    const second = spawnBot(env);
    running.push(second);
    await until(() => (second.stdout().match(onTime) ?? []).length === 1, 15_000, 'the on-time reminder after the restart');
    await new Promise((r) => setTimeout(r, 2000));
    const all = first.stdout() + second.stdout();
    assert.equal((all.match(early) ?? []).length, 1, 'early reminder exactly once');
    assert.equal((all.match(onTime) ?? []).length, 1, 'on-time reminder exactly once');
    assert.equal((first.stdout().match(onTime) ?? []).length, 0);
    second.child.kill('SIGTERM');
    assert.equal((await second.exited).code, 0);
  });
});

describe('calendar', () => {
  it('writes every meeting and test day as iCal with `rdobot calendar`', () => {
    const r = spawnSync(process.execPath, [CLI, 'calendar', '--now', '2026-11-25T12:00:00Z'], { encoding: 'utf8', env: { ...process.env, RDOBOT_CONFIG: '' } });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^BEGIN:VCALENDAR\r?\n/);
    assert.match(r.stdout, /SUMMARY:RDO Community Meeting/);
    assert.match(r.stdout, /SUMMARY:Gazpacho Milestone 2 Test Day/);
  });
});
