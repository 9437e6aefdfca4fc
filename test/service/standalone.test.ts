import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { FIXTURE_MEETINGS, FIXTURE_POSTS } from '../helpers/bot.js';
import { CLI, cleanEnv, node, ROOT, run } from '../helpers/run-cli.js';
import { until } from '../helpers/wait.js';

const SAMPLE_NOTICE = /serving the built-in sample archive/;

describe('the built-in samples are a default only when nothing is configured', () => {
  it('serves the samples when nothing is configured, and says so at start and in !about', async () => {
    const r = await run(node, [CLI, 'ask', '!about']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /It is serving the built-in sample archive \(examples\/\); set RDOBOT_ARCHIVE/);
    assert.equal(r.stderr.match(new RegExp(SAMPLE_NOTICE, 'g'))?.length, 1, r.stderr);
  });

  it('rdobot ask: an --archive flag or RDOBOT_MEETINGS alone keeps every sample out', async () => {
    const byFlag = await run(node, [CLI, 'ask', '!meeting list', '--archive', FIXTURE_POSTS]);
    assert.doesNotMatch(byFlag.stdout + byFlag.stderr, /RDO Community Meeting|Flamingo|example\.org/);
    assert.doesNotMatch(byFlag.stderr, SAMPLE_NOTICE);
    const byEnv = await run(node, [CLI, 'ask', '!testday list'], '', { RDOBOT_MEETINGS: FIXTURE_MEETINGS });
    assert.doesNotMatch(byEnv.stdout + byEnv.stderr, /Flamingo|Gazpacho/);
    const about = await run(node, [CLI, 'ask', '!about'], '', { RDOBOT_MEETINGS: FIXTURE_MEETINGS });
    assert.match(about.stdout, /It knows 0 posts, 0 interviews, 4 meetings, 0 test days, 0 doc days\./);
    assert.doesNotMatch(about.stdout + about.stderr, SAMPLE_NOTICE);
  });

  it('rdobot calendar with RDOBOT_MEETINGS has the configured meetings and no sample test day or meeting', async () => {
    const r = await run(node, [CLI, 'calendar', '--now', '2026-11-25T12:00:00Z'], '', { RDOBOT_MEETINGS: FIXTURE_MEETINGS });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /SUMMARY:Gantry Team Meeting/);
    assert.doesNotMatch(r.stdout, /Flamingo|RDO Community Meeting|example\.org\/rdo/);
  });

  it('a config file counts as configuration: its archive is served and no sample fills in the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdobot-conf-'));
    const file = join(dir, 'rdobot.yml');
    writeFileSync(file, `archive: ${JSON.stringify(FIXTURE_POSTS)}\n`);
    const r = await run(node, [CLI, 'ask', '!about'], '', { RDOBOT_CONFIG: file });
    assert.match(r.stdout, /It knows 16 posts, 5 interviews, 0 meetings, 1 test days?, 0 doc days\./);
  });

  it('rdobot run with RDOBOT_ARCHIVE answers from it alone', async () => {
    const r = await run('npm', ['start', '--silent'], '!meeting list\n!about\n', { RDOBOT_ARCHIVE: FIXTURE_POSTS });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /16 posts, 5 interviews, 0 meetings, 1 test days?/);
    assert.doesNotMatch(r.stdout + r.stderr, /RDO Community Meeting|Flamingo|sample archive/);
  });
});

/** Every process below `pid` (children, grandchildren …), read from /proc. */
function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended while we looked
    }
  }
  const found: number[] = [];
  const walk = (p: number) => {
    for (const [child, ppid] of parent) if (ppid === p) (found.push(child), walk(child));
  };
  walk(pid);
  return found;
}

const alive = (pid: number) => existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));

describe('npm start under a process manager', () => {
  it('passes SIGTERM sent to npm on to the bot, which stops gracefully within 10 s and leaves no process behind', async function () {
    if (!existsSync('/proc/self/stat')) this.skip();
    this.timeout(30_000);
    const npm = spawn('npm', ['start', '--silent'], { cwd: ROOT, env: cleanEnv({ RDOBOT_ARCHIVE: FIXTURE_POSTS, LOG_LEVEL: 'info' }), stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    npm.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    npm.stdout.resume();
    const exited = new Promise<number | null>((resolve) => npm.on('exit', (code) => resolve(code)));
    try {
      await until(() => stderr.includes('schedule loaded'), 15_000, 'the bot to start');
      const tree = descendants(npm.pid!);
      assert.ok(tree.length > 0, 'the bot runs under npm');
      const started = Date.now();
      npm.kill('SIGTERM');
      await exited;
      await until(() => tree.every((pid) => !alive(pid)), 10_000, 'every process of the bot to end');
      assert.ok(Date.now() - started < 10_000);
      assert.match(stderr, /"why":"SIGTERM".*shutting down/);
      assert.match(stderr, /"msg":"stopped"/);
    } finally {
      npm.kill('SIGKILL');
      npm.stdin.end();
    }
  });
});

/** A Node older than 22 on the PATH (the system's), if there is one. */
function olderNode(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'node');
    if (dir.includes('node_modules') || !existsSync(candidate)) continue;
    const version = spawnSync(candidate, ['--version'], { encoding: 'utf8' }).stdout?.trim();
    if (version && Number(version.slice(1).split('.')[0]) < 22) return candidate;
  }
  return undefined;
}

describe('started with an older Node', () => {
  it('says in one line which Node is needed and how to get it, and exits 2', async function () {
    const old = olderNode();
    if (!old) return this.skip(); // no Node older than 22 on this machine's PATH
    const r = await run(old, [CLI, 'ask', '!help']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^rdobot: needs Node\.js 22 or newer, this is Node\.js 2\d\.\d+\.\d+\. Run it through the project \(npm start, or npx rdobot …\)/);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.equal(r.stdout, '');
  });
});
