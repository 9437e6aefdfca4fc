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

/** The service's child processes believe it is `at` when they start (see shifted-clock.ts): no waiting for it. */
const SHIFTED_CLOCK = `--import=${new URL('../helpers/shifted-clock.js', import.meta.url).href}`;
const startingAt = (at: DateTime) => ({ NODE_OPTIONS: SHIFTED_CLOCK, SHIFTED_CLOCK_AT: at.toISO()! });

describe('reminders across a crash of the service (kill -9)', function () {
  this.timeout(60_000);
  const running: RunningBot[] = [];
  afterEach(() => running.splice(0).forEach((b) => b.kill()));

  it('delivers each due reminder once: the one sent before the crash is not resent, the one due during it is sent after the restart', async () => {
    // Any minute will do: the bot's clock is set to just before it, where real time would have to be waited for.
    const start = DateTime.utc().startOf('minute').plus({ days: 1 });
    const { dir, config } = meetingsAt(start);
    const env = { RDOBOT_ADAPTERS: 'shell', RDOBOT_DATA_DIR: mkdtempSync(join(tmpdir(), 'rdobot-fault-data-')), RDOBOT_MEETINGS: dir, RDOBOT_CONFIG: config, LOG_LEVEL: 'info' };
    const early = /\[#rdo\] .*early-bird meeting/g;
    const onTime = /\[#rdo\] .*on-the-dot meeting/g;

    // Up a few seconds before the early reminder (a minute before the start) is due.
    const first = spawnBot({ ...env, ...startingAt(start.minus({ minutes: 1, seconds: 4 })) });
    running.push(first);
    await first.waitForLog(/^adapter started/, 20_000);
    await until(() => early.test(first.stdout()), 20_000, 'the early reminder');
    first.child.kill('SIGKILL');
    await first.exited;

    // Down over the meeting's start; back within the grace period.
    const second = spawnBot({ ...env, ...startingAt(start.plus({ seconds: 3 })) });
    running.push(second);
    await until(() => (second.stdout().match(onTime) ?? []).length === 1, 20_000, 'the on-time reminder after the restart');
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
