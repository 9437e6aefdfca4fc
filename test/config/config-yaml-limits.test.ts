import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../src/base/errors.js';
import { loadConfig } from '../../src/config/load.js';
import { aliasBomb } from '../fuzz/mutate.js';

/** The config file is the operator's: what it gets wrong stops the start, in one line naming the file (issue 29). */
function refusal(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'rdobot-config-'));
  writeFileSync(join(dir, 'rdobot.yml'), text);
  try {
    loadConfig({ RDOBOT_CONFIG: 'rdobot.yml' }, dir);
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.message;
  }
  assert.fail('the config was accepted');
}

describe('the config file with YAML limits', () => {
  it('refuses an alias bomb in one line, at once', () => {
    const message = refusal(`archive: [posts]\n${aliasBomb(8)}`);
    assert.match(message, /^config error: RDOBOT_CONFIG: .*rdobot\.yml: Excessive alias count/);
    assert.ok(!message.includes('\n'));
  });

  it('refuses an unresolved alias and nesting past 32 levels, naming the file and line', () => {
    assert.match(refusal('archive: *posts\n'), /^config error: RDOBOT_CONFIG: .*rdobot\.yml: Unresolved alias/);
    assert.match(refusal(`archive: [posts]\nmeetings: ${'['.repeat(80)}${']'.repeat(80)}\n`), /^config error: .*rdobot\.yml line 2: nested deeper than 32 levels$/);
  });
});
