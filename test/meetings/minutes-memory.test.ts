import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bigMeeting, inCappedProcess } from '../../bench/minutes-memory.js';

/**
 * The minutes are written and served streaming: a 3,000-line meeting of 4,000-character lines (12 M characters; a
 * 26 MB log.html) is published and its log read by 5 slow readers in a process whose V8 heap is capped at 32 MB, less
 * than the log itself. (bench/minutes-memory.ts does the same at 10,000 lines and 40 readers.)
 */
describe('meetings: minutes of a big meeting in bounded memory', function () {
  this.timeout(120_000);
  it('publishes a meeting bigger than its heap and serves its log to slow readers, streaming', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rdobot-minutes-memory-'));
    try {
      bigMeeting(dataDir, 3_000, 4_000, 300);
      const r = inCappedProcess(dataDir, 32, 5);
      assert.ok(r.ok, r.ok ? '' : r.why);
      assert.equal(r.m.served, true, 'every reader got the whole log');
      assert.ok(Number(r.m.size) > 32 * 1048576 * 0.75, `the log (${r.m.size} bytes) is about as big as the heap`);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
