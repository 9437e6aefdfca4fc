import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { fixtureBot, FIXTURE_POSTS, type TestBot } from '../helpers/bot.js';
import { describeBrowser, launchChromium } from '../helpers/browser.js';
import { LINE_GAP_MS, MEETING_CHANNEL, MEETING_START, RUN_DEFINITIONS, transcript } from '../helpers/meeting-transcript.js';
import { TickingClock } from '../helpers/ticking-clock.js';
import { HttpEndpoint } from '../../src/http/server.js';
import { botSite } from '../../src/web/bot-site.js';

const MINUTES = '/meetings/rdo-test/2026-12-02/rdo_community_meeting.2026-12-02-14.00-1';

/** A bot that ran the transcript's meeting (and a hostile one), served on loopback as `rdobot run` serves it. */
async function served(): Promise<{ t: TestBot; url: string; stop: () => Promise<void> }> {
  const clock = new TickingClock(MEETING_START, LINE_GAP_MS);
  const t = await fixtureBot({ archiveDirs: [FIXTURE_POSTS], meetingsDirs: [RUN_DEFINITIONS], dataDir: mkdtempSync(join(tmpdir(), 'rdobot-minutes-site-')), meetings: { clock } });
  const say = (nick: string, text: string) => t.ask(text, { network: 'irc', room: MEETING_CHANNEL, user: { id: nick, name: nick, verified: false } });
  for (const l of transcript()) await say(l.nick, l.text);
  clock.set(MEETING_START.plus({ hours: 3 }));
  await say('mallory', '#startmeeting <script>alert("name")</script>');
  await say('mallory', '#topic <img src=x onerror=alert(1)>');
  await say('mallory', '#link javascript:alert(1)');
  await say('mallory', '#endmeeting');
  const http = new HttpEndpoint(t.bot, { host: '127.0.0.1', port: 0, site: botSite(t.bot) });
  const port = await http.start();
  return { t, url: `http://127.0.0.1:${port}`, stop: () => http.stop() };
}

describe('meetings: minutes over the bot’s HTTP', function () {
  this.timeout(30_000);
  let s: Awaited<ReturnType<typeof served>>;
  before(async () => (s = await served()));
  after(async () => {
    await s?.stop();
    s?.t.bot.close();
  });

  it('serves the minutes and log in every format, with the site’s security headers', async () => {
    for (const [ext, type] of [['html', 'text/html'], ['txt', 'text/plain'], ['md', 'text/markdown'], ['log.html', 'text/html'], ['log.txt', 'text/plain'], ['log.md', 'text/markdown']]) {
      const r = await fetch(`${s.url}${MINUTES}.${ext}`);
      assert.equal(r.status, 200, ext);
      assert.ok(r.headers.get('content-type')!.startsWith(type), ext);
      assert.match(r.headers.get('content-security-policy')!, /script-src 'self'/);
    }
    const text = await (await fetch(`${s.url}${MINUTES}.txt`)).text();
    assert.match(text, /\* rsingh\n {2}\*\* fix the specs of python-bar and openstack-baz\n {2}\*\* check the mirror sync job with infra/);
    assert.match(text, /People present \(lines said\)[\s\S]*\* ateixeira \(\d+\)/);
  });

  it('lists meetings per channel and per meeting, and answers nothing outside what it wrote', async () => {
    const all = await (await fetch(`${s.url}/meetings/`)).text();
    assert.ok(all.includes(`href="${MINUTES.slice('/meetings/'.length)}.html"`));
    const channel = await (await fetch(`${s.url}/meetings/rdo-test/`)).text();
    assert.ok(channel.includes('RDO Community Meeting') && channel.includes('href="../rdo-test/rdo-community-meeting/"'));
    const series = await fetch(`${s.url}/meetings/rdo-test/rdo-community-meeting/`);
    assert.equal(series.status, 200);
    for (const bad of ['/meetings/../meetings.sqlite', '/meetings/rdo-test/2026-12-02/..%2f..%2fmeetings.sqlite', '/meetings/nochannel/', '/meetings/rdo-test/2026-12-02/x.2026-12-02-14.00.sqlite']) {
      assert.equal((await fetch(`${s.url}${bad}`)).status, 404, bad);
    }
  });

  it('links the minutes from the community page and gives them as JSON at /api/minutes', async () => {
    const home = await (await fetch(`${s.url}/`)).text();
    assert.ok(home.includes('href="meetings/"') && home.includes('href="api/minutes"'));
    const latest = (await (await fetch(`${s.url}/api/minutes?meeting=community`)).json()) as { items: { title: string; link: string; when: string }[] };
    assert.deepEqual(latest.items.map((i) => [i.title, i.when]), [['RDO Community Meeting', '2026-12-02T14:00:00+00:00']]);
    assert.equal(latest.items[0].link, `${MINUTES}.html`);
    const found = (await (await fetch(`${s.url}/api/minutes?q=nagios`)).json()) as { items: { title: string }[] };
    assert.deepEqual(found.items.map((i) => i.title), ['RDO Community Meeting']);
  });

  it('shows hostile names and topics as text', async () => {
    const all = await (await fetch(`${s.url}/meetings/`)).text();
    const link = /href="(rdo-test\/[^"]+script[^"]+\.html)"/.exec(all)![1];
    const page = await (await fetch(`${s.url}/meetings/${link}`)).text();
    assert.ok(!page.includes('<script>alert') && !page.includes('<img'));
    assert.ok(page.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(!page.includes('href="javascript:'));
  });
});

describeBrowser('meetings: minutes in a real browser (Chromium)', function () {
  this.timeout(60_000);
  let s: Awaited<ReturnType<typeof served>>;
  let browser: Browser;
  before(async () => {
    s = await served();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await s?.stop();
    s?.t.bot.close();
  });

  async function serious(page: Page): Promise<string[]> {
    return (await new AxeBuilder({ page }).analyze()).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  }

  it('the minutes, the log and the indexes pass axe with no serious or critical violation, and run no script', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('dialog', (d) => (problems.push(`dialog: ${d.message()}`), void d.dismiss()));
    page.on('pageerror', (e) => problems.push(`error: ${e.message}`));
    try {
      for (const path of [`${MINUTES}.html`, `${MINUTES}.log.html`, '/meetings/', '/meetings/rdo-test/', '/meetings/rdo-test/rdo-community-meeting/']) {
        const r = await page.goto(`${s.url}${path}`);
        assert.equal(r!.status(), 200, path);
        assert.deepEqual(await serious(page), [], path);
      }
      await page.goto(`${s.url}${MINUTES}.html`);
      assert.equal(await page.locator('h1').textContent(), '#rdo-test: RDO Community Meeting');
      assert.deepEqual(await page.locator('#actions ~ ul > li, section[aria-labelledby="actions"] > ul > li').evaluateAll((lis) => lis.map((li) => li.firstChild!.textContent)), ['ateixeira', 'dpark', 'lbianchi', 'ochen', 'rsingh']);
      const hostile = /href="(rdo-test\/[^"]+script[^"]+\.html)"/.exec(await (await fetch(`${s.url}/meetings/`)).text())![1];
      await page.goto(`${s.url}/meetings/${hostile}`);
      assert.equal(await page.locator('h1').textContent(), '#rdo-test: <script>alert("name")</script>');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
