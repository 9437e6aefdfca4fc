import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileDescriptorLimit } from '../../src/http/connections.js';
import { FIXTURE_POSTS } from '../helpers/bot.js';
import { CLI, PROJECT } from '../helpers/spawn-bot.js';
import { until } from '../helpers/wait.js';

/** The bot's open-file limit, and the idle connections held open against it (more than it has descriptors). */
const BOT_FDS = 4096;
const FLOOD = 5000;

function healthz(port: number, ms: number): Promise<{ status: number; posts: number }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/healthz', agent: false }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, posts: (JSON.parse(body) as { archive: { posts: number } }).archive.posts }));
    });
    req.setTimeout(ms, () => req.destroy(new Error(`/healthz did not answer within ${ms} ms`)));
    req.on('error', reject);
    req.end();
  });
}

describe('a flood of idle connections against a bot with 4,096 file descriptors', function () {
  this.timeout(60_000);
  let bot: ChildProcessWithoutNullStreams | undefined;
  const sockets: Socket[] = [];

  before(function () {
    // The flood is held by this process: it needs the descriptors for it, and prlimit to lower the bot's.
    if ((fileDescriptorLimit() ?? 0) < FLOOD + 1000 || spawnSync('prlimit', ['--version']).status !== 0) this.skip();
  });

  afterEach(() => {
    for (const s of sockets.splice(0)) s.destroy();
    if (bot && bot.exitCode === null) bot.kill('SIGKILL');
  });

  it('/healthz answers within seconds, a post written meanwhile is loaded, and the shell still answers', async () => {
    const archive = mkdtempSync(join(tmpdir(), 'rdobot-flood-posts-'));
    cpSync(FIXTURE_POSTS, archive, { recursive: true });
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(RDOBOT_|LOG_LEVEL|IRC_|SLACK_|MATRIX_|HTTP_)/.test(k)));
    bot = spawn('prlimit', [`--nofile=${BOT_FDS}`, '--', process.execPath, CLI, 'run'], {
      cwd: PROJECT,
      env: { ...env, RDOBOT_DATA_DIR: mkdtempSync(join(tmpdir(), 'rdobot-flood-data-')), RDOBOT_ARCHIVE: archive, RDOBOT_ADAPTERS: 'shell', HTTP_HOST: '127.0.0.1', HTTP_PORT: '0' },
    });
    let out = '';
    let err = '';
    bot.stdout.on('data', (d: Buffer) => (out += d.toString()));
    bot.stderr.on('data', (d: Buffer) => (err += d.toString()));
    let port = 0;
    await until(() => Boolean((port = Number(/HTTP endpoint on http:\/\/127\.0\.0\.1:(\d+)\//.exec(err)?.[1] ?? 0))), 20_000, `the HTTP endpoint (stderr: ${err.slice(-500)})`);
    let before = 0;
    await until(async () => (before = (await healthz(port, 2000)).posts) > 0, 20_000, 'the archive loaded');

    // More idle connections than the bot has descriptors, opened in batches and held.
    for (let i = 0; i < FLOOD; i += 500) {
      await Promise.all(
        Array.from({ length: 500 }, () =>
          new Promise<void>((resolve) => {
            const s = connect(port, '127.0.0.1', () => resolve());
            s.on('error', () => resolve());
            s.on('close', () => resolve());
            sockets.push(s);
          }),
        ),
      );
    }
    writeFileSync(
      join(archive, '2016-07-01-written-during-the-flood.html.md'),
      '---\ntitle: Written during the flood\nauthor: skumar\ndate: 2016-07-01 10:00:00 UTC\n---\n\nA post added while the HTTP side was flooded.\n',
    );
    bot.stdin.write('!help\n');

    const started = Date.now();
    const during = await healthz(port, 5000);
    const answeredMs = Date.now() - started;
    assert.equal(during.status, 200);
    assert.ok(answeredMs < 5000, `answered in ${answeredMs} ms`);
    await until(async () => (await healthz(port, 5000)).posts === before + 1, 20_000, 'the post written during the flood loaded');
    await until(() => out.length > 0, 10_000, 'an answer on the shell');
    assert.ok(!/EMFILE/.test(err), err.split('\n').find((l) => l.includes('EMFILE')));
  });
});
