import { strict as assert } from 'node:assert';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeHTML } from 'entities';
import { marked } from 'marked';
import { DateTime } from 'luxon';
import { fixtureBot, FIXTURE_POSTS, type TestBot } from '../helpers/bot.js';
import { TickingClock } from '../helpers/ticking-clock.js';
import { RUN_DEFINITIONS } from '../helpers/meeting-transcript.js';
import type { Message, Reply } from '../../src/core/types.js';
import type { MeetingRow } from '../../src/meetings/store.js';
import { MINUTES_FORMATS, roomSlug, slug } from '../../src/meetings/layout.js';
import { WRITERS } from '../../src/meetings/writers.js';

const START = DateTime.fromISO('2026-12-09T15:00:00Z', { zone: 'utc' });
const REVIEW = 'https://review.rdoproject.org/r/q/status:open+project:rdo-infra/ci-config&limit=50';

interface Meeting {
  t: TestBot;
  dataDir: string;
  clock: TickingClock;
  say: (room: string, nick: string, text: string, extra?: Partial<Message>) => Promise<Reply | null>;
  close: () => void;
}

async function meetingBot(dataDir = mkdtempSync(join(tmpdir(), 'rdobot-minutes-files-')), extra: { publicUrl?: string; publicRooms?: string[]; minutesDir?: string } = {}): Promise<Meeting> {
  const clock = new TickingClock(START, 1_000);
  const t = await fixtureBot({ archiveDirs: [FIXTURE_POSTS], meetingsDirs: [RUN_DEFINITIONS], dataDir, publicUrl: extra.publicUrl, meetings: { clock, publicRooms: extra.publicRooms, minutesDir: extra.minutesDir } });
  const say = (room: string, nick: string, text: string, more: Partial<Message> = {}) => t.ask(text, { network: 'irc', room, user: { id: nick, name: nick, verified: false }, ...more });
  return { t, dataDir, clock, say, close: () => t.bot.close() };
}

const file = (m: Meeting, row: MeetingRow, format: string, dir = 'meetings') => readFileSync(join(m.dataDir, dir, `${row.base}.${format}`), 'utf8');
const rowNamed = (m: Meeting, room: string) => m.t.bot.meetings.store.ended().find((r) => r.room === room)!;

describe('meetings: minutes files are never overwritten, and keep every name', () => {
  it("keeps #rdo's minutes when ##rdo holds a meeting of the same name in the same minute", async () => {
    const m = await meetingBot();
    await m.say('#rdo', 'amoralej', '#startmeeting RDO meeting');
    await m.say('##rdo', 'mallory', '#startmeeting RDO meeting');
    await m.say('#rdo', 'amoralej', '#info the release is on Thursday');
    await m.say('##rdo', 'mallory', '#info FAKE: everything was cancelled');
    await m.say('#rdo', 'amoralej', '#endmeeting');
    await m.say('##rdo', 'mallory', '#endmeeting');
    const real = rowNamed(m, '#rdo');
    const fake = rowNamed(m, '##rdo');
    assert.notEqual(roomSlug('irc', '#rdo'), roomSlug('irc', '##rdo'));
    assert.notEqual(real.base, fake.base);
    for (const format of MINUTES_FORMATS) {
      assert.ok(!file(m, real, format).includes('FAKE'), format);
      assert.ok(file(m, fake, format).includes('FAKE'), format);
    }
    assert.match(file(m, real, 'txt'), /the release is on Thursday/);
    m.close();
  });

  it('keeps the minutes of a meeting when the bot restarts and the same meeting runs again in the same minute', async () => {
    const first = await meetingBot();
    await first.say('#rdo', 'amoralej', '#startmeeting RDO meeting');
    await first.say('#rdo', 'amoralej', '#info before the restart');
    await first.say('#rdo', 'amoralej', '#endmeeting');
    const before = rowNamed(first, '#rdo');
    first.close();
    const again = await meetingBot(first.dataDir);
    await again.say('#rdo', 'amoralej', '#startmeeting RDO meeting');
    await again.say('#rdo', 'amoralej', '#info after the restart');
    await again.say('#rdo', 'amoralej', '#endmeeting');
    const after = again.t.bot.meetings.store.ended()[0];
    assert.notEqual(after.id, before.id);
    assert.notEqual(after.base, before.base);
    assert.match(file(again, before, 'txt'), /before the restart/);
    assert.match(file(again, after, 'txt'), /after the restart/);
    assert.equal(readdirSync(join(first.dataDir, 'meetings', 'rdo', '2026-12-09')).filter((f) => f.endsWith('.html') && !f.endsWith('.log.html')).length, 2);
    again.close();
  });

  it('transliterates names in other scripts instead of calling them all "meeting"', async () => {
    assert.equal(slug('встреча'), 'vstrecha');
    assert.equal(slug('会议'), 'hui-yi');
    const m = await meetingBot();
    await m.say('#rdo', 'ivan', '#startmeeting встреча');
    await m.say('#rdo', 'ivan', '#endmeeting');
    await m.say('#rdo-cn', 'li', '#startmeeting 会议');
    await m.say('#rdo-cn', 'li', '#endmeeting');
    assert.match(rowNamed(m, '#rdo').base!, /\/vstrecha\.2026-12-09-15\.00-\d+$/);
    assert.match(rowNamed(m, '#rdo-cn').base!, /\/hui_yi\.2026-12-09-15\.00-\d+$/);
    m.close();
  });

  it('writes public minutes readable by a web server (0644 in 0755 directories) and a private room’s as private data', async () => {
    const m = await meetingBot();
    await m.say('#rdo', 'amoralej', '#startmeeting RDO meeting');
    await m.say('#rdo', 'amoralej', '#endmeeting');
    await m.say('#secret', 'amoralej', '#startmeeting embargo', { roomPrivate: true });
    await m.say('#secret', 'amoralej', '#endmeeting', { roomPrivate: true });
    const open = rowNamed(m, '#rdo');
    const closed = rowNamed(m, '#secret');
    const mode = (p: string) => statSync(p).mode & 0o777;
    for (const format of MINUTES_FORMATS) assert.equal(mode(join(m.dataDir, 'meetings', `${open.base}.${format}`)), 0o644, format);
    for (let d = join(m.dataDir, 'meetings', open.base!, '..'); d !== m.dataDir; d = join(d, '..')) assert.equal(mode(d), 0o755, d);
    for (const format of MINUTES_FORMATS) assert.equal(mode(join(m.dataDir, 'meetings-private', `${closed.base}.${format}`)), 0o600, format);
    assert.equal(mode(join(m.dataDir, 'meetings-private')), 0o700);
    assert.equal(mode(join(m.dataDir, 'meetings.sqlite')), 0o600, 'the data stays private');
    assert.deepEqual(readdirSync(join(m.dataDir, 'meetings')), ['rdo'], 'nothing of the private room in the public directory');
    m.close();
  });

  it('leaves a shared minutes directory (sticky, as /tmp is) open to everyone, its own directories 0755', async () => {
    const shared = mkdtempSync(join(tmpdir(), 'rdobot-shared-minutes-'));
    chmodSync(shared, 0o1777);
    const m = await meetingBot(undefined, { minutesDir: shared });
    await m.say('#rdo', 'amoralej', '#startmeeting RDO meeting');
    await m.say('#rdo', 'amoralej', '#endmeeting');
    assert.equal((statSync(shared).mode & 0o7777).toString(8), '1777');
    assert.equal((statSync(join(shared, 'rdo')).mode & 0o7777).toString(8), '755');
    m.close();
  });
});

describe('meetings: what the minutes say and link to', () => {
  let m: Meeting;
  let row: MeetingRow;
  let ended: Reply;
  before(async () => {
    m = await meetingBot(undefined, { publicUrl: 'https://community.example.org/rdobot/' });
    await m.say('#rdo', 'amoralej', '#startmeeting RDO meeting');
    await m.say('#rdo', 'amoralej', '#topic CI \u202egnp.exe\u202c status\u200b');
    await m.say('#rdo', 'jpena', `#link ${REVIEW}`);
    await m.say('#rdo', 'jpena', 'plain chat   with   spaces');
    await m.say('#rdo', 'amoralej', '#action jpena: look at the failing jobs');
    ended = (await m.say('#rdo', 'amoralej', '#endmeeting'))!;
    row = rowNamed(m, '#rdo');
  });
  after(() => m.close());

  it('gives every address at the end, in full under HTTP_PUBLIC_URL', () => {
    const all = [ended.text, ...(ended.fields ?? []).map((f) => `${f.label}: ${f.value}`)].join('\n');
    const at = (format: string) => `https://community.example.org/rdobot/meetings/${row.base}.${format}`;
    for (const [label, format] of [['Minutes', 'html'], ['text', 'txt'], ['Markdown', 'md'], ['Log', 'log.html']]) assert.ok(all.includes(`${label}: ${at(format)}`), `${label} in ${all}`);
    assert.ok(file(m, row, 'txt').includes(`Full log: ${at('log.txt')}`), 'the text minutes name the log by its address');
  });

  it('writes Markdown whose links are the exact addresses (rendered by marked)', () => {
    for (const format of ['md', 'log.md']) {
      const rendered = marked.parse(file(m, row, format), { async: false });
      const hrefs = [...rendered.matchAll(/href="([^"]*)"/g)].map((h) => decodeHTML(h[1]));
      assert.ok(hrefs.includes(REVIEW), `${format}: ${hrefs.join(' ')}`);
      assert.ok(!hrefs.some((h) => h.includes('\\') || h.includes('%5C') || h.includes('&amp;')), hrefs.join(' '));
    }
    const rendered = marked.parse(file(m, row, 'md'), { async: false });
    assert.ok(rendered.includes(`href="https://community.example.org/rdobot/meetings/${row.base}.log.html"`));
  });

  it('writes HTML with relative addresses only, which work under a /rdobot/ prefix and saved to disk', () => {
    for (const format of ['html', 'log.html']) {
      const page = file(m, row, format);
      const served = new URL(`https://community.example.org/rdobot/meetings/${row.base}.${format}`);
      const refs = [...page.matchAll(/(?:href|src)="([^"]*)"/g)].map((r) => decodeHTML(r[1])).filter((r) => r !== REVIEW);
      assert.ok(refs.length > 3, format);
      for (const ref of refs) {
        assert.ok(!ref.startsWith('/') && !/^[a-z]+:/i.test(ref), `${format}: ${ref} is not relative`);
        assert.ok(new URL(ref, served).pathname.startsWith('/rdobot/'), `${format}: ${ref} leaves the prefix`);
      }
      assert.ok(refs.some((r) => new URL(r, served).pathname === '/rdobot/assets/page.css'), 'the style sheet');
      assert.ok(refs.some((r) => new URL(r, served).pathname === '/rdobot/meetings/rdo/'), 'a link back to the room’s index');
    }
  });

  it('anchors every log line and links each item to the line it was said on', () => {
    const log = file(m, row, 'log.html');
    const ids = new Set([...log.matchAll(/<li id="(l\d+)">/g)].map((x) => x[1]));
    // Every line up to the end; the bot's own end-of-meeting line, with the files' addresses, is logged once sent, after them.
    const said = m.t.bot.meetings.store.lines(row.id).filter((l) => !(l.bot && l.text.startsWith('Meeting ended')));
    assert.deepEqual([...ids], said.map((l) => `l${l.seq}`));
    const minutes = file(m, row, 'html');
    const links = [...minutes.matchAll(/href="[^"#]+\.log\.html#(l\d+)"/g)].map((x) => x[1]);
    assert.ok(links.length >= 3, 'topic items, link and action link to their lines');
    for (const id of links) assert.ok(ids.has(id), id);
    const action = /<li id="(l\d+)">.*#action jpena: look at the failing jobs/.exec(log)![1];
    assert.match(minutes, new RegExp(`look at the failing jobs <span>\\(amoralej, <a href="[^"]+\\.log\\.html#${action}">`));
  });

  it('cleans bidi and zero-width controls from the HTML as from the text, and keeps the log’s spacing', () => {
    for (const format of ['html', 'log.html', 'txt', 'md', 'log.txt', 'log.md']) assert.ok(!/[\u202a-\u202e\u200b-\u200f\u2066-\u2069]/.test(file(m, row, format)), format);
    assert.match(file(m, row, 'log.txt'), /<jpena> plain chat {3}with {3}spaces/);
  });

  it('links each item to its own line even when every line has the same time', async () => {
    const still = await fixtureBot({ archiveDirs: [FIXTURE_POSTS], meetingsDirs: [RUN_DEFINITIONS], dataDir: mkdtempSync(join(tmpdir(), 'rdobot-minutes-still-')) });
    const said = ['#startmeeting same second', '#topic first', 'just chat', '#info second', '#info third', '#endmeeting'];
    for (const text of said) await still.ask(text, { network: 'irc', room: '#rdo', user: { id: 'amoralej', name: 'amoralej', verified: false } });
    const done = still.bot.meetings.store.ended()[0];
    const seqOf = (text: string) => still.bot.meetings.store.lines(done.id).find((l) => l.text === text)!.seq;
    const minutes = readFileSync(join(still.bot.meetings.dir, `${done.base}.html`), 'utf8');
    const links = [...minutes.matchAll(/\.log\.html#l(\d+)"/g)].map((x) => Number(x[1]));
    assert.deepEqual(links, [seqOf('#topic first'), seqOf('#info second'), seqOf('#info third')]);
    still.bot.close();
  });

  it('registers each format once, each with its own extension', () => {
    assert.deepEqual(WRITERS.map((w) => w.format).sort(), [...MINUTES_FORMATS].sort());
  });
});
