import { writeFileSync } from 'node:fs';

/**
 * Preloaded (`node --import`) into a process the benchmarks run, to learn its peak resident memory and CPU time: at
 * exit it writes them (KB, then µs of user + system time, every thread's) to BENCH_PEAK_RSS_FILE. Portable where
 * /usr/bin/time is not, and it measures the very process. CPU time says less about a busy machine than wall time.
 */
const file = process.env.BENCH_PEAK_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const use = process.resourceUsage();
    writeFileSync(file, `${use.maxRSS} ${use.userCPUTime + use.systemCPUTime}`);
  });
}
