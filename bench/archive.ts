import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { DateTime } from 'luxon';
import { addressing } from '../adapters/addressing.js';
import { createBot } from '../src/main/compose.js';
import { fixedClock } from '../src/core/router.js';
import { generatePostsApart } from './generate-posts.js';
import { mb, ms, percentile, report } from './stats.js';

const POSTS = 10_000;
const RUNS = 2_000;

/** Archive benchmark: load 10,000 generated posts, then time commands in-process. */
export async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rdobot-bench-'));
  try {
    generatePostsApart(dir, POSTS);
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    // No rate limits: the benchmark is one user asking thousands of times.
    const bot = await createBot({ archiveDirs: [dir], clock: fixedClock(DateTime.utc()), rateLimits: false });
    const loadMs = performance.now() - started;
    report(`archive: load ${POSTS} posts`, ms(loadMs), '< 1500 ms');
    report('archive: posts loaded / interviews', `${bot.archive.size} / ${bot.archive.all('interview').length}`);
    report('archive: RSS after load', mb(process.memoryUsage().rss));
    const indexStart = performance.now();
    bot.archive.search('warm up');
    report('archive: search index build (first search)', ms(performance.now() - indexStart));
    for (const command of ['!interview latest', '!interview list', '!post search neutron mitaka', '!post tag tempest', '!help']) {
      const samples: number[] = [];
      const message = { network: 'bench', room: '#rdo', isPrivate: false, user: { id: 'u', name: 'u', verified: true }, text: command, addressed: addressing(command, { prefix: '!', names: ['rdobot'] }, false), syntax: '!', time: new Date() };
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        await bot.handle(message);
        samples.push(performance.now() - t);
      }
      report(`latency ${command}`, `p50 ${ms(percentile(samples, 50))}  p99 ${ms(percentile(samples, 99))}`, command === '!interview latest' ? 'p99 < 2 ms' : undefined);
      if (process.env.BENCH_TRACE) {
        const u = process.memoryUsage();
        const h = getHeapStatistics();
        report(`  after ${command}`, `rss ${mb(u.rss)} heap ${mb(u.heapUsed)}/${mb(u.heapTotal)} malloced ${mb(h.malloced_memory)}`);
      }
    }
    const rss = process.memoryUsage().rss;
    report('archive: RSS after load and queries', mb(rss), '< 200 MB');
    report('archive: RSS growth from loading', mb(rss - rssBefore));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
