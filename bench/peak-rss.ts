import { writeFileSync } from 'node:fs';

/**
 * Preloaded (`node --import`) into a process the benchmarks run, to learn its peak resident memory: at exit it writes
 * it (KB) to BENCH_PEAK_RSS_FILE. Portable where /usr/bin/time is not, and it measures the very process.
 */
const file = process.env.BENCH_PEAK_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
