import { loadavg } from 'node:os';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { botEnv, CLI, firstAnswerMs, median, timedRun } from './bench-bots.js';
import { realShapedArchive } from './real-shaped.js';
import { report } from './stats.js';

const POSTS = 10_000;
const RUNS = 5;
const ASK = [CLI, 'ask', '!interview latest'];

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** A file changed less than two seconds ago is not cached yet (it could change again unseen): let them settle. */
async function settle(writtenAt: number): Promise<void> {
  const wait = writtenAt + 2100 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}

function oneShot(label: string, args: string[], env: NodeJS.ProcessEnv, target?: { ms: string; rss: string }): void {
  const runs = Array.from({ length: RUNS }, () => timedRun(args, env));
  const failed = runs.find((r) => r.status !== 0);
  if (failed) throw new Error(`${label}: exit ${failed.status}: ${failed.stderr.slice(-500)}`);
  report(`${label}: wall (median of ${RUNS})`, seconds(median(runs.map((r) => r.ms))), target?.ms);
  report(`${label}: peak RSS`, `${Math.max(...runs.map((r) => r.peakRssMb)).toFixed(0)} MB`, target?.rss);
  report(`${label}: CPU time (user + system, median)`, seconds(median(runs.map((r) => r.cpuMs))));
}

/**
 * Cold starts over 10,000 real-shaped posts (bench/real-shaped.ts: the corpus, or the fixtures, repeated with new dates
 * and slugs): `rdobot ask '!interview latest'` as a fresh process each time (Node's start included), building the
 * parsed-post cache and with it warm, and without it; and `rdobot run`'s first answer after start. The machine may be
 * shared: the load average is printed beside the figures.
 */
export async function main(): Promise<void> {
  const archive = realShapedArchive(POSTS);
  const root = mkdtempSync(join(tmpdir(), 'rdobot-bench-cold-'));
  try {
    report('archive', `${archive.count.toLocaleString('en')} real-shaped posts from the ${archive.kind}, ${(archive.bytes / 1048576).toFixed(0)} MB`);
    report('load average (1 min) before', loadavg()[0].toFixed(2));
    await settle(archive.writtenAt);
    const data = join(root, 'data');
    const env = botEnv({ RDOBOT_DATA_DIR: data });
    const askArgs = [...ASK, '--archive', archive.dir];

    // Each first run in a data directory of its own, so that each builds the cache from nothing.
    const builds = Array.from({ length: RUNS }, (_, i) => timedRun(askArgs, botEnv({ RDOBOT_DATA_DIR: join(root, `first-${i}`) })));
    const failed = builds.find((r) => r.status !== 0);
    if (failed) throw new Error(`first run: exit ${failed.status}: ${failed.stderr.slice(-500)}`);
    report(`one-shot: first run, building the cache (median of ${RUNS})`, seconds(median(builds.map((r) => r.ms))), '≤ 2.0 s');
    report('one-shot: first run: peak RSS', `${Math.max(...builds.map((r) => r.peakRssMb)).toFixed(0)} MB`);
    report('one-shot: first run: CPU time (user + system, median)', seconds(median(builds.map((r) => r.cpuMs))));
    // The machine may be shared: the figures mean little without the load they were taken under.
    report('load average (1 min) after the first runs', loadavg()[0].toFixed(2));
    timedRun(askArgs, env); // builds the cache the warm runs use
    oneShot('one-shot: warm cache', askArgs, env, { ms: '≤ 0.4 s', rss: '≤ 150 MB' });
    oneShot('one-shot: --no-cache', [...askArgs, '--no-cache'], env);

    // The service as `npm start` runs it, on the shell adapter: from the process's start to its first answer.
    const serviceData = join(root, 'service-data');
    const service = [process.execPath, '--max-old-space-size=384', CLI, 'run'];
    const serviceEnv = botEnv({ RDOBOT_ADAPTERS: 'shell', RDOBOT_ARCHIVE: archive.dir, RDOBOT_DATA_DIR: serviceData, HTTP_PORT: 'off' });
    const first = await firstAnswerMs(service, serviceEnv, '!interview latest');
    report('service: first answer, first start (no cache)', seconds(first.ms));
    const again = [];
    for (let i = 0; i < 3; i++) again.push((await firstAnswerMs(service, serviceEnv, '!interview latest')).ms);
    report('service: first answer, later starts (median of 3)', seconds(median(again)));
    const search = await firstAnswerMs(service, serviceEnv, '!post search neutron mitaka');
    report('service: first search after start (index built then)', seconds(search.ms));
    report('load average (1 min) after', loadavg()[0].toFixed(2));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
