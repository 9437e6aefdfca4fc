import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURE_POSTS } from '../helpers/bot.js';
import { until } from '../helpers/wait.js';

const CHILD = fileURLToPath(new URL('./out-of-descriptors-child.js', import.meta.url));

describe('a post that could not be read for lack of file descriptors (issue 29)', function () {
  this.timeout(30_000);

  it('is read again until it loads, and said once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdobot-emfile-'));
    cpSync(FIXTURE_POSTS, dir, { recursive: true });
    // A real shortage: the child runs under a low descriptor limit and takes every one left.
    const child = spawn('bash', ['-c', `ulimit -n 128 && exec "${process.execPath}" "${CHILD}" "${dir}"`], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const lines = () => out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { ready?: string; upserted?: string[]; warnings?: string[] });
    try {
      await until(() => lines().some((l) => l.ready), 10_000, 'the child holding every descriptor');
      assert.equal(lines().find((l) => l.ready)!.ready, 'EMFILE');
      const file = join(dir, '2016-07-20-written-while-out-of-descriptors.html.md');
      writeFileSync(file, readFileSync(join(FIXTURE_POSTS, '2016-06-20-rdo-kestrel-released.html.md'), 'utf8').replace(/^title: .*$/m, 'title: "Written while out of descriptors"'));
      await until(() => lines().some((l) => l.warnings?.some((w) => /EMFILE/.test(w))), 10_000, 'the warning');
      // Retried meanwhile (after 0.5 s and 1 s), said once only.
      await new Promise((r) => setTimeout(r, 2000));
      child.stdin.write('release\n');
      await until(() => lines().some((l) => l.upserted?.includes(file)), 10_000, 'the post loaded');
      const said = lines().flatMap((l) => l.warnings ?? []);
      assert.deepEqual(said, ['cannot read it for lack of a resource (EMFILE); it is read again until it loads']);
    } finally {
      child.kill();
    }
  });
});
