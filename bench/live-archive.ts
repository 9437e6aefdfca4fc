import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Classifier } from '../src/archive/classify/classify.js';
import { DirectorySource } from '../src/archive/sources/directory-source.js';
import { LiveArchive } from '../src/archive/live-archive.js';
import { DEFAULT_PERMALINK } from '../src/archive/permalink.js';
import { generatePostsApart } from './generate-posts.js';
import { mb, ms, percentile, report } from './stats.js';

const POSTS = 10_000;
const QUERIES = ['neutron', 'packaging mitaka', 'tempest havana', 'person number42', 'documen', 'keystone icehouse ci'];

/** Live archive benchmark: full index build, one-file incremental update, search latency, memory. */
export async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rdobot-bench-live-'));
  try {
    generatePostsApart(dir, POSTS);
    const source = new DirectorySource(dir, { permalink: DEFAULT_PERMALINK, classifier: new Classifier() });
    const live = new LiveArchive([source]);
    await live.load();
    const t0 = performance.now();
    live.archive.buildIndex();
    report(`live: full search index of ${POSTS} posts`, ms(performance.now() - t0), '< 2000 ms');

    const updates: number[] = [];
    const name = (i: number) => `2010-01-01-bench-update-${i % 20}.html.md`;
    for (let i = 0; i < 300; i++) {
      writeFileSync(join(dir, name(i)), `---\ntitle: Updated post ${i} about neutron\nauthor: bench\ndate: 2030-01-01 10:00:00 UTC\ntags: bench\n---\n\nRevision ${i}.\n`);
      const t = performance.now();
      const update = await source.refreshFile(name(i));
      if (update) live.apply(update);
      live.archive.latest();
      updates.push(performance.now() - t);
    }
    report('live: one-file update (read, parse, index)', `p50 ${ms(percentile(updates, 50))}  p99 ${ms(percentile(updates, 99))}`, '< 20 ms');

    const searches: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const t = performance.now();
      live.archive.search(QUERIES[i % QUERIES.length]);
      searches.push(performance.now() - t);
    }
    report('live: search', `p50 ${ms(percentile(searches, 50))}  p99 ${ms(percentile(searches, 99))}`, 'p99 < 5 ms');
    report('live: RSS', mb(process.memoryUsage().rss));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
