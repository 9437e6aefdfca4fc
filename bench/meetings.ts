import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { addressing } from '../adapters/addressing.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { createBot, type Bot } from '../src/main/compose.js';
import type { Clock, Message } from '../src/core/types.js';
import { MINUTES_FORMATS } from '../src/meetings/layout.js';
import { percentile, report } from './stats.js';

/**
 * The meeting recorder's cost: what a channel line costs the bot when a meeting is recorded there (each line written to
 * node:sqlite in the data dir before the next is read) against the same line with no meeting, what a recorded
 * MeetBot item costs, how soon #endmeeting is answered after a burst of 300 #info lines, and how long #endmeeting takes to write the minutes and log of a 1,000-line meeting.
 */
const LINES = 5_000;
const MEETING_LINES = 1_000;
const ROUNDS = 5;

/** A clock that moves on 5 s per reading, as a meeting does. */
function ticking(): Clock {
  let t = DateTime.fromISO('2026-12-02T14:00:00Z').toMillis();
  return { now: () => DateTime.fromMillis((t += 5_000), { zone: 'utc' }) };
}

const message = (room: string, nick: string, text: string): Message => ({ network: 'irc', room, isPrivate: false, user: { id: nick, name: nick, verified: false }, text, addressed: addressing(text, { prefix: '!', names: ['rdobot'] }, false), syntax: '!', time: new Date() });
const NICKS = ['mkowal', 'ateixeira', 'rsingh', 'lbianchi', 'ochen', 'dpark'];
const chat = (i: number) => `line ${i}: the promotion pipeline looks better after the mirror sync, see https://example.org/${i}`;

async function timeLines(bot: Bot, room: string, count: number, text: (i: number) => string): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const m = message(room, NICKS[i % NICKS.length], text(i));
    const t0 = performance.now();
    await bot.handle(m);
    samples.push(performance.now() - t0);
  }
  return samples;
}

/** A realistic 1,000-line meeting: one line in five is a MeetBot item, a topic every 100 lines, an action every 20. */
function meetingLine(i: number): string {
  if (i % 100 === 0) return `#topic topic ${i / 100}`;
  if (i % 20 === 5) return `#action ${NICKS[(i / 20) % NICKS.length | 0]}: follow up on item ${i}`;
  if (i % 5 === 2) return `#info finding ${i} about the release`;
  return chat(i);
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Long lines: what a pasted log excerpt or a long explanation is on Matrix or Slack (IRC cuts near 450). */
const LONG_LINE = 400;
const BIG_MEETINGS = [1_000, 10_000];
/**
 * The memory bound held to: recording a meeting and publishing its minutes adds at most this much resident memory to
 * the bot, for a 10,000-line meeting of 400-character lines (4 MB of text): the recorder keeps lines in node:sqlite,
 * not in memory, and the minutes of the longest meeting fit in a few times its text.
 */
const MEMORY_BOUND_MB = 64;
const RUNNER = fileURLToPath(new URL('./meeting-run.js', import.meta.url));

interface BigMeeting {
  lines: number;
  perLineMs: number;
  endMs: number;
  beforeMb: number;
  peakBeforeMb: number;
  recordedMb: number;
  peakMb: number;
  files: Record<string, number>;
}

/** A meeting of `lines` long lines, recorded and ended in a process of its own (bench/meeting-run.ts). */
function bigMeeting(lines: number): BigMeeting {
  const r = spawnSync(process.execPath, ['--expose-gc', RUNNER, String(lines), String(LONG_LINE)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`meeting of ${lines} lines: ${r.stderr.slice(-800)}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as BigMeeting;
}

/** Cost per recorded line, #endmeeting's publishing time and the memory it takes, for 1,000 and 10,000 long lines. */
function bigMeetings(): void {
  report('load average (1 min)', loadavg()[0].toFixed(2));
  for (const lines of BIG_MEETINGS) {
    const m = bigMeeting(lines);
    const label = `${lines.toLocaleString('en')}-line meeting, ${LONG_LINE}-char lines`;
    const added = Math.max(m.peakMb, m.peakBeforeMb) - m.beforeMb;
    report(`${label}: per recorded line`, `${(m.perLineMs * 1000).toFixed(0)} µs`);
    report(`${label}: #endmeeting (publish)`, `${m.endMs.toFixed(0)} ms`, 'under 1 s');
    report(`${label}: memory`, `RSS ${m.beforeMb.toFixed(0)} MB before, ${m.recordedMb.toFixed(0)} MB recorded, peak ${m.peakMb.toFixed(0)} MB (+${added.toFixed(0)} MB)`, lines === 10_000 ? `≤ +${MEMORY_BOUND_MB} MB` : undefined);
    const files = Object.entries(m.files).map(([f, size]) => `${f} ${(size / 1024).toFixed(0)} KB`).join(', ');
    report(`${label}: files`, files || '(none found)');
  }
}

export async function main(): Promise<void> {
  bigMeetings();
  const dataDir = mkdtempSync(join(tmpdir(), 'rdobot-bench-meetings-'));
  const clock = ticking();
  const bot = await createBot({ archiveDirs: [], clock, rateLimits: false, dataDir, meetings: { clock } });
  try {
    // Warm up both paths (JIT, prepared statements).
    await timeLines(bot, '#quiet', 500, chat);
    await bot.handle(message('#warm', 'mkowal', '#startmeeting warm-up'));
    await timeLines(bot, '#warm', 500, chat);
    await bot.handle(message('#warm', 'mkowal', '#endmeeting'));

    const quiet: number[] = [];
    const recorded: number[] = [];
    const items: number[] = [];
    const ends: number[] = [];
    const afterBurst: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      // A burst of 300 #info lines, then #endmeeting: items are recorded silently, so nothing queues before the end.
      const burst = `#burst${r}`;
      await bot.handle(message(burst, 'mkowal', '#startmeeting burst'));
      let said = 0;
      for (let i = 0; i < 300; i++) if (await bot.handle(message(burst, NICKS[i % NICKS.length], `#info burst item ${i}`))) said++;
      if (said > 0) throw new Error(`${said} acknowledgements for a burst of #info`);
      const b0 = performance.now();
      await bot.handle(message(burst, 'mkowal', '#endmeeting'));
      afterBurst.push(performance.now() - b0);

      quiet.push(...(await timeLines(bot, '#quiet', LINES, chat)));
      const room = `#meeting${r}`;
      await bot.handle(message(room, 'mkowal', '#startmeeting bench meeting'));
      recorded.push(...(await timeLines(bot, room, LINES, chat)));
      items.push(...(await timeLines(bot, room, 1_000, (i) => `#info item ${i}`)));
      await bot.handle(message(room, 'mkowal', '#endmeeting'));

      const big = `#big${r}`;
      await bot.handle(message(big, 'mkowal', '#startmeeting release meeting'));
      for (let i = 1; i < MEETING_LINES - 1; i++) await bot.handle(message(big, NICKS[i % NICKS.length], meetingLine(i)));
      const t0 = performance.now();
      const reply = await bot.handle(message(big, 'mkowal', '#endmeeting'));
      ends.push(performance.now() - t0);
      if (!reply?.text.startsWith('Meeting ended')) throw new Error(`#endmeeting said: ${reply?.text}`);
    }
    const fmt = (xs: number[]) => `mean ${mean(xs).toFixed(3)} ms, p50 ${percentile(xs, 50).toFixed(3)} ms, p99 ${percentile(xs, 99).toFixed(3)} ms`;
    report('chat line, no meeting (per line)', fmt(quiet));
    report('chat line, meeting recorded (per line)', fmt(recorded));
    report('recording overhead per channel line (mean)', `${((mean(recorded) - mean(quiet)) * 1000).toFixed(1)} µs`);
    report('#info recorded (persisted before the next line, not acknowledged; per item)', fmt(items));
    report('#endmeeting after a burst of 300 #info (bot lines queued before it: 0)', `median ${percentile(afterBurst, 50).toFixed(1)} ms, max ${Math.max(...afterBurst).toFixed(1)} ms`, 'under 2 s');
    report(`#endmeeting, ${MEETING_LINES}-line meeting (6 files)`, `median ${percentile(ends, 50).toFixed(1)} ms, max ${Math.max(...ends).toFixed(1)} ms over ${ROUNDS} rounds`, 'under 1 s');
    const row = bot.meetings.store.ended()[0];
    const sizes = MINUTES_FORMATS.map((f) => `${f} ${(statSync(join(bot.meetings.dir, `${row.base}.${f}`)).size / 1024).toFixed(0)} KB`).join(', ');
    report('files of the 1,000-line meeting', sizes);
  } finally {
    await bot.stop();
    bot.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
