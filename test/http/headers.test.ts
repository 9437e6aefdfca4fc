import assert from 'node:assert/strict';
import { HttpEndpoint } from '../../src/http/server.js';
import { calendarFor } from '../../src/main/calendar.js';
import { metricsAccessConfig } from '../../src/config/limits.js';
import { ConfigError } from '../../src/base/errors.js';
import { communitySite } from '../../src/web/bot-site.js';
import { fixtureBot, type TestBot } from '../helpers/bot.js';

const TOKEN = 'a-long-enough-metrics-token';

async function endpoint(t: TestBot, metrics = metricsAccessConfig({})) {
  const http = new HttpEndpoint(t.bot, { host: '127.0.0.1', port: 0, calendar: (q) => calendarFor(t.bot, q), site: communitySite(t.bot), metrics });
  // A receiver mounted as Slack's is: it writes its own answer.
  http.mount('/slack/events', (_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  const base = `http://127.0.0.1:${await http.start()}`;
  return { base, stop: () => http.stop() };
}

describe('security headers on every HTTP response', function () {
  this.timeout(20_000);
  let t: TestBot;
  let served: Awaited<ReturnType<typeof endpoint>>;
  before(async () => {
    t = await fixtureBot({ metrics: true });
    served = await endpoint(t);
  });
  after(() => served.stop());

  const CASES: [string, string, number][] = [
    ['GET', '/healthz', 200],
    ['GET', '/metrics', 200],
    ['GET', '/calendar.ics', 200],
    ['GET', '/calendar.ics?meeting=nosuch', 404],
    ['GET', '/calendar/meeting/gantry.ics', 200],
    ['GET', '/', 200],
    ['GET', '/search?q=tempest', 200],
    ['GET', '/api/meetings', 200],
    ['GET', '/api/nosuch', 404],
    ['GET', '/nosuch', 404],
    ['POST', '/healthz', 405],
    ['DELETE', '/', 405],
    ['POST', '/slack/events', 200],
  ];

  for (const [method, path, status] of CASES) {
    it(`${method} ${path} (${status}) carries CSP, nosniff, no-referrer and DENY framing`, async () => {
      const r = await fetch(served.base + path, { method });
      await r.arrayBuffer();
      assert.equal(r.status, status);
      assert.match(r.headers.get('content-security-policy') ?? '', /^default-src 'none';.*frame-ancestors 'none'/);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(r.headers.get('referrer-policy'), 'no-referrer');
      assert.equal(r.headers.get('x-frame-options'), 'DENY');
    });
  }
});

describe('/metrics can be restricted', function () {
  this.timeout(20_000);
  let t: TestBot;
  before(async () => (t = await fixtureBot({ metrics: true })));

  it('asks for the bearer token when HTTP_METRICS_TOKEN is set, and serves it with the token', async () => {
    const served = await endpoint(t, metricsAccessConfig({ HTTP_METRICS_TOKEN: TOKEN }));
    try {
      const none = await fetch(`${served.base}/metrics`);
      assert.equal(none.status, 401);
      assert.equal(none.headers.get('www-authenticate'), 'Bearer realm="rdobot metrics"');
      assert.equal(await none.text(), 'a bearer token is needed for /metrics (HTTP_METRICS_TOKEN)\n');
      assert.equal((await fetch(`${served.base}/metrics`, { headers: { authorization: 'Bearer wrong-token-of-some-length' } })).status, 401);
      const ok = await fetch(`${served.base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(ok.status, 200);
      assert.match(await ok.text(), /rdobot_archive_posts 16/);
      assert.equal((await fetch(`${served.base}/healthz`)).status, 200, '/healthz stays open for health checks');
    } finally {
      await served.stop();
    }
  });

  it('hides /metrics entirely with HTTP_METRICS=off', async () => {
    const served = await endpoint(t, metricsAccessConfig({ HTTP_METRICS: 'off' }));
    try {
      assert.equal((await fetch(`${served.base}/metrics`)).status, 404);
    } finally {
      await served.stop();
    }
  });

  it('refuses a short token or a bad switch at start, without echoing the token', () => {
    assert.throws(() => metricsAccessConfig({ HTTP_METRICS_TOKEN: 'abc123' }), (e: Error) => e instanceof ConfigError && !e.message.includes('abc123') && /at least 16 characters/.test(e.message));
    assert.throws(() => metricsAccessConfig({ HTTP_METRICS: 'maybe' }), /HTTP_METRICS: got 'maybe', expected on or off/);
  });
});
