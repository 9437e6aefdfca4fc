import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DateTime } from 'luxon';
import { createBot } from '../src/main/compose.js';
import { calendarText } from '../src/main/calendar.js';
import { fixedClock } from '../src/core/router.js';
import { HttpEndpoint } from '../src/http/server.js';
import { communitySite } from '../src/web/bot-site.js';
import { generatePostsApart } from './generate-posts.js';
import { ms, percentile, report } from './stats.js';

const POSTS = 10_000;
/** More meetings than the RDO community has (17 irc-meetings files in the corpus), with skip dates and video calls. */
const MEETINGS = 30;
const RUNS = 2_000;
const HTTP_RUNS = 1_000;
const NOW = DateTime.fromISO('2026-10-21T14:20:00Z', { zone: 'utc' });

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const FREQUENCIES = ['weekly', 'weekly', 'biweekly-odd', 'biweekly-even', 'first-thursday'];
const ZONES = ['UTC', 'UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata'];

function writeMeetings(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < MEETINGS; i++) {
    const zone = ZONES[i % ZONES.length];
    writeFileSync(
      join(dir, `team-${i}-meeting.yaml`),
      [
        `project: Team ${i} meeting`,
        `meeting_id: team-${i}`,
        `chair: Chair Person${i}`,
        `agenda_url: https://etherpad.example.org/p/team-${i}`,
        'schedule:',
        `  - time: '${String(8 + (i % 10)).padStart(2, '0')}00'`,
        `    day: ${DAYS[i % DAYS.length]}`,
        `    irc: team-${i}`,
        `    frequency: ${FREQUENCIES[i % FREQUENCIES.length]}`,
        ...(zone === 'UTC' ? [] : [`    timezone: ${zone}`]),
        '    location_overrides:',
        '      - when: first-of-month',
        `        location: video call at https://meet.example.org/team-${i}`,
        '    skip_dates:',
        '      - skip_date: 20261028',
        '        reason: Summit week',
        `description: The weekly sync of team ${i}, with status, reviews & open questions.`,
        '',
      ].join('\n'),
    );
  }
}

function timed(runs: number, f: () => void): number[] {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    samples.push(performance.now() - t);
  }
  return samples;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const p50p99 = (samples: number[]) => `p50 ${ms(percentile(samples, 50))}  p99 ${ms(percentile(samples, 99))}`;

/** Community page: serve time from in-memory data (in-process and over loopback HTTP), and bytes sent. */
export async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'rdobot-bench-page-'));
  try {
    generatePostsApart(join(root, 'posts'), POSTS);
    writeMeetings(join(root, 'meetings'));
    const bot = await createBot({ archiveDirs: [join(root, 'posts')], meetingsDirs: [join(root, 'meetings')], clock: fixedClock(NOW), rateLimits: false });
    const site = communitySite(bot);
    const get = (url: string) => site.respond({ url, host: '127.0.0.1:8080' })!;
    bot.archive.buildIndex();

    const home = get('/');
    const assets = [...home.body.matchAll(/(?:src|href)="(assets\/[^"]+)"/g)].map((m) => get(`/${m[1]}`).body);
    const total = [home.body, ...assets].reduce((n, b) => n + Buffer.byteLength(b), 0);
    const gzipped = [home.body, ...assets].reduce((n, b) => n + gzipSync(b).byteLength, 0);
    const events = [...home.body.matchAll(/<li class="event/g)].length;
    report(`page: data`, `${bot.archive.size} posts, ${MEETINGS} meetings (${events} events in two weeks)`);
    report('page: bytes of / and its assets', `${kb(Buffer.byteLength(home.body))} + ${kb(total - Buffer.byteLength(home.body))} = ${kb(total)} (gzip ${kb(gzipped)})`, '< 100 kB');

    for (const url of ['/', '/search?q=tempest+havana', '/api/meetings', '/api/posts']) {
      get(url);
      report(`page: serve ${url} in-process`, p50p99(timed(RUNS, () => get(url))), url === '/' ? 'p99 < 50 ms' : undefined);
    }

    const http = new HttpEndpoint(bot, { host: '127.0.0.1', port: 0, calendar: () => calendarText(bot), site });
    const port = await http.start();
    try {
      // A plain keep-alive client: the time measured is the server's, not a heavier client's.
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const fetchPage = () =>
        new Promise<void>((resolve, reject) => {
          request({ host: '127.0.0.1', port, path: '/', agent }, (res) => {
            res.on('data', () => {});
            res.on('end', resolve);
          })
            .on('error', reject)
            .end();
        });
      for (let i = 0; i < 50; i++) await fetchPage();
      const samples: number[] = [];
      for (let i = 0; i < HTTP_RUNS; i++) {
        const t = performance.now();
        await fetchPage();
        samples.push(performance.now() - t);
      }
      agent.destroy();
      report('page: GET / over loopback HTTP', p50p99(samples), 'p99 < 50 ms');
    } finally {
      await http.stop();
      await bot.stop();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
