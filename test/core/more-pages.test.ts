import assert from 'node:assert/strict';
import { renderIrc } from '../../adapters/irc/render.js';
import { fixedClock } from '../../src/core/router.js';
import type { Message, Reply } from '../../src/core/types.js';
import { wholeAnswer } from '../../src/main/ask.js';
import { fixtureBot, type TestBot } from '../helpers/bot.js';
import { fixtureRepliesBot } from '../helpers/replies.js';
import { DateTime } from 'luxon';

const CHANNEL: Partial<Message> = { maxLines: 4 };

/** Ask, then `!more` until the answer ends: every page, in order. */
async function allPages(t: TestBot, line: string, message: Partial<Message> = {}): Promise<Reply[]> {
  const pages = [(await t.ask(line, message))!];
  while (pages.at(-1)!.more?.command) {
    pages.push((await t.ask(pages.at(-1)!.more!.command!, message))!);
    assert.ok(pages.length < 50, 'the pages end');
  }
  return pages;
}

describe('!more reaches the end of every cut answer', () => {
  it('follows a channel list to its last item, each page saying how many remain', async () => {
    const t = await fixtureRepliesBot();
    const pages = await allPages(t, '!meeting list', CHANNEL);
    const items = pages.flatMap((p) => p.items ?? []);
    assert.equal(items.length, 7);
    let left = 7;
    for (const page of pages) {
      left -= page.items!.length;
      if (left > 0) assert.equal(page.more?.count, left);
      else assert.equal(page.more, undefined);
    }
    // As many items as the channel's four lines allow: the header and three, then four per page.
    assert.deepEqual(pages.map((p) => p.items!.length), [3, 4]);
  });

  it('gives a later page no repeated header: its lines are all items', async () => {
    const t = await fixtureRepliesBot();
    await t.ask('!meeting list', CHANNEL);
    const next = (await t.ask('!more', CHANNEL))!;
    const lines = renderIrc(next, { bold: false, maxLines: 4 });
    assert.equal(lines.length, 4);
    assert.ok(lines.every((l) => !l.startsWith('(continued)')), lines.join('\n'));
  });

  it('reaches every command of !help all in a channel in a few pages', async () => {
    const t = await fixtureRepliesBot();
    const pages = await allPages(t, '!help all', CHANNEL);
    const titles = pages.flatMap((p) => p.items!.map((i) => i.title));
    assert.ok(titles.some((title) => title.startsWith('!week')) && titles.some((title) => title.startsWith('!about')));
    assert.ok(pages.length <= 5, `${pages.length} pages`);
  });

  it('never cuts the help for one command (!help interview), even in a channel', async () => {
    const t = await fixtureRepliesBot();
    const reply = (await t.ask('!help interview', CHANNEL))!;
    assert.equal(reply.more, undefined);
    const lines = renderIrc(reply, { bold: false, maxLines: 4 });
    for (const sub of ['latest', 'list', 'search', 'random']) assert.ok(lines.some((l) => l.startsWith(`!interview ${sub}`)), `${sub} in ${lines.join('\n')}`);
    assert.ok(lines.every((l) => !/more line/.test(l)));
  });

  it('follows a list the terminal cut at its item limit (!testday list, !post search, !interview list) to the end', async () => {
    const t = await fixtureBot({ limits: { maxLineChars: 300, maxSummaryChars: 200, maxItems: 2 } });
    for (const line of ['!testday list', '!post search kestrel', '!interview list']) {
      const pages = await allPages(t, line);
      const last = pages.at(-1)!;
      assert.equal(last.more, undefined, `${line} ends`);
      assert.ok(pages.length >= 2, `${line} took ${pages.length} pages`);
    }
  });

  it('gives the one-shot answer whole: every item asked for, and no !more', async () => {
    const t = await fixtureBot({ limits: { maxLineChars: 300, maxSummaryChars: 200, maxItems: 2 } });
    const first = (await t.ask('!interview list 100'))!;
    assert.equal(first.more?.command, '!more');
    const whole = await wholeAnswer(first, (text) => t.ask(text));
    assert.equal(whole.items!.length, 5);
    assert.equal(whole.more, undefined);
    assert.doesNotMatch(JSON.stringify(whole), /!more/);
  });
});

describe('--now is the moment the archive is read at', () => {
  const at = async (iso: string) => fixtureBot({ clock: fixedClock(DateTime.fromISO(iso, { zone: 'utc' })) });

  it('answers !interview latest with the newest interview on or before then', async () => {
    const t = await at('2016-02-01T00:00:00Z');
    assert.match((await t.ask('!interview latest'))!.text, /^Zoë Ñúñez talks about packaging with RPM/);
  });

  it('answers !post latest with the newest post written by then', async () => {
    const t = await at('2014-01-01T00:00:00Z');
    assert.match((await t.ask('!post latest'))!.text, /^Hello from the packaging team/i);
  });

  it('lists, searches and counts only the posts written by then', async () => {
    const t = await at('2015-01-01T00:00:00Z');
    const list = (await t.ask('!interview list'))!;
    assert.deepEqual(list.items!.map((i) => i.title), ['Podcast: Tomasz Wiśniewski on Ceph and RDO']);
    const search = (await t.ask('!post search tempest'))!;
    assert.ok(search.items!.every((i) => i.when! <= DateTime.fromISO('2015-01-01T00:00:00Z')));
    assert.match((await t.ask('!post stats'))!.text, /^3 posts$/);
  });

  it('lists as new on !week only the posts written by then, not that day\'s later ones', async () => {
    const t = await at('2016-04-07T16:00:00Z');
    const titles = (await t.ask('!week today'))!.items!.map((i) => i.title);
    // Of that day's two posts, 14:30 and 18:05 UTC, only the first is written at 16:00.
    assert.deepEqual(titles.filter((title) => title.startsWith('What did you do in Kestrel?')).length, 1, titles.join(' | '));
  });
});
