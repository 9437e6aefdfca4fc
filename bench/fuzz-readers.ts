import { READER_CHECKS, withBotStacks } from '../test/fuzz/readers.js';

/**
 * Issue 29's seeded run of 10,000 hostile files per source reader (front matter, post, meeting file, events file, feed,
 * .env, config; and 500 directory loads where one hostile file sits among the fixtures). `npm run bench -- fuzz-readers`;
 * RDOBOT_FUZZ_SEED replays a failure (fast-check prints its seed and path), RDOBOT_FUZZ_RUNS changes the count.
 */
const RUNS = 10_000;
const DIRECTORY_RUNS = 500;

export async function main(): Promise<void> {
  for (const reader of READER_CHECKS) {
    const runs = Number(process.env.RDOBOT_FUZZ_RUNS) || (reader.directory ? DIRECTORY_RUNS : RUNS);
    const started = performance.now();
    await withBotStacks(async () => reader.check(runs));
    const ms = performance.now() - started;
    console.log(`${reader.name}: ${runs} cases in ${(ms / 1000).toFixed(1)} s (${(ms / runs).toFixed(2)} ms each)`);
  }
}
