import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { addressing } from '../adapters/addressing.js';
import { createBot } from '../src/main/compose.js';
import type { Clock, Message } from '../src/core/types.js';

/**
 * One recorded meeting, in a process of its own so that its peak memory is its own (argv: lines, characters per chat
 * line). Prints one JSON line: per-line cost, #endmeeting time, resident memory before, after recording and at the
 * peak, and the files published. It goes through the bot's front door only (messages in, the reply and the files in
 * the data dir out), so it measures whatever the recorder and the minutes writers are at the time.
 */
const [lines, width] = process.argv.slice(2).map(Number);
const NICKS = ['mkowal', 'ateixeira', 'rsingh', 'lbianchi', 'ochen', 'dpark'];

let t = DateTime.fromISO('2026-12-02T14:00:00Z').toMillis();
const clock: Clock = { now: () => DateTime.fromMillis((t += 1_000), { zone: 'utc' }) };
const message = (room: string, nick: string, text: string): Message => ({ network: 'irc', room, isPrivate: false, user: { id: nick, name: nick, verified: false }, text, addressed: addressing(text, { prefix: '!', names: ['rdobot'] }, false), syntax: '!', time: new Date() });

/** A long chat line (a pasted log excerpt, a long explanation), `width` characters, different each time. */
const WORDS = 'the promotion pipeline failed again on the mirror sync job because the repository metadata was stale and the retry did not pick up the new hash so we need to look at https://review.example.org/c/12345 before the next run'.split(' ');
function chat(i: number): string {
  let s = `line ${i}:`;
  for (let k = i; s.length < width; k++) s += ` ${WORDS[k % WORDS.length]}`;
  return s.slice(0, width);
}
/** One line in five a MeetBot item, a topic every 100 lines, an action every 20. */
function meetingLine(i: number): string {
  if (i % 100 === 0) return `#topic topic ${i / 100}`;
  if (i % 20 === 5) return `#action ${NICKS[Math.floor(i / 20) % NICKS.length]}: follow up on item ${i}: ${chat(i).slice(0, width / 2)}`;
  if (i % 5 === 2) return `#info ${chat(i)}`;
  return chat(i);
}

const dataDir = mkdtempSync(join(tmpdir(), 'rdobot-bench-meeting-'));
const bot = await createBot({ archiveDirs: [], clock, rateLimits: false, dataDir, meetings: { clock } });
try {
  // Warm up the paths (JIT, prepared statements) in another room.
  await bot.handle(message('#warm', 'mkowal', '#startmeeting warm-up'));
  for (let i = 1; i < 200; i++) await bot.handle(message('#warm', NICKS[i % NICKS.length], meetingLine(i)));
  await bot.handle(message('#warm', 'mkowal', '#endmeeting'));
  global.gc?.();
  const before = process.memoryUsage().rss;
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  await bot.handle(message('#rdo', 'mkowal', '#startmeeting release meeting'));
  const started = performance.now();
  for (let i = 1; i < lines - 1; i++) await bot.handle(message('#rdo', NICKS[i % NICKS.length], meetingLine(i)));
  const perLineMs = (performance.now() - started) / (lines - 2);
  const recorded = process.memoryUsage().rss;
  const t0 = performance.now();
  const reply = await bot.handle(message('#rdo', 'mkowal', '#endmeeting'));
  const endMs = performance.now() - t0;
  if (!reply?.text.startsWith('Meeting ended')) throw new Error(`#endmeeting said: ${reply?.text}`);
  const peak = process.resourceUsage().maxRSS * 1024;
  const files: Record<string, number> = {};
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (/release-meeting|release_meeting/i.test(e.name)) files[e.name.replace(/^.*?\d{2}\.\d{2}\./, '')] = statSync(path).size;
    }
  };
  walk(bot.meetings.dir);
  console.log(JSON.stringify({ lines, width, perLineMs, endMs, beforeMb: before / 1048576, peakBeforeMb: peakBefore / 1048576, recordedMb: recorded / 1048576, peakMb: peak / 1048576, files }));
} finally {
  await bot.stop();
  bot.close();
  rmSync(dataDir, { recursive: true, force: true });
}
