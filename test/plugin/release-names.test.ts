import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CLI, cleanEnv, node, ROOT, runWith } from '../helpers/run-cli.js';

const exec = promisify(execFile);
const EXAMPLE = join(ROOT, 'examples/plugins/release-names');

describe('examples/plugins/release-names, installed the way a user installs it', function () {
  this.timeout(60_000);
  let pluginDir: string;

  before(async () => {
    // npm pack, then npm install of the tarball into a folder outside the repository, offline: the plugin has no
    // dependencies, so nothing is fetched.
    const work = mkdtempSync(join(tmpdir(), 'rdobot-release-names-'));
    const npmEnv = { ...process.env, npm_config_cache: join(work, 'npm-cache'), npm_config_update_notifier: 'false' };
    mkdirSync(join(work, 'packed'));
    await exec('npm', ['pack', EXAMPLE, '--pack-destination', join(work, 'packed')], { cwd: work, env: npmEnv });
    const [tarball] = readdirSync(join(work, 'packed'));
    pluginDir = join(work, 'plugins');
    mkdirSync(pluginDir);
    await exec('npm', ['install', '--offline', '--no-audit', '--no-fund', join(work, 'packed', tarball)], { cwd: pluginDir, env: npmEnv });
  });

  const ask = (line: string, env: Record<string, string> = {}) =>
    runWith(node, [CLI, 'ask', line, '--now', '2026-11-25T12:00:00Z'], '', cleanEnv({ RDOBOT_PLUGIN_DIR: pluginDir, RDOBOT_PLUGINS: 'rdobot-plugin-release-names', ...env }));

  it('answers !release caracal from the installed package', async () => {
    const r = await ask('!release caracal');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Caracal is 2024\.1, released 2024-04-03/);
    assert.doesNotMatch(r.stderr, /not loaded/);
  });

  it('answers a version with its name, and lists the releases', async () => {
    assert.match((await ask('!release 2023.2')).stdout, /^2023\.2 is Bobcat, released 2023-10-04\./);
    const list = await ask('!release list');
    assert.match(list.stdout, /Flamingo 2025\.2/);
    assert.match(list.stdout, /Austin 2010\.1/);
  });

  it('takes its settings from the environment', async () => {
    const r = await ask('!release gazpacho', { RDOBOT_PLUGIN_RELEASE_NAMES_MORE: 'gazpacho:2026.1:2026-04-01' });
    assert.match(r.stdout, /^Gazpacho is 2026\.1, released 2026-04-01/);
  });

  it('answers a plain question with it', async () => {
    const r = await ask('which openstack release is 2024.1?');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /2024\.1 is Caracal/);
  });

  it('is named by its package when it is not installed where RDOBOT_PLUGIN_DIR says', async () => {
    const r = await ask('!interview latest', { RDOBOT_PLUGIN_DIR: mkdtempSync(join(tmpdir(), 'rdobot-empty-')) });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /plugin rdobot-plugin-release-names not loaded: no package rdobot-plugin-release-names installed/);
  });
});
