import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { botEnv, CLI, median, timedRun } from './bench-bots.js';
import { dominating } from './profile-summary.js';
import { ARCHIVES_DIR, realShapedArchive, removeArchives } from './real-shaped.js';
import { report } from './stats.js';

/**
 * How cost grows with the archive: for 1,000, 10,000 and 100,000 real-shaped posts (BENCH_GROWTH_SIZES to choose),
 * the first and warm one-shot `rdobot ask '!interview latest'` (whole process, Node's start included), peak memory and
 * memory per post, `!post search` and page `/` p50/p99, and what dominates the warm start (from a CPU profile).
 * Prints a markdown table for docs/benchmarks.md. Archives are written once under ARCHIVES_DIR and reused by later
 * runs; BENCH_CLEAN=1 removes them at the end.
 */
const SIZES = (process.env.BENCH_GROWTH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const ASK = [CLI, 'ask', '!interview latest'];
const PROBE = fileURLToPath(new URL('./growth-probe.js', import.meta.url));
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Runs of a command, each checked; their median time and highest peak RSS. */
function runs(count: number, args: string[], env: (i: number) => NodeJS.ProcessEnv, okStatus = [0]) {
  const all = Array.from({ length: count }, (_, i) => timedRun(args, env(i)));
  const failed = all.find((r) => !okStatus.includes(r.status ?? -1));
  if (failed) throw new Error(`exit ${failed.status}: ${failed.stderr.slice(-500)}`);
  return { ms: median(all.map((r) => r.ms)), cpu: median(all.map((r) => r.cpuMs)), rss: Math.max(...all.map((r) => r.peakRssMb)) };
}

export async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'rdobot-bench-growth-'));
  const rows: string[] = [];
  try {
    const empty = join(work, 'empty');
    mkdirSync(empty);
    // No interview to give: exit 1, "There is no interview post in the archive yet".
    const base = runs(3, [...ASK, '--archive', empty], () => botEnv({ RDOBOT_DATA_DIR: join(work, 'empty-data') }), [1]);
    report('growth: empty archive, one-shot', `${s(base.ms)}, ${base.rss.toFixed(0)} MB`);
    for (const size of SIZES) {
      const archive = realShapedArchive(size);
      // The post cache trusts a file two seconds after its last change.
      const wait = archive.writtenAt + 2100 - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const askArgs = [...ASK, '--archive', archive.dir];
      const firsts = size >= 100_000 ? 1 : 3;
      const first = runs(firsts, askArgs, (i) => botEnv({ RDOBOT_DATA_DIR: join(work, `${size}-first-${i}`) }));
      const data = join(work, `${size}-data`);
      const env = botEnv({ RDOBOT_DATA_DIR: data });
      runs(1, askArgs, () => env);
      const warm = runs(3, askArgs, () => env);
      const prof = join(work, `${size}-profile`);
      runs(1, ['--cpu-prof', `--cpu-prof-dir=${prof}`, ...askArgs], () => env);
      const probe = spawnSync(process.execPath, ['--max-old-space-size=4096', PROBE, archive.dir, join(data, 'cache', 'posts.sqlite')], { encoding: 'utf8', env: botEnv({}), maxBuffer: 1 << 24 });
      if (probe.status !== 0) throw new Error(`probe: ${probe.stderr.slice(-800)}`);
      const p = JSON.parse(probe.stdout.trim().split('\n').at(-1)!) as { indexMs: number; search50: number; search99: number; page50: number; page99: number; rssMb: number };
      const perPost = ((warm.rss - base.rss) * 1024) / size;
      const what = dominating(prof);
      const load = loadavg()[0].toFixed(1);
      report(`growth: ${size.toLocaleString('en')} posts (${archive.kind}, ${(archive.bytes / 1048576).toFixed(0)} MB)`, '');
      report('  first run (cache built)', `${s(first.ms)}${firsts > 1 ? ` (median of ${firsts})` : ''}, ${s(first.cpu)} CPU, peak ${first.rss.toFixed(0)} MB`, size === 10_000 ? '≤ 2.0 s' : undefined);
      report('  warm run', `${s(warm.ms)} (median of 3), ${s(warm.cpu)} CPU, peak ${warm.rss.toFixed(0)} MB`, size === 10_000 ? '≤ 0.4 s, ≤ 150 MB' : size === 100_000 ? '< 2 s' : undefined);
      report('  memory per post (warm, over an empty archive)', `${perPost.toFixed(1)} KB`);
      report('  !post search p50 / p99', `${p.search50} / ${p.search99} ms (index built in ${p.indexMs} ms)`, size === 100_000 ? 'p99 < 50 ms' : undefined);
      report('  page / p50 / p99', `${p.page50} / ${p.page99} ms`);
      report('  warm run dominated by', what);
      report('  load average (1 min)', load);
      rows.push(`| ${size.toLocaleString('en')} | ${s(first.ms)} (${s(first.cpu)} CPU) / ${first.rss.toFixed(0)} MB | ${s(warm.ms)} (${s(warm.cpu)} CPU) / ${warm.rss.toFixed(0)} MB | ${perPost.toFixed(1)} KB | ${p.search50} / ${p.search99} ms | ${p.page50} / ${p.page99} ms | ${what} | ${load} |`);
    }
    console.log('\n| posts | first run (CPU) / peak | warm run (CPU) / peak | memory per post | `!post search` p50 / p99 | page `/` p50 / p99 | warm run dominated by | load avg |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const row of rows) console.log(row);
  } finally {
    rmSync(work, { recursive: true, force: true });
    if (process.env.BENCH_CLEAN === '1') removeArchives();
    else console.log(`\n(archives kept for the next run in ${ARCHIVES_DIR}; BENCH_CLEAN=1 removes them)`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
