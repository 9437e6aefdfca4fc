import { READER_CHECKS, withBotStacks } from './readers.js';

/**
 * The property suite over every source reader (test/fuzz/readers.ts), a few hundred seeded cases each so the suite
 * stays fast; `npm run bench -- fuzz-readers` runs 10,000 of each. A failure prints its seed and path: replay it with
 * RDOBOT_FUZZ_SEED (and RDOBOT_FUZZ_RUNS).
 */
const RUNS = 300;
const DIRECTORY_RUNS = 40;

describe('every source reader over hostile files (property-based, issue 29)', function () {
  // A shared machine: the bound on each case is in the checks; this one only stops a run that hangs.
  this.timeout(300_000);
  for (const reader of READER_CHECKS) {
    it(reader.name, () => withBotStacks(async () => reader.check(reader.directory ? DIRECTORY_RUNS : RUNS)));
  }
});
