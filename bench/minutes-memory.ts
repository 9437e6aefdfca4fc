import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { get, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MeetingStore } from '../src/meetings/store.js';
import { MINUTES_FORMATS } from '../src/meetings/layout.js';
import { publishMinutes } from '../src/meetings/publish.js';
import { MinutesSearch } from '../src/meetings/search.js';
import { MinutesSite } from '../src/web/minutes-site.js';
import { HttpEndpoint } from '../src/http/server.js';
import type { BotView } from '../src/web/bot-view.js';
import { report } from './stats.js';
import { silentLogger } from '../src/base/log.js';

/**
 * Memory of the minutes at their largest: a 10,000-line meeting of 4,000-character lines (possible on Slack and
 * Matrix) is published — six files streamed from the store — in a process whose V8 heap is capped at HEAP_MB, and its
 * 50 MB log.html is then read by 40 slow readers at once. Before streaming writers this meeting ran out of memory at
 * #endmeeting (384 MB heap), and MinutesSite read every file whole into a string per request.
 *
 * The bound: publishing and serving stay within a 64 MB heap, whatever the meeting's size (memory grows with the number
 * of items, which are at most 1,000 characters each, not with the log).
 */
export const HEAP_MB = 64;
const LINES = 10_000;
const LINE_CHARS = 4_000;
const ITEMS = 1_000;
const READERS = 40;
const CHILD = 'minutes-memory-child';

/** A meeting of `lines` lines of `chars` characters (every tenth an #info item), written straight to the store. */
export function bigMeeting(dataDir: string, lines = LINES, chars = LINE_CHARS, items = ITEMS): void {
  const store = MeetingStore.inDataDir(dataDir);
  const t0 = Date.UTC(2026, 11, 9, 15, 0, 0);
  const row = store.start({ network: 'slack', room: 'C0BIG', name: 'big meeting', started: t0, starter: 'alice', chairs: '["alice"]', definition: null, series: 'slack:C0BIG:big' });
  store.atomically(() => {
    for (let i = 1; i <= lines; i++) {
      const text = `line ${i} ${'lorem ipsum https://example.org/x?a=1&b=2 '.repeat(Math.ceil(chars / 42))}`.slice(0, chars);
      store.line(row.id, i, t0 + i * 100, `user${i % 7}`, `slack:U${i % 7}`, text);
      if (i % Math.max(1, Math.floor(lines / items)) === 0) store.item(row.id, t0 + i * 100, 'info', `user${i % 7}`, text.slice(0, 1_000));
    }
  });
  store.update(row.id, { ended: t0 + (lines + 1) * 100 });
  store.close();
}

/** In the capped child: publish, then serve the log to slow readers; prints one JSON line of measurements. */
async function child(dataDir: string, readers: number): Promise<void> {
  const store = MeetingStore.inDataDir(dataDir);
  const row = store.ended()[0];
  const dirs = { public: join(dataDir, 'meetings'), private: join(dataDir, 'meetings-private') };
  const t0 = performance.now();
  publishMinutes(store, store.meeting(row.id)!, dirs, 'https://bot.example.org/', true);
  const publishMs = performance.now() - t0;
  const publishRss = process.resourceUsage().maxRSS;
  const published = store.meeting(row.id)!;
  const site = new MinutesSite({ store, search: new MinutesSearch(store) }, dirs.public);
  const http = new HttpEndpoint({ logger: silentLogger() } as unknown as BotView, { host: '127.0.0.1', port: 0, site });
  const port = await http.start();
  const path = `/meetings/${published.base}.log.html`;
  // Each reader takes the first piece, then stops reading for a while (a slow client), then reads to the end.
  let peakHeap = 0;
  const sample = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 20);
  const bytes = await Promise.all(
    Array.from({ length: readers }, () =>
      new Promise<number>((resolve, reject) => {
        get({ host: '127.0.0.1', port, path }, (res: IncomingMessage) => {
          let n = 0;
          res.once('data', (c: Buffer) => {
            n += c.length;
            res.pause();
            setTimeout(() => res.resume(), 1_500);
          });
          res.on('data', (c: Buffer) => (n += c.length));
          res.on('end', () => resolve(n));
          res.on('error', reject);
        }).on('error', reject);
      }),
    ),
  );
  clearInterval(sample);
  await http.stop();
  store.close();
  const size = statSync(join(dirs.public, `${published.base}.log.html`)).size;
  console.log(JSON.stringify({ publishMs, publishRss, peakHeap, served: bytes.every((b) => b >= size), size, rss: process.resourceUsage().maxRSS }));
}

/** Run the child under a heap cap; its measurements, or why it failed. */
export function inCappedProcess(dataDir: string, heapMb: number, readers: number): { ok: true; m: Record<string, number | boolean> } | { ok: false; why: string } {
  const script = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, script, CHILD, dataDir, String(readers)], { encoding: 'utf8', timeout: 300_000, env: { ...process.env, NODE_OPTIONS: '' } });
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  if (r.status !== 0 || !line.startsWith('{')) return { ok: false, why: `exit ${r.status} ${r.signal ?? ''}: ${r.stderr.split('\n').filter((l) => /heap|memory|Error/.test(l)).slice(0, 3).join(' | ')}` };
  return { ok: true, m: JSON.parse(line) as Record<string, number | boolean> };
}

export async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rdobot-bench-minutes-'));
  try {
    const t0 = performance.now();
    bigMeeting(dataDir);
    report(`${LINES.toLocaleString('en')} × ${LINE_CHARS.toLocaleString('en')}-char meeting stored`, `${((performance.now() - t0) / 1000).toFixed(1)} s, meetings.sqlite ${(statSync(join(dataDir, 'meetings.sqlite')).size / 1048576).toFixed(0)} MB`);
    const r = inCappedProcess(dataDir, HEAP_MB, READERS);
    if (!r.ok) throw new Error(`publishing and serving within a ${HEAP_MB} MB heap failed: ${r.why}`);
    const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;
    report(`publish (6 files) within a ${HEAP_MB} MB heap`, `${(Number(r.m.publishMs) / 1000).toFixed(1)} s, peak RSS ${mb(Number(r.m.publishRss) * 1024)}`, 'completes');
    const base = MeetingStore.inDataDir(dataDir);
    const row = base.ended()[0];
    base.close();
    report('files', MINUTES_FORMATS.map((f) => `${f} ${mb(statSync(join(dataDir, 'meetings', `${row.base}.${f}`)).size)}`).join(', '));
    report(`${READERS} slow readers of the ${mb(Number(r.m.size))} log.html`, `all served whole: ${r.m.served}, peak heap ${mb(Number(r.m.peakHeap))}, peak RSS ${mb(Number(r.m.rss) * 1024)}`, `heap under ${HEAP_MB} MB`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[2] === CHILD) await child(process.argv[3]!, Number(process.argv[4] ?? READERS));
