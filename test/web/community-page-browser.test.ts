import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import type { Bot } from '../../src/main/compose.js';
import { describeBrowser, launchChromium } from '../helpers/browser.js';
import { PAGE_NOW, pageBot, servePage, type ServedPage } from '../helpers/page-site.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCREENSHOTS = join(ROOT, 'dist', 'screenshots');

/**
 * Where each event of the fixtures falls on the reader's clock, worked out by hand from the zones' rules: Paris leaves
 * summer time on 25 October 2026, Los Angeles on 1 November, Kolkata never. The community meeting is defined at 14:00
 * UTC, the office hours at 09:00 Paris time, CI triage at 16:00 UTC; the test day runs 29 Oct 00:00 to 30 Oct 23:59 UTC.
 */
const LOCAL: Record<string, Record<string, string>> = {
  'Asia/Kolkata': {
    '2026-10-21T14:00:00Z': 'Wed 21 Oct 19:30',
    '2026-10-23T07:00:00Z': 'Fri 23 Oct 12:30',
    '2026-10-26T16:00:00Z': 'Mon 26 Oct 21:30',
    '2026-10-28T14:00:00Z': 'Wed 28 Oct 19:30',
    '2026-10-29T00:00:00Z': 'Thu 29 Oct 05:30',
    '2026-10-30T08:00:00Z': 'Fri 30 Oct 13:30',
    '2026-10-30T23:59:00Z': 'Sat 31 Oct 05:29',
    '2026-11-04T14:00:00Z': 'Wed 4 Nov 19:30',
  },
  'America/Los_Angeles': {
    '2026-10-21T14:00:00Z': 'Wed 21 Oct 07:00',
    '2026-10-23T07:00:00Z': 'Fri 23 Oct 00:00',
    '2026-10-26T16:00:00Z': 'Mon 26 Oct 09:00',
    '2026-10-28T14:00:00Z': 'Wed 28 Oct 07:00',
    '2026-10-29T00:00:00Z': 'Wed 28 Oct 17:00',
    '2026-10-30T08:00:00Z': 'Fri 30 Oct 01:00',
    '2026-10-30T23:59:00Z': 'Fri 30 Oct 16:59',
    '2026-11-04T14:00:00Z': 'Wed 4 Nov 06:00',
  },
  'Europe/Paris': {
    '2026-10-21T14:00:00Z': 'Wed 21 Oct 16:00',
    '2026-10-23T07:00:00Z': 'Fri 23 Oct 09:00',
    '2026-10-26T16:00:00Z': 'Mon 26 Oct 17:00',
    '2026-10-28T14:00:00Z': 'Wed 28 Oct 15:00',
    '2026-10-29T00:00:00Z': 'Thu 29 Oct 01:00',
    '2026-10-30T08:00:00Z': 'Fri 30 Oct 09:00',
    '2026-10-30T23:59:00Z': 'Sat 31 Oct 00:59',
    '2026-11-04T14:00:00Z': 'Wed 4 Nov 15:00',
  },
};

/** What the reader sees beside the local time: the UTC time, with its day when the day differs. */
const UTC_BESIDE: Record<string, Record<string, string>> = {
  'Asia/Kolkata': { '2026-10-30T23:59:00Z': '(Fri 30 Oct 23:59 UTC)', '2026-10-29T00:00:00Z': '(00:00 UTC)' },
  'America/Los_Angeles': { '2026-10-29T00:00:00Z': '(Thu 29 Oct 00:00 UTC)', '2026-10-23T07:00:00Z': '(07:00 UTC)' },
  'Europe/Paris': { '2026-10-30T23:59:00Z': '(Fri 30 Oct 23:59 UTC)', '2026-11-04T14:00:00Z': '(14:00 UTC)' },
};

interface Opened {
  page: Page;
  /** Console errors, page errors, dialogs (an alert() would be one) and failed requests. */
  problems: string[];
  close(): Promise<void>;
}

/** Every event of the page in order: its title and the instant it is at. */
const eventsOf = (page: Page) =>
  page.$$eval('main li.event', (lis) => lis.map((li) => `${li.querySelector('h3')!.textContent!.trim()} @ ${li.querySelector('time')!.getAttribute('datetime')}`));

/** Serious and critical accessibility violations, as axe finds them. */
async function serious(page: Page): Promise<string[]> {
  // axe paces its work with timers: let the pinned clock run again (the times on the page are already checked).
  if (await page.evaluate<boolean>('"__pwClock" in globalThis')) await page.clock.resume();
  return (await new AxeBuilder({ page }).analyze()).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

describeBrowser('community page in a real browser (Chromium)', function () {
  this.timeout(60_000);
  let bot: Bot;
  let served: ServedPage;
  let browser: Browser;

  before(async () => {
    bot = (await pageBot()).bot;
    served = await servePage(bot);
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await served?.stop();
    await bot?.stop();
  });

  /** A fresh context in a zone, its clock pinned to the bot's, watching for anything that goes wrong. */
  async function open(timezoneId: string, options: BrowserContextOptions = {}, path = '/', prepare?: (c: BrowserContext) => Promise<void>): Promise<Opened> {
    const context = await browser.newContext({ timezoneId, locale: 'en-GB', viewport: { width: 1000, height: 1400 }, ...options });
    await prepare?.(context);
    if (options.javaScriptEnabled !== false) {
      await context.clock.install({ time: PAGE_NOW.minus({ minutes: 5 }).toJSDate() });
      await context.clock.pauseAt(PAGE_NOW.toJSDate());
    }
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
    await page.goto(new URL(path, served.url).href);
    return { page, problems, close: () => context.close() };
  }

  for (const zone of Object.keys(LOCAL)) {
    it(`shows every meeting and the test day at the right local time in ${zone}, across the DST change, UTC beside, with no console errors${zone === 'Europe/Paris' ? ' and no serious axe violations' : ''}`, async () => {
      const { page, problems, close } = await open(zone);
      try {
        assert.equal(await page.locator('#zone').textContent(), `Times are in your time zone, ${zone}, with UTC beside them.`);
        for (const [instant, local] of Object.entries(LOCAL[zone])) {
          const times = page.locator(`main time.t[datetime="${instant}"]`);
          assert.ok((await times.count()) >= 1, `${instant} on the page`);
          const [day, clock] = [local.slice(0, -6), local.slice(-5)];
          for (const text of await times.allTextContents()) {
            assert.match(text, new RegExp(`^${day},? ${clock}\\b`), `${instant} in ${zone}: ${text}`);
          }
          const beside = UTC_BESIDE[zone][instant];
          if (beside) assert.equal(await page.locator(`main time.t[datetime="${instant}"] + .utc`).first().textContent(), ` ${beside}`);
        }
        assert.equal(await page.locator('#now .rel').first().textContent(), 'on now, ends in 40 min');
        assert.deepEqual(problems, []);
        // The markup is the same in every zone; one accessibility pass (about 8 s of axe) covers them.
        if (zone === 'Europe/Paris') {
          assert.deepEqual(await serious(page), []);
          await page.screenshot({ path: join(SCREENSHOTS, 'community-page.png') });
        }
      } finally {
        await close();
      }
    });
  }

  it('keeps "ends in 40 min" current as the reader\'s clock moves', async () => {
    const { page, problems, close } = await open('Asia/Kolkata');
    try {
      const rel = page.locator('#now .rel').first();
      assert.equal(await rel.textContent(), 'on now, ends in 40 min');
      await page.clock.runFor('30:00');
      assert.equal(await rel.textContent(), 'on now, ends in 10 min');
      await page.clock.runFor('11:00');
      assert.equal(await rel.textContent(), 'ended 1 min ago');
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  it('lists the same events without JavaScript, in UTC', async () => {
    const withJs = await open('America/Los_Angeles');
    const withoutJs = await open('America/Los_Angeles', { javaScriptEnabled: false });
    try {
      const events = await eventsOf(withJs.page);
      assert.equal(events.length, 7);
      assert.deepEqual(await eventsOf(withoutJs.page), events);
      const page = withoutJs.page;
      assert.equal(await page.locator('#zone').textContent(), 'Times are in UTC.');
      assert.equal(await page.locator('main time.t[datetime="2026-10-23T07:00:00Z"]').textContent(), 'Fri 2026-10-23 07:00 UTC');
      assert.equal(await page.locator('main time.t[datetime="2026-11-04T14:00:00Z"]').textContent(), 'Wed 2026-11-04 14:00 UTC');
      assert.equal(await page.locator('.utc').count(), 0);
      assert.equal(await page.locator('#now .rel').textContent(), 'on now, ends in 40 min');
      assert.deepEqual([...withJs.problems, ...withoutJs.problems], []);
    } finally {
      await withJs.close();
      await withoutJs.close();
    }
    // axe needs script in the page: check the same markup with the page's own script answered empty.
    const scriptless = await open('America/Los_Angeles', {}, '/', async (context) => {
      await context.route(/\/assets\/page\.js/, (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }));
    });
    try {
      assert.equal(await scriptless.page.locator('#zone').textContent(), 'Times are in UTC.');
      assert.deepEqual(await serious(scriptless.page), []);
    } finally {
      await scriptless.close();
    }
  });

  it('finds a post with the search box, with and without JavaScript', async () => {
    for (const javaScriptEnabled of [true, false]) {
      const { page, problems, close } = await open('Europe/Paris', { javaScriptEnabled });
      try {
        await page.getByLabel('Search the blog archive').fill('tempest');
        await Promise.all([page.waitForURL(/\/search\?q=tempest$/), page.keyboard.press('Enter')]);
        assert.equal(await page.locator('h1').textContent(), 'Posts matching “tempest”');
        const hit = page.getByRole('link', { name: 'Tempest tips for packagers' });
        assert.equal(await hit.getAttribute('href'), 'https://www.rdoproject.org/blog/2026/10/tempest-tips-for-packagers/');
        assert.equal(await page.getByLabel('Search the blog archive').inputValue(), 'tempest');
        assert.deepEqual(problems, []);
        if (javaScriptEnabled) assert.deepEqual(await serious(page), []);
      } finally {
        await close();
      }
    }
  });

  it('shows a post titled <img src=x onerror=alert(1)> as text and runs nothing, on the page and in search results', async () => {
    for (const path of ['/', `/search?q=${encodeURIComponent('<img src=x onerror=alert(1)>')}`]) {
      const { page, problems, close } = await open('Europe/Paris', {}, path);
      try {
        assert.equal(await page.getByRole('link', { name: '<img src=x onerror=alert(1)>' }).count(), 1, path);
        assert.equal(await page.locator('img').count(), 0);
        assert.equal(await page.locator('script').count(), 1);
        assert.ok((await page.locator('main').textContent())!.includes('by <b>mallory</b> & friends'));
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    }
  });

  it('reads on a phone: no sideways scrolling at 360 px, and the dark scheme keeps its contrast', async () => {
    const { page, problems, close } = await open('Asia/Kolkata', { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, colorScheme: 'dark' });
    try {
      assert.ok((await page.evaluate<number>('document.documentElement.scrollWidth')) <= 360);
      assert.ok(Number.parseFloat(await page.evaluate<string>('getComputedStyle(document.body).fontSize')) >= 16);
      assert.deepEqual(problems, []);
      assert.deepEqual(await serious(page), []);
      await page.screenshot({ path: join(SCREENSHOTS, 'community-page-phone.png') });
    } finally {
      await close();
    }
  });

  after(() => {
    // `UPDATE_SCREENSHOT=1 npm test` refreshes the README's picture from this run.
    if (process.env.UPDATE_SCREENSHOT) copyFileSync(join(SCREENSHOTS, 'community-page.png'), join(ROOT, 'docs', 'community-page.png'));
  });
});
