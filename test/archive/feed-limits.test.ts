import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Classifier, DEFAULT_CLASSIFY } from '../../src/archive/classify/classify.js';
import { FeedSource } from '../../src/archive/sources/feed-source.js';
import { rss } from '../helpers/feed-server.js';

const classifier = new Classifier(DEFAULT_CLASSIFY);
const ITEM = { title: 'Kept', link: 'https://b.example.org/kept/', date: 'Mon, 23 Nov 2026 10:00:00 GMT' };

/** A hostile feed host on loopback: endless bodies, redirect loops, lying lengths, too many items. */
async function hostileHost() {
  let good = rss([ITEM]);
  let streamed = 0;
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/hostile') {
      return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
        rss([ITEM, { title: 'Click me', link: 'javascript:alert(1)', date: ITEM.date }, { title: 'Podcast', link: 'https://b.example.org/pod/', date: ITEM.date, enclosure: 'data:audio/mpeg;base64,AAAA' }]),
      );
    }
    if (path === '/good') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(good);
    if (path === '/endless') {
      // 250 MB of well-formed-looking RSS, 64 kB at a time, for as long as the client reads.
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>');
      const chunk = `<item><title>${'x'.repeat(65_000)}</title></item>`;
      const pump = () => {
        while (streamed < 250 * 1024 * 1024) {
          streamed += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end('</channel></rss>');
      };
      res.on('close', () => res.removeAllListeners('drain'));
      return pump();
    }
    if (path === '/declared') return void res.writeHead(200, { 'content-length': String(300 * 1024 * 1024) }).end();
    if (path === '/loop-a') return void res.writeHead(302, { location: '/loop-b' }).end();
    if (path === '/loop-b') return void res.writeHead(302, { location: '/loop-a' }).end();
    if (path === '/to-file') return void res.writeHead(301, { location: 'file:///etc/passwd' }).end();
    if (path === '/hop') return void res.writeHead(307, { location: '/good' }).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (p: string) => `http://127.0.0.1:${port}${p}`,
    setGood: (body: string) => (good = body),
    streamed: () => streamed,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('feeds are bounded: size, redirects, items', function () {
  this.timeout(20_000);
  let host: Awaited<ReturnType<typeof hostileHost>>;
  before(async () => (host = await hostileHost()));
  after(() => host.close());

  const feed = (path: string, extra = {}) => new FeedSource({ url: host.url(path), intervalMs: 50, timeoutMs: 10_000, maxBackoffMs: 1000, userAgent: 'rdobot-test', ...extra }, classifier);

  it('cuts off a feed streaming 250 MB at the size cap, with a warning naming the feed, and memory stays bounded', async () => {
    const source = feed('/endless', { maxBytes: 1024 * 1024 });
    const before = process.memoryUsage().rss;
    const update = await source.poll();
    const grown = (process.memoryUsage().rss - before) / 1024 / 1024;
    assert.equal(update.upserted.length, 0);
    assert.deepEqual(update.warnings, [
      { file: host.url('/endless'), reason: 'the feed passed the limit of 1 MB (RDOBOT_FEED_MAX_BYTES); cut off, its posts from before are kept' },
    ]);
    assert.ok(host.streamed() < 50 * 1024 * 1024, `the host streamed ${Math.round(host.streamed() / 1024 / 1024)} MB before the bot hung up`);
    assert.ok(grown < 100, `memory grew by ${Math.round(grown)} MB`);
  });

  it('does not even read a body whose declared length is over the cap', async () => {
    const update = await feed('/declared').poll();
    assert.match(update.warnings[0].reason, /^the feed is 300 MB, over the limit of 5 MB \(RDOBOT_FEED_MAX_BYTES\); not read/);
  });

  it('follows a few redirects, and gives up on a redirect loop after 5 with a warning', async () => {
    assert.deepEqual((await feed('/hop').poll()).upserted.map((p) => p.title), ['Kept']);
    const update = await feed('/loop-a').poll();
    assert.equal(update.warnings.length, 1);
    assert.equal(update.warnings[0].file, host.url('/loop-a'));
    assert.match(update.warnings[0].reason, /^more than 5 redirects \(last to \/loop-[ab]\); a redirect loop\?/);
  });

  it('never follows a redirect to anything but http(s)', async () => {
    assert.match((await feed('/to-file').poll()).warnings[0].reason, /^redirected to a file: address; only http\(s\) is followed/);
  });

  it('keeps the last good copy when the feed turns hostile, and takes only the first items of a huge feed', async () => {
    const source = feed('/good', { maxItems: 3 });
    assert.deepEqual((await source.load()).upserted.map((p) => p.title), ['Kept']);
    const many = Array.from({ length: 10 }, (_, i) => ({ title: `Item ${i}`, link: `https://b.example.org/i${i}/`, date: 'Tue, 24 Nov 2026 10:00:00 GMT' }));
    host.setGood(rss(many));
    const update = await source.poll();
    assert.deepEqual(update.upserted.map((p) => p.title), ['Item 0', 'Item 1', 'Item 2']);
    assert.deepEqual(update.warnings, [{ file: host.url('/good'), reason: 'item skipped: 7 items beyond the first 3 (RDOBOT_FEED_MAX_ITEMS) left out' }]);
    assert.deepEqual(update.removed, [], 'nothing read before is dropped');
  });

  it('leaves out an item whose link is no web address, and enclosures that are not either', async () => {
    const update = await feed('/hostile').poll();
    assert.deepEqual(update.upserted.map((p) => p.title), ['Kept', 'Podcast']);
    assert.deepEqual(update.warnings, [{ file: host.url('/hostile'), reason: 'item skipped: Click me: its link is no http(s) address' }]);
    assert.deepEqual(update.upserted[1].media, []);
  });
});
