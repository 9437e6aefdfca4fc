import assert from 'node:assert/strict';
import { NETWORKS } from '../../adapters/index.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import { run } from '../../src/main/run.js';
import { sourcesConfig } from '../../src/archive/sources/config.js';
import { checkTarget } from '../../adapters/targets.js';
import { reminderConfig } from '../../src/schedule/reminders/config.js';
import { digestConfig } from '../../src/schedule/reminders/digest.js';

function withFile(yaml: string, env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'rdobot-targets-'));
  writeFileSync(join(dir, 'rdobot.yml'), yaml);
  return loadConfig({ RDOBOT_CONFIG: 'rdobot.yml', ...env }, dir);
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Named from the list of networks, so a new network's entry leaves this test as it is. */
const MISSPELT = new RegExp(`'dicsord' is no network rdobot knows: ${escaped(NETWORKS.map((n) => n.name).join(', '))}\\), expected network:room such as irc:#rdo`);

describe('reminder, digest and announcement targets, checked at start against the list of networks', () => {
  it('takes a target on a known network, trimmed', () => {
    assert.equal(checkTarget(' irc:#rdo ', 'RDOBOT_REMINDER_TARGETS'), 'irc:#rdo');
    assert.equal(checkTarget('matrix:!room:example.org', 'digest.targets'), 'matrix:!room:example.org');
  });

  it('refuses a reminder target on a misspelt network, naming the setting', () => {
    assert.throws(() => reminderConfig({ RDOBOT_REMINDER_TARGETS: 'dicsord:#rdo' }, undefined), new RegExp(`^ConfigError: config error: RDOBOT_REMINDER_TARGETS: got 'dicsord:#rdo' \\(${MISSPELT.source}`));
    assert.throws(() => reminderConfig({}, { targets: ['dicsord:#rdo'] }, () => 3), /config error: line 3: reminders\.targets\.0: got 'dicsord:#rdo'/);
    assert.throws(() => reminderConfig({}, { targets: [{ target: 'dicsord:#rdo' }] }), /config error: reminders\.targets\.0\.target: got 'dicsord:#rdo'/);
  });

  it('refuses a digest target on a misspelt network, naming the setting', () => {
    assert.throws(() => digestConfig({ RDOBOT_DIGEST_TARGETS: 'irc:#rdo,dicsord:#rdo' }, undefined, 'UTC'), new RegExp(`config error: RDOBOT_DIGEST_TARGETS: got 'dicsord:#rdo' \\(${MISSPELT.source}`));
    assert.throws(() => digestConfig({}, { targets: ['dicsord:#rdo'] }, 'UTC', () => 5), /config error: line 5: digest\.targets: got 'dicsord:#rdo'/);
  });

  it('refuses an announcement target on a misspelt network, naming the setting', () => {
    assert.throws(() => sourcesConfig(withFile('', { RDOBOT_ANNOUNCE_POSTS: 'dicsord:#rdo' })), new RegExp(`config error: RDOBOT_ANNOUNCE_POSTS: got 'dicsord:#rdo' \\(${MISSPELT.source}`));
    assert.throws(() => sourcesConfig(withFile('announce:\n  interviews: ["dicsord:#rdo"]\n')), new RegExp(`line 2: announce\\.interviews\\.0: got 'dicsord:#rdo' \\(${MISSPELT.source}`));
  });

  it('stops `rdobot run` before anything starts, for each of the three settings', async () => {
    const umask = process.umask();
    try {
      for (const setting of ['RDOBOT_REMINDER_TARGETS', 'RDOBOT_DIGEST_TARGETS', 'RDOBOT_ANNOUNCE_POSTS']) {
        const dir = mkdtempSync(join(tmpdir(), 'rdobot-targets-run-'));
        const env = { RDOBOT_DATA_DIR: join(dir, 'data'), RDOBOT_ADAPTERS: 'irc', IRC_HOST: 'irc.example.org', IRC_CHANNELS: '#rdo', [setting]: 'dicsord:#rdo' };
        const io = { stdout: process.stdout, stderr: process.stderr, env, cwd: dir };
        await assert.rejects(run([], io), new RegExp(`config error: ${setting}: got 'dicsord:#rdo' \\(${MISSPELT.source}`));
      }
    } finally {
      process.umask(umask);
    }
  });
});
