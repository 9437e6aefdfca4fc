import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { connectionCap, fileDescriptorLimit } from '../../src/http/connections.js';
import { HttpEndpoint } from '../../src/http/server.js';
import { fixtureBot } from '../helpers/bot.js';

const LIMITS = `Limit                     Soft Limit           Hard Limit           Units
Max cpu time              unlimited            unlimited            seconds
Max open files            4096                 524288               files
Max locked memory         8388608              8388608              bytes
`;

/** GET a path; resolves with the status and body, or rejects after `ms`. */
function get(port: number, path: string, ms = 3000): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.setTimeout(ms, () => req.destroy(new Error(`no answer to ${path} within ${ms} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/** Open `n` connections that never send a byte. */
async function idle(port: number, n: number): Promise<Socket[]> {
  const sockets: Socket[] = [];
  await Promise.all(
    Array.from({ length: n }, () =>
      new Promise<void>((resolve) => {
        const s = connect(port, '127.0.0.1', () => resolve());
        s.on('error', () => resolve());
        s.on('close', () => resolve());
        sockets.push(s);
      }),
    ),
  );
  return sockets;
}

const closedCount = (sockets: Socket[]) => sockets.filter((s) => s.destroyed || s.readyState === 'closed' || s.readableEnded).length;

describe('HTTP connections are bounded', function () {
  this.timeout(20_000);

  it('reads the open-file limit from /proc/self/limits, and nothing where there is none', () => {
    assert.equal(fileDescriptorLimit(() => LIMITS), 4096);
    assert.equal(fileDescriptorLimit(() => LIMITS.replace('4096 ', 'unlimited ')), undefined);
    assert.equal(fileDescriptorLimit(() => {
      throw new Error('ENOENT');
    }), undefined);
    if (existsSync('/proc/self/limits')) assert.equal(typeof fileDescriptorLimit(), 'number', 'Linux says it');
  });

  it('keeps a quarter of the descriptors (at least 256) for the bot itself', () => {
    assert.equal(connectionCap(4096), 3072);
    assert.equal(connectionCap(1024), 768);
    assert.equal(connectionCap(300), 44);
    assert.equal(connectionCap(100), 16);
    assert.ok(connectionCap(undefined) < 1024);
  });

  it('at the cap, a new connection pushes out the oldest idle one: /healthz answers under a flood', async () => {
    const t = await fixtureBot();
    const http = new HttpEndpoint(t.bot, { host: '127.0.0.1', port: 0, maxConnections: 20 });
    const port = await http.start();
    try {
      const flood = await idle(port, 60);
      const health = await get(port, '/healthz', 2000);
      assert.equal(health.status, 200);
      await new Promise((r) => setTimeout(r, 200));
      assert.ok(closedCount(flood) >= 40, `only ${closedCount(flood)} of 60 idle connections were closed`);
      for (const s of flood) s.destroy();
    } finally {
      await http.stop();
      t.bot.close();
    }
  });

  it('never pushes out a connection in the middle of a request: the idle one goes, or else the newcomer', async () => {
    const t = await fixtureBot();
    const http = new HttpEndpoint(t.bot, { host: '127.0.0.1', port: 0, maxConnections: 2 });
    const held: (() => void)[] = [];
    http.mount('/slow', (_req, res) => void held.push(() => res.end('done\n')));
    const port = await http.start();
    try {
      const slow = fetch(`http://127.0.0.1:${port}/slow`).then((r) => r.text());
      await new Promise((r) => setTimeout(r, 200));
      const [quiet] = await idle(port, 1);
      const [newcomer] = await idle(port, 1);
      await new Promise((r) => setTimeout(r, 200));
      assert.ok(quiet.destroyed || quiet.readableEnded, 'the idle connection made room');
      assert.ok(!newcomer.destroyed && !newcomer.readableEnded, 'the newcomer is in');
      // Now both are taken by requests in progress: a third connection is turned away, the requests finish.
      newcomer.write('GET /slow HTTP/1.1\r\nHost: x\r\n\r\n');
      await new Promise((r) => setTimeout(r, 200));
      const [third] = await idle(port, 1);
      await new Promise((r) => setTimeout(r, 200));
      assert.ok(third.destroyed || third.readableEnded, 'no room for a third while both are busy');
      for (const release of held) release();
      assert.equal(await slow, 'done\n');
      newcomer.destroy();
    } finally {
      await http.stop();
      t.bot.close();
    }
  });

  it('closes a connection that sends nothing after the idle timeout', async () => {
    const t = await fixtureBot();
    const http = new HttpEndpoint(t.bot, { host: '127.0.0.1', port: 0, timeouts: { idle: 300, headers: 300, check: 100 } });
    const port = await http.start();
    try {
      const [silent] = await idle(port, 1);
      const trickle = connect(port, '127.0.0.1');
      // Headers a byte at a time, never finished: the headers timeout closes it even though it is never idle.
      const drip = setInterval(() => trickle.write('G'), 100);
      trickle.on('error', () => {});
      await new Promise((r) => setTimeout(r, 1500));
      clearInterval(drip);
      assert.ok(silent.destroyed || silent.readableEnded, 'the silent connection was closed');
      assert.ok(trickle.destroyed || trickle.readableEnded, 'the trickling connection was closed');
      trickle.destroy();
      silent.destroy();
    } finally {
      await http.stop();
      t.bot.close();
    }
  });
});
