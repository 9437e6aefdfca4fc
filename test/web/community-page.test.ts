import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bot } from '../../src/main/compose.js';
import type { Reply, ReplyItem } from '../../src/core/types.js';
import { replyJson } from '../../src/present/reply-json.js';
import { communitySite } from '../../src/web/bot-site.js';
import { html, link, linkify } from '../../src/web/html.js';
import { CSP, webcalUrl } from '../../src/web/site.js';
import { PAGE_FIXTURES, PAGE_NOW, pageBot, servePage, type ServedPage } from '../helpers/page-site.js';
import { CLI, node, run } from '../helpers/run-cli.js';
import { spawnBot } from '../helpers/spawn-bot.js';
import { until } from '../helpers/wait.js';
import { said } from '../helpers/message.js';

/** Ask the bot like a user; the reply as `--json` prints it, parsed back. */
async function askJson(bot: Bot, text: string, zone = 'UTC'): Promise<Reply> {
  const reply = await bot.handle(said(`${text} --tz ${zone}`, { user: { id: 't', name: 't', verified: true }, time: PAGE_NOW.toJSDate() }));
  return JSON.parse(replyJson(reply!, zone)) as Reply;
}

/** `rdobot ask … --json` as a child process, over the page fixtures with the page's clock. */
async function cliJson(command: string, zone: string): Promise<Reply> {
  const args = [CLI, 'ask', command, '--json', '--tz', zone, '--now', PAGE_NOW.toISO()!];
  for (const [flag, dir] of [['--archive', 'posts'], ['--events', 'events'], ['--meetings', 'meetings']]) args.push(flag, join(PAGE_FIXTURES, dir));
  const result = await run(node, args, '', { LOG_LEVEL: 'error' });
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as Reply;
}

/** Text of the page between two markers, for "this section holds that". */
const section = (page: string, id: string) => {
  const start = page.indexOf(`<section id="${id}"`);
  assert.ok(start >= 0, `section ${id}`);
  return page.slice(start, page.indexOf('</section>', start));
};

/** Each event of a section as "start title | when line", tags stripped. */
const eventLines = (html: string) =>
  html
    .split('<li class="event')
    .slice(1)
    .map((li) => {
      const title = /<h3>(.*?)<\/h3>/s.exec(li)![1].replace(/<[^>]+>/g, '');
      const start = /datetime="([^"]+)"/.exec(li)![1];
      const when = /<p class="when">(.*?)<\/p>/s.exec(li)![1].replace(/<[^>]+>/g, '');
      return `${start} ${title} | ${when}`;
    });

describe('community page (HTTP, no browser)', function () {
  this.timeout(20_000);
  let bot: Bot;
  let served: ServedPage;
  const get = (path: string, init?: RequestInit) => fetch(new URL(path, served.url), init);
  const page = async (path = '/') => (await get(path)).text();

  before(async () => {
    bot = (await pageBot()).bot;
    served = await servePage(bot);
  });
  after(async () => {
    await served.stop();
    await bot.stop();
  });

  it('shows the meeting on now with its channel, chair and agenda, and its live countdown', async () => {
    const now = section(await page(), 'now');
    assert.match(now, /<h3>RDO Community Meeting<\/h3>/);
    assert.match(now, /<time class="t" datetime="2026-10-21T14:00:00Z">Wed 2026-10-21 14:00 UTC<\/time>/);
    assert.match(now, /on now, ends in 40 min/);
    assert.match(now, /<dt>Where<\/dt><dd>#rdo<\/dd>/);
    assert.match(now, /<dt>Chair<\/dt><dd>Zoë Nuñez \(rotating\)<\/dd>/);
    assert.match(now, /<a href="https:\/\/etherpad.example.org\/p\/rdo-community-meeting">/);
  });

  it('lists the next two weeks of meetings in UTC, soonest first, with skip dates and the first-of-month video call', async () => {
    const meetings = section(await page(), 'meetings');
    const slots = eventLines(meetings);
    assert.deepEqual(slots, [
      '2026-10-23T07:00:00Z RDO Packaging Office Hours | Fri 2026-10-23 07:00 UTC · in 1 d 16 h · 45 min',
      '2026-10-26T16:00:00Z CI triage &lt;sync&gt; | Mon 2026-10-26 16:00 UTC · in 5 d 1 h · 60 min',
      '2026-10-28T14:00:00Z RDO Community Meeting | Wed 2026-10-28 14:00 UTC · No meeting: Summit week, most of us are travelling',
      // 09:00 in Paris: 07:00 UTC before Paris turns its clocks back on 25 October, 08:00 UTC after.
      '2026-10-30T08:00:00Z RDO Packaging Office Hours | Fri 2026-10-30 08:00 UTC · in 8 days · 45 min',
      '2026-11-04T14:00:00Z RDO Community Meeting | Wed 2026-11-04 14:00 UTC · in 13 days · 60 min',
    ]);
    // The first Wednesday of November is the video call; the ad-hoc release sync has no date to show.
    assert.match(meetings.slice(meetings.indexOf('2026-11-04T14:00')), /<dt>Where<\/dt><dd>video call at <a href="https:\/\/meet.example.org\/rdo-community">/);
    assert.doesNotMatch(meetings, /Release sync/);
    assert.match(meetings, /<a href="calendar\/meeting\/rdo-community.ics" download>Add to calendar<span class="vh">: RDO Community Meeting<\/span><\/a>/);
  });

  it('gives a weekly meeting\'s description once, on its first card, not on each occurrence', async () => {
    const html = await page();
    assert.equal(html.split('Status of packaging, CI and releases.').length - 1, 1);
  });

  it('shows the test day of the window with its place, details link and countdown; a doc day beyond it is left out', async () => {
    const days = section(await page(), 'testdays');
    assert.match(days, /<a href="https:\/\/www.example.org\/rdo\/testday\/gazpacho\/m1">Gazpacho Milestone 1 Test Day<\/a> <span class="kind">Test day<\/span>/);
    assert.match(days, /Thu 2026-10-29 00:00 UTC<\/time> to <time class="t" datetime="2026-10-30T23:59:00Z">Fri 2026-10-30 23:59 UTC/);
    assert.match(days, /in 7 days/);
    assert.match(days, /<dt>Where<\/dt><dd>#rdo on OFTC<\/dd>/);
    assert.doesNotMatch(days, /Doc Day/);
    assert.match(days, /href="calendar\/testday\/RDO-TestDays-20261029-1.ics"/);
  });

  it('lists the latest interviews with the people, date, summary and link, and the latest posts (no drafts, no broken files)', async () => {
    const html = await page();
    const interviews = section(html, 'interviews');
    assert.deepEqual([...interviews.matchAll(/<span class="people">([^<]+)<\/span> · <time datetime="[^"]+">([^<]+)<\/time>/g)].map((m) => `${m[1]} ${m[2]}`), ['Zoë Nuñez 2026-10-14', 'Ravi Iyer 2026-09-30']);
    assert.match(interviews, /<a href="https:\/\/www.rdoproject.org\/blog\/2026\/10\/what-did-you-do-in-flamingo-zoe-nunez\/">What did you do in Flamingo\? Zoë Nuñez<\/a>/);
    assert.match(interviews, /<p>Zoë Nuñez talks about moving the packaging jobs to the new builders/);
    const posts = section(html, 'posts');
    assert.equal([...posts.matchAll(/<li class="post">/g)].length, 6);
    assert.doesNotMatch(posts, /Draft|Unclosed/);
  });

  it('shows a post titled <img src=x onerror=alert(1)> as text, and escapes every name, summary and description', async () => {
    const html = await page();
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;<\/a>/);
    assert.match(html, /by &lt;b&gt;mallory&lt;\/b&gt; &amp; friends/);
    assert.match(html, /<h3>CI triage &lt;sync&gt;<\/h3>/);
    assert.match(html, /Triage &lt;b&gt;failing&lt;\/b&gt; jobs &amp; flaky &quot;tests&quot;/);
    assert.doesNotMatch(html, /<img|<b>|<sync>|onerror=alert\(1\)>/);
  });

  it('sends a Content-Security-Policy without unsafe-inline, and the page has no inline script, style or handler', async () => {
    const res = await get('/');
    assert.equal(res.headers.get('content-security-policy'), CSP);
    assert.doesNotMatch(CSP, /unsafe/);
    assert.match(CSP, /script-src 'self'/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    const html = await res.text();
    assert.deepEqual([...html.matchAll(/<script[^>]*>/g)].map((m) => m[0]), [`<script src="${/assets\/page\.js\?v=\w+/.exec(html)![0]}" defer>`]);
    assert.doesNotMatch(html, /<style|<[a-z][^>]*\s(style|on[a-z]+)=/i);
  });

  it('is a complete document for assistive technology: language, landmarks, one h1, labelled search', async () => {
    const html = await page();
    assert.match(html, /<html lang="en">/);
    for (const landmark of ['<header', '<nav aria-label="On this page">', '<main id="main">', '<footer', 'role="search"']) assert.ok(html.includes(landmark), landmark);
    assert.equal([...html.matchAll(/<h1>/g)].length, 1);
    assert.match(html, /<label for="q">Search the blog archive<\/label>/);
    assert.match(html, /<meta name="viewport" content="width=device-width, initial-scale=1">/);
  });

  it('serves its script, style sheet and icon, and keeps the page and its assets under 100 kB', async () => {
    const html = await page();
    let total = Buffer.byteLength(html);
    for (const m of html.matchAll(/(?:src|href)="(assets\/[^"]+)"/g)) {
      const res = await get(m[1]);
      assert.equal(res.status, 200, m[1]);
      assert.match(res.headers.get('cache-control')!, /max-age/);
      total += (await res.arrayBuffer()).byteLength;
    }
    assert.ok(total < 100_000, `${total} bytes`);
    assert.equal((await get('/assets/nope.js')).status, 404);
  });

  it('answers the search box without JavaScript: GET /search?q=tempest lists the post, with why it matched', async () => {
    const res = await get('/search?q=tempest');
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /<h1>Posts matching “tempest”<\/h1>/);
    assert.match(html, /<a href="https:\/\/www.rdoproject.org\/blog\/2026\/10\/tempest-tips-for-packagers\/">Tempest tips for packagers<\/a>/);
    assert.match(html, /<p class="why">Matches: title: tempest; tags: tempest; body: tempest<\/p>/);
    assert.match(html, /<input id="q" name="q" type="search" value="tempest"/);
  });

  it('never reflects the query unescaped, asks for words when it is empty, and refuses a query over 500 characters', async () => {
    const html = await page(`/search?q=${encodeURIComponent('"><script>alert(1)</script>')}`);
    assert.match(html, /value="&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
    assert.match(html, /Posts matching “&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;”/);
    assert.doesNotMatch(html, /<script>alert/);
    assert.match(await page('/search?q=++'), /Type one or more words/);
    const long = await get(`/search?q=${'a'.repeat(501)}`);
    assert.equal(long.status, 400);
    assert.match(await long.text(), /longer than 500 characters/);
  });

  it('gives /api/meetings with the items of !meeting next --json for the same occurrences, and skipped dates as fields', async () => {
    const api = (await (await get('/api/meetings')).json()) as Reply;
    assert.equal(api.kind, 'list');
    assert.equal(api.text, '5 meetings in the next 14 days, 1 running now');
    assert.deepEqual(api.items!.map((i) => `${i.when} ${i.title}`), [
      '2026-10-21T14:00:00+00:00 RDO Community Meeting',
      '2026-10-23T07:00:00+00:00 RDO Packaging Office Hours',
      '2026-10-26T16:00:00+00:00 CI triage <sync>',
      '2026-10-30T08:00:00+00:00 RDO Packaging Office Hours',
      '2026-11-04T14:00:00+00:00 RDO Community Meeting',
    ]);
    assert.deepEqual(api.fields, [{ label: 'skipped', value: 'RDO Community Meeting, Wed 2026-10-28 14:00 UTC: Summit week, most of us are travelling' }]);
    for (const [title, command] of [['RDO Packaging Office Hours', '!meeting next packaging'], ['CI triage <sync>', '!meeting next ci-triage'], ['RDO Community Meeting', '!meeting next rdo-community']]) {
      const cli = await askJson(bot, command);
      assert.deepEqual(api.items!.find((i) => i.title === title), cli.items![0], command);
    }
  });

  it('gives the same JSON as `rdobot ask --json` itself (a child process), in the zone asked with ?tz=', async () => {
    const api = (await (await get('/api/meetings?tz=Asia/Kolkata')).json()) as Reply;
    const cli = await cliJson('!meeting next packaging', 'Asia/Kolkata');
    assert.deepEqual(api.items![1], cli.items![0]);
    assert.equal(api.items![1].when as unknown as string, '2026-10-23T12:30:00+05:30');
  });

  it('gives /api/testdays, /api/interviews and /api/posts with the shapes of !testday next and !interview latest --json', async () => {
    const days = (await (await get('/api/testdays')).json()) as Reply;
    assert.deepEqual(days.items, (await askJson(bot, '!testday next')).items);
    const interviews = (await (await get('/api/interviews')).json()) as Reply;
    assert.deepEqual(interviews.items!.map((i) => i.title), ['What did you do in Flamingo? Zoë Nuñez', 'Podcast: Ravi Iyer on keeping CI green']);
    assert.deepEqual(interviews.items![0], (await askJson(bot, '!interview latest')).items![0]);
    const posts = (await (await get('/api/posts?n=2')).json()) as Reply;
    assert.deepEqual(posts.items![0], (await askJson(bot, '!post latest')).items![0]);
    assert.equal(posts.items![0].title, '<img src=x onerror=alert(1)>');
    assert.equal(posts.text, '6 posts, newest first (showing 2)');
    assert.deepEqual(posts.more, { count: 4 });
  });

  it('gives /api/search?q= with the hits of !post search --json, each with its summary', async () => {
    const api = (await (await get('/api/search?q=tempest')).json()) as Reply;
    const cli = await askJson(bot, '!post search tempest');
    assert.deepEqual(api.items!.map(({ summary: _s, ...rest }) => rest), cli.items!.map(({ summary: _s, ...rest }: ReplyItem) => rest));
    assert.match(api.items![0].summary!, /^Running Tempest against a freshly packaged cloud/);
  });

  it('answers API mistakes with a JSON error reply and a 4xx status', async () => {
    const cases: [string, number, string][] = [
      ['/api/search', 400, 'BAD_ARGUMENTS'],
      ['/api/search?q=x&n=0', 400, 'BAD_ARGUMENTS'],
      ['/api/posts?n=51', 400, 'BAD_ARGUMENTS'],
      ['/api/meetings?tz=Mars/Olympus', 400, 'BAD_OPTION'],
      [`/api/search?q=${'a'.repeat(501)}`, 400, 'TOO_LONG'],
      ['/api/nope', 404, 'NOT_FOUND'],
    ];
    for (const [path, status, code] of cases) {
      const res = await get(path);
      assert.equal(res.status, status, path);
      assert.match(res.headers.get('content-type')!, /^application\/json/);
      const body = (await res.json()) as Reply;
      assert.equal(body.kind, 'error', path);
      assert.equal(body.code, code, path);
    }
  });

  it('adds one meeting (its series, skip dates as EXDATE) or one test day to a calendar; an unknown one is 404', async () => {
    const meeting = await get('/calendar/meeting/rdo-community.ics');
    assert.equal(meeting.status, 200);
    assert.match(meeting.headers.get('content-type')!, /^text\/calendar/);
    assert.match(meeting.headers.get('content-disposition')!, /attachment; filename="rdo-community.ics"/);
    const ics = await meeting.text();
    assert.equal([...ics.matchAll(/^SUMMARY:/gm)].length, 2, 'first-of-month video call and the other weeks');
    assert.match(ics, /^SUMMARY:RDO Community Meeting\r?$/m);
    assert.match(ics, /EXDATE.*20261028T140000/);
    assert.doesNotMatch(ics, /Packaging/);
    const day = await (await get('/calendar/testday/RDO-TestDays-20261029-1.ics')).text();
    assert.match(day, /^SUMMARY:Gazpacho Milestone 1 Test Day\r?$/m);
    assert.match(day, /^DTSTART:20261029T000000Z\r?$/m);
    assert.equal((await get('/calendar/meeting/nope.ics')).status, 404);
    assert.equal((await get('/calendar/testday/%E0%A4%A.ics')).status, 404);
  });

  it('links webcal:// for subscribing: from HTTP_PUBLIC_URL behind a proxy, else from a Host header that is a host name', async () => {
    assert.match(await page(), new RegExp(`<a href="webcal://${new URL(served.url).host}/calendar.ics">Subscribe to every meeting and test day</a>`));
    assert.equal(webcalUrl('https://rdo.example.org/bot', undefined), 'webcal://rdo.example.org/bot/calendar.ics');
    assert.equal(webcalUrl('https://rdo.example.org/', 'ignored'), 'webcal://rdo.example.org/calendar.ics');
    assert.equal(webcalUrl(undefined, '[::1]:8080'), 'webcal://[::1]:8080/calendar.ics');
    assert.equal(webcalUrl(undefined, 'evil"><script>'), undefined);
    const site = communitySite(bot);
    const body = site.respond({ url: '/', host: 'x"><script>alert(1)</script>' })!.body;
    assert.doesNotMatch(body, /webcal:|<script>alert/);
  });

  it('falls through to the endpoint for other paths: /healthz still answers, an unknown path is 404', async () => {
    assert.equal((await get('/healthz')).status, 200);
    const res = await get('/nope');
    assert.equal(res.status, 404);
    assert.match(await res.text(), /try \/, \/healthz/);
  });
});

describe('community page follows live changes', function () {
  this.timeout(20_000);

  it('shows a post added to the archive and a changed meeting file on the next page load', async () => {
    const { bot, root } = await pageBot({ copy: true });
    const served = await servePage(bot);
    try {
      bot.follow();
      const page = async () => (await fetch(served.url)).text();
      assert.doesNotMatch(await page(), /Gazpacho packages are in testing/);
      writeFileSync(
        join(root, 'posts', '2026-10-21-gazpacho-packages-are-in-testing.html.md'),
        '---\ntitle: Gazpacho packages are in testing\nauthor: jpena\ndate: 2026-10-21 13:00:00 UTC\n---\n\nPlease try them.\n',
      );
      await until(async () => (await page()).includes('Gazpacho packages are in testing'), 5000, 'the new post on the page');

      const file = join(root, 'meetings', 'ci-triage.yml');
      writeFileSync(file, readFileSync(file, 'utf8').replace("time: '1600'", "time: '1730'").replace('Priya Raman', 'Joe Bloggs'));
      await until(async () => (await page()).includes('Mon 2026-10-26 17:30 UTC'), 5000, 'the moved meeting on the page');
      assert.match(await page(), /<dt>Chair<\/dt><dd>Joe Bloggs<\/dd>/);
    } finally {
      await served.stop();
      await bot.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('community page in the service', function () {
  this.timeout(30_000);

  it('is served by `rdobot run` on its HTTP endpoint, links webcal:// from HTTP_PUBLIC_URL, and follows a meeting file edited while it runs', async () => {
    const root = mkdtempSync(join(tmpdir(), 'rdobot-page-svc-'));
    cpSync(PAGE_FIXTURES, root, { recursive: true });
    const bot = spawnBot({
      RDOBOT_ADAPTERS: 'shell',
      HTTP_PORT: '0',
      HTTP_PUBLIC_URL: 'https://rdo.example.org/bot/',
      LOG_LEVEL: 'info',
      RDOBOT_DATA_DIR: join(root, 'data'),
      RDOBOT_ARCHIVE: join(root, 'posts'),
      RDOBOT_EVENTS: join(root, 'events'),
      RDOBOT_MEETINGS: join(root, 'meetings'),
    });
    try {
      const port = Number(/:(\d+)\//.exec(String((await bot.waitForLog(/^HTTP endpoint on/)).msg))![1]);
      await bot.waitForLog(/^adapter started/);
      const page = async () => (await fetch(`http://127.0.0.1:${port}/`)).text();
      const html = await page();
      // The real clock: a weekly meeting is always within the next two weeks.
      assert.match(html, /<h3>RDO Packaging Office Hours<\/h3>/);
      assert.match(html, /<a href="webcal:\/\/rdo.example.org\/bot\/calendar.ics">Subscribe to every meeting and test day<\/a>/);
      const file = join(root, 'meetings', 'packaging-office-hours.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('chair: packaging team', 'chair: Ana Lima'));
      await until(async () => (await page()).includes('<dt>Chair</dt><dd>Ana Lima</dd>'), 5000, 'the new chair on the page');
      bot.child.kill('SIGTERM');
      assert.equal((await bot.exited).code, 0);
    } finally {
      bot.kill();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('community page markup', () => {
  it('escapes every interpolated value, in text and in attributes, and keeps only markup made by the template', () => {
    const title = `"><script>alert('x')</script>&`;
    assert.equal(html`<a title="${title}">${title}</a>`.text, '<a title="&quot;&gt;&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;&amp;">&quot;&gt;&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;&amp;</a>');
    assert.equal(html`<ul>${['<a>', html`<li>ok</li>`, null, undefined, false, 0]}</ul>`.text, '<ul>&lt;a&gt;<li>ok</li>0</ul>');
  });

  it('links only web addresses: a javascript: or data: link from a feed stays text', () => {
    assert.equal(link('javascript:alert(1)', 'Click').text, 'Click');
    assert.equal(link('data:text/html,<b>x</b>', '<b>x</b>').text, '&lt;b&gt;x&lt;/b&gt;');
    assert.equal(link('https://example.org/a?b=1&c="2"', 'x').text, '<a href="https://example.org/a?b=1&amp;c=%222%22">x</a>');
  });

  it('makes the web addresses of free text links, leaving trailing punctuation and everything else as text', () => {
    assert.equal(
      linkify('Video call at https://meet.example.org/rdo. Or <irc> (https://example.org/x), javascript:alert(1)').text,
      'Video call at <a href="https://meet.example.org/rdo">https://meet.example.org/rdo</a>. Or &lt;irc&gt; (<a href="https://example.org/x">https://example.org/x</a>), javascript:alert(1)',
    );
  });
});
