import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_POSTS } from '../../helpers/bot.js';
import { CLI, cleanEnv } from '../../helpers/run-cli.js';

const LINES = 5000;

describe('rdobot run with its output piped', () => {
  it('gives every answer to a reader that only starts reading late, then exits on its own', async function () {
    this.timeout(60_000);
    const data = mkdtempSync(join(tmpdir(), 'rdobot-piped-run-'));
    try {
      const child = spawn(process.execPath, [CLI, 'run'], {
        env: cleanEnv({ RDOBOT_ADAPTERS: 'shell', RDOBOT_ARCHIVE: FIXTURE_POSTS, RDOBOT_DATA_DIR: data, HTTP_PORT: 'off' }),
        stdio: ['pipe', 'pipe', 'ignore'],
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.stdin.end('!interview latest\n'.repeat(LINES));
      // Nothing is read for a while: the pipe fills and the bot has to wait for its reader.
      child.stdout.pause();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      let text = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => (text += chunk));
      child.stdout.resume();
      const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
      const code = await exited;
      clearTimeout(timer);
      await new Promise((resolve) => (child.stdout.readableEnded ? resolve(null) : child.stdout.on('end', resolve)));
      assert.equal(code, 0);
      assert.equal(text.match(/^Interview with Priya Raman/gm)?.length, LINES);
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  });
});
