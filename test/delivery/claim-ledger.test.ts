import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import type { HandoffResult } from '../../src/core/handoff.js';
import { CLAIMS_TABLE_V1, ClaimLedger, settle } from '../../src/delivery/claim-ledger.js';

function ledger(): ClaimLedger {
  const db = new DatabaseSync(':memory:');
  db.exec(CLAIMS_TABLE_V1);
  return new ClaimLedger(db);
}

const promise = { key: 'meeting:weekly@2026-12-02T15:00Z>irc:#rdo', target: 'irc:#rdo', due: 1000, note: null };
const oops = new Error('network gone');

describe('the claim ledger: one record and one outcome switch for every promised message', () => {
  it('lets a promise be claimed once, whoever asks again (a restart, a re-plan)', () => {
    const l = ledger();
    assert.equal(l.claim(promise.key, promise.target, 1, promise.due), true);
    assert.equal(l.claim(promise.key, promise.target, 2, promise.due), false);
    assert.equal(l.handled(promise.key), true);
    assert.deepEqual(l.unfinished().map((c) => c.key), [promise.key]);
  });

  const ENDS: [HandoffResult, string | undefined][] = [
    [{ outcome: 'sent' }, 'sent'],
    [{ outcome: 'failed', error: oops }, 'failed'],
    [{ outcome: 'skipped' }, 'claimed'],
  ];
  for (const [result, state] of ENDS) {
    it(`records a claimed hand-over that ended ${result.outcome} as ${state}`, () => {
      const l = ledger();
      l.claim(promise.key, promise.target, 1, promise.due);
      assert.equal(settle(l, promise, result, 2), result.outcome);
      assert.equal(l.rows()[0].state, state);
    });
  }

  it('records a hand-over refused before any claim (no adapter, a muted room) as failed, never to be sent', () => {
    const l = ledger();
    assert.equal(settle(l, promise, { outcome: 'refused', error: oops }, 2), 'refused');
    assert.deepEqual(l.rows().map((r) => ({ ...r })), [{ ...promise, state: 'failed' }]);
    assert.equal(l.claim(promise.key, promise.target, 3, promise.due), false);
  });

  it('leaves nothing for a hand-over aborted by a stop: it is due again at the next start', () => {
    const l = ledger();
    assert.equal(settle(l, promise, { outcome: 'aborted', error: oops }, 2), 'aborted');
    assert.deepEqual(l.rows(), []);
    assert.equal(l.claim(promise.key, promise.target, 3, promise.due), true);
  });

  it('keeps one post announced to two targets apart, and prunes only what was due long ago', () => {
    const l = ledger();
    assert.equal(l.claim('post-1', 'irc:#rdo', 1, null, 'A post'), true);
    assert.equal(l.claim('post-1', 'matrix:!room:example.org', 1, null, 'A post'), true);
    l.claim('old', 'irc:#rdo', 1, 10);
    l.prune(100);
    assert.deepEqual(l.rows().map((r) => `${r.key} ${r.target}`), ['post-1 irc:#rdo', 'post-1 matrix:!room:example.org']);
  });
});
