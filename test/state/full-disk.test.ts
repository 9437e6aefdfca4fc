import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, node, ROOT, runWith, scrubbedEnv } from '../helpers/run-cli.js';

/** A real, tiny file system (tmpfs), so that "the disk is full" is the kernel's ENOSPC and not a simulation. */
function tinyDisk(): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'rdobot-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m,mode=0700', 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    return null;
  }
}

/** Fill the disk to the last byte. */
function fill(dir: string): void {
  try {
    writeFileSync(join(dir, 'filler'), Buffer.alloc(8 * 1024 * 1024));
  } catch {
    // ENOSPC: what was written stays, and the disk is full.
  }
}

const env = (dir: string) => ({ ...scrubbedEnv(), RDOBOT_DATA_DIR: dir, RDOBOT_CACHE: 'off', LOG_LEVEL: 'warn' });

describe('on a real full disk', function () {
  this.timeout(60_000);
  let disk: string | null = null;
  before(function () {
    disk = tinyDisk();
    if (!disk) this.skip(); // needs root and tmpfs (CI has both): `mount -t tmpfs` failed here
  });
  after(() => {
    if (disk) {
      execFileSync('umount', [disk], { stdio: 'ignore' });
      rmSync(disk, { recursive: true, force: true });
    }
  });

  it('refuses to start with one line naming the file and what to do, and leaves the state as it was', async () => {
    const dir = disk!;
    const first = await runWith(node, [CLI, 'run'], '!tz set Europe/Paris\n', env(dir));
    assert.match(first.stdout, /Your time zone is now Europe\/Paris/);
    fill(dir);
    const full = await runWith(node, [CLI, 'run'], '!tz set Asia/Tokyo\n', env(dir));
    assert.notEqual(full.code, 0);
    const lines = full.stderr.trim().split('\n');
    assert.equal(lines.length, 1, full.stderr);
    assert.match(lines[0], new RegExp(`^rdobot: ${dir.replace(/[/.]/g, '\\$&')}/[\\w.]+: the disk is full: free some space on ${dir.replace(/[/.]/g, '\\$&')} and restart`));
    rmSync(join(dir, 'filler'));
    const again = await runWith(node, [CLI, 'run'], '!tz\n', env(dir));
    assert.match(again.stdout, /Your time zone is Europe\/Paris/);
  });

  it('running when the disk fills: the answer says so, the log names the file in one line, the bot keeps answering', async () => {
    const dir = disk!;
    const child = spawn(node, [CLI, 'run'], { cwd: ROOT, env: env(dir) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const said = async (pattern: RegExp) => {
      for (let i = 0; i < 200 && !pattern.test(stdout); i++) await new Promise((r) => setTimeout(r, 50));
      assert.match(stdout, pattern);
    };
    try {
      child.stdin.write('!tz set Europe/Paris\n');
      await said(/Your time zone is now Europe\/Paris/);
      fill(dir);
      // Enough writes to need new pages of users.sqlite, whatever room its write-ahead log still had.
      for (let i = 0; i < 40; i++) child.stdin.write(`!remind me in ${i + 2} hours to check the disk ${'x'.repeat(200)}\n`);
      await said(/my storage has a problem/);
      child.stdin.write('!interview latest\n');
      await said(/What did you do in Flamingo\?/);
    } finally {
      child.stdin.end();
      await new Promise((r) => child.on('close', r));
      rmSync(join(dir, 'filler'), { force: true });
    }
    const problems = stderr.split('\n').filter((l) => /users\.sqlite/.test(l));
    assert.ok(problems.length >= 1, stderr);
    for (const l of problems) assert.match(l, /users\.sqlite: the disk is full: free some space/);
    assert.ok(!/\n\s+at /.test(stderr), 'no stack trace');
  });
});
