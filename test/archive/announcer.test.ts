import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnnounceStore } from '../../src/archive/announce-store.js';
import { Announcer, type Deliver } from '../../src/archive/announcer.js';
import { SendAborted } from '../../src/core/handoff.js';
import type { Reply } from '../../src/core/types.js';
import { FIXTURE_COUNTS, FIXTURE_POSTS, fixtureBot, type TestBot } from '../helpers/bot.js';
import { until } from '../helpers/wait.js';

const post = (title: string, date: string, extra = '', body = `About ${title}.`) => `---\ntitle: ${title}\nauthor: tester\ndate: ${date}\n${extra}---\n\n${body}\n`;
const TARGETS = { posts: ['irc:#rdo', 'slack:C123'], interviews: ['irc:#rdo', 'matrix:!pod:example.org'] };

describe('announcements of new posts', () => {
  let dir: string;
  let storeFile: string;
  let delivered: { target: string; reply: Reply }[];
  // A network that is always up: the announcement is claimed as it is handed over.
  const deliver: Deliver = async (target, reply, handoff) => {
    const now = handoff ? handoff.claim() : reply;
    if (now) delivered.push({ target, reply: now });
  };

  /** One bot lifetime: load, announce what is due, follow the directory. */
  async function start(): Promise<{ t: TestBot; announcer: Announcer; store: AnnounceStore }> {
    const t = await fixtureBot({ archiveDirs: [dir] });
    const store = new AnnounceStore(storeFile);
    const announcer = new Announcer(store, TARGETS, deliver);
    t.bot.live.onUpdate((u) => void announcer.handle(u));
    await t.bot.load();
    t.bot.follow();
    await announcer.idle();
    return { t, announcer, store };
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rdobot-ann-'));
    cpSync(FIXTURE_POSTS, dir, { recursive: true });
    storeFile = join(mkdtempSync(join(tmpdir(), 'rdobot-ann-state-')), 'state.sqlite');
    delivered = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('does not flood channels with the back catalogue on a first start', async () => {
    const { t, store } = await start();
    assert.deepEqual(delivered, []);
    assert.equal(store.count('baseline'), FIXTURE_COUNTS.published);
    await t.bot.stop();
  });

  it('announces a new post once, and a new interview into the interview channels', async () => {
    const { t, announcer } = await start();
    writeFileSync(join(dir, '2017-03-01-ocata-is-out.html.md'), post('Ocata is out', '2017-03-01 10:00:00 UTC'));
    await until(() => delivered.length === 2, 2000, 'the post announcement');
    writeFileSync(join(dir, '2017-03-02-what-did-you-do-in-ocata-jane-doe.html.md'), post('What did you do in Ocata? Jane Doe', '2017-03-02 10:00:00 UTC', '', 'I spoke with Jane Doe about Ocata.\n\n<iframe src="https://www.youtube.com/embed/zz08EXAMPLE"></iframe>'));
    await until(() => delivered.length === 5, 2000, 'the interview announcement');
    // Touching the file again (an edit) does not announce it again.
    writeFileSync(join(dir, '2017-03-01-ocata-is-out.html.md'), post('Ocata is out!', '2017-03-01 10:00:00 UTC'));
    await new Promise((r) => setTimeout(r, 300));
    await announcer.idle();
    assert.deepEqual(
      delivered.map((d) => `${d.target} ${d.reply.text}`),
      [
        'irc:#rdo New on the blog: Ocata is out (by tester)',
        'slack:C123 New on the blog: Ocata is out (by tester)',
        'irc:#rdo New interview with Jane Doe: What did you do in Ocata? Jane Doe',
        'matrix:!pod:example.org New interview with Jane Doe: What did you do in Ocata? Jane Doe',
        'slack:C123 New on the blog: What did you do in Ocata? Jane Doe (by tester)',
      ],
    );
    assert.equal(delivered[0].reply.link, 'https://www.rdoproject.org/blog/2017/03/ocata-is-out/');
    await t.bot.stop();
  });

  it('never announces twice across a restart, and announces what arrived while it was down', async () => {
    const first = await start();
    writeFileSync(join(dir, '2017-03-01-ocata-is-out.html.md'), post('Ocata is out', '2017-03-01 10:00:00 UTC'));
    await until(() => delivered.length === 2, 2000, 'the first announcement');
    await first.t.bot.stop();
    first.store.close();

    writeFileSync(join(dir, '2017-03-05-pike-planning.html.md'), post('Pike planning', '2017-03-05 10:00:00 UTC'));
    const second = await start();
    assert.deepEqual(delivered.map((d) => d.reply.text), [
      'New on the blog: Ocata is out (by tester)',
      'New on the blog: Ocata is out (by tester)',
      'New on the blog: Pike planning (by tester)',
      'New on the blog: Pike planning (by tester)',
    ]);
    await second.t.bot.stop();
    second.store.close();
  });

  /** A second life of the bot that dies (its store closed) while `deliver` holds the IRC announcement of a new post. */
  async function dieDuring(deliver: Deliver): Promise<void> {
    const first = await start();
    await first.t.bot.stop();
    first.store.close();
    const store = new AnnounceStore(storeFile);
    const announcer = new Announcer(store, TARGETS, deliver);
    writeFileSync(join(dir, '2017-03-01-ocata-is-out.html.md'), post('Ocata is out', '2017-03-01 10:00:00 UTC'));
    const t = await fixtureBot({ archiveDirs: [dir] });
    void announcer.handle({ root: dir, initial: false, changes: [{ kind: 'added', post: t.bot.archive.latest()! }] });
    await new Promise((r) => setTimeout(r, 50));
    store.close();
  }

  it('does not resend an announcement that a crash interrupted while it was being written', async () => {
    // Claimed (handed to the connection), never confirmed; Slack's turn never came.
    await dieDuring((_target, _reply, handoff) => {
      handoff?.claim();
      return new Promise(() => {});
    });
    const restarted = await start();
    assert.deepEqual(delivered.map((d) => d.target), ['slack:C123'], 'IRC was claimed before the crash: not sent again');
    assert.equal(restarted.store.count('failed'), 1);
    await restarted.t.bot.stop();
    restarted.store.close();
  });

  it('announces after a restart what was still queued (unclaimed) when the bot died, once', async () => {
    // Waiting in the IRC flood queue, never claimed: due again.
    await dieDuring(() => new Promise(() => {}));
    const restarted = await start();
    assert.deepEqual(delivered.map((d) => `${d.target} ${d.reply.text}`), ['irc:#rdo New on the blog: Ocata is out (by tester)', 'slack:C123 New on the blog: Ocata is out (by tester)']);
    assert.equal(restarted.store.count('sent'), 2);
    await restarted.t.bot.stop();
    restarted.store.close();
  });

  it('on stop hands over nothing more and announces the rest at the next start, each once', async () => {
    const first = await start();
    const posts = ['Ocata is out', 'Pike planning', 'Queens ideas'].map((title, i) => {
      writeFileSync(join(dir, `2017-03-0${i + 1}-${title.toLowerCase().replace(/ /g, '-')}.html.md`), post(title, `2017-03-0${i + 1} 10:00:00 UTC`));
      return title;
    });
    await first.t.bot.stop();
    first.store.close();
    const t = await fixtureBot({ archiveDirs: [dir] });
    const store = new AnnounceStore(storeFile);
    // An IRC queue that lets one line out, then the bot stops: the queue gives back what it holds, unclaimed.
    const held: { reject: (err: Error) => void }[] = [];
    let outOnIrc = 0;
    const announcer = new Announcer(store, TARGETS, async (target, reply, handoff) => {
      if (target === 'irc:#rdo' && outOnIrc++ > 0) return new Promise<void>((_resolve, reject) => held.push({ reject }));
      await deliver(target, reply, handoff);
    });
    const added = posts.map((title) => t.bot.archive.all().find((p) => p.title === title)!);
    const done = announcer.handle({ root: dir, initial: false, changes: added.map((p) => ({ kind: 'added' as const, post: p })) });
    await until(() => held.length === 1, 2000, 'the second post to wait in the IRC queue');
    announcer.halt();
    held.splice(0).forEach((h) => h.reject(new SendAborted()));
    await done;
    store.close();
    assert.deepEqual(delivered.map((d) => `${d.target} ${d.reply.text}`), [
      'irc:#rdo New on the blog: Ocata is out (by tester)',
      'slack:C123 New on the blog: Ocata is out (by tester)',
    ]);

    const restarted = await start();
    assert.deepEqual(delivered.map((d) => `${d.target} ${d.reply.text}`).slice(2), [
      'irc:#rdo New on the blog: Pike planning (by tester)',
      'slack:C123 New on the blog: Pike planning (by tester)',
      'irc:#rdo New on the blog: Queens ideas (by tester)',
      'slack:C123 New on the blog: Queens ideas (by tester)',
    ]);
    assert.equal(restarted.store.count('sent'), 6);
    await restarted.t.bot.stop();
    restarted.store.close();
  });

  it('tells a failed delivery apart and goes on with the next target', async () => {
    const store = new AnnounceStore(':memory:');
    const t = await fixtureBot();
    const flaky: Deliver = async (target, reply, handoff) => {
      if (target === 'irc:#rdo') throw new Error('not connected');
      await deliver(target, reply, handoff);
    };
    const outcomes: string[] = [];
    const announcer = new Announcer(store, TARGETS, flaky, undefined, undefined, (o) => outcomes.push(o));
    await announcer.handle({ root: 'x', initial: false, changes: [{ kind: 'added', post: t.bot.archive.all('interview')[0] }] });
    assert.deepEqual(delivered.map((d) => d.target), ['matrix:!pod:example.org', 'slack:C123']);
    assert.equal(store.count('failed'), 1);
    assert.deepEqual(outcomes.sort(), ['failed', 'sent', 'sent'], 'each outcome is counted for /metrics');
  });
});
