import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { fixedClock } from '../../src/core/router.js';
import { archiveAt } from '../../src/archive/archive-at.js';
import { calendarText } from '../../src/main/calendar.js';
import { whatsOn } from '../../src/web/whats-on.js';
import { linksOf } from '../../src/schedule/announced/links.js';
import { announcedEvents } from '../../src/schedule/announced/post-events.js';
import { FIXTURES, fixtureBot } from '../helpers/bot.js';

/** Issue 32: the first hour, again. Each reproduction of the issue, on invented fixtures. */

const at = (iso: string) => fixedClock(DateTime.fromISO(iso, { zone: 'utc' }));
/** The fixtures' archive in mid-June 2016: interviews, tempest posts, the Kestrel test days. */
const june2016 = () => fixtureBot({ clock: at('2016-06-15T12:00:00Z') });
const asked = (q: string) => `rdobot: ${q}`;

describe('no question falls through (issue 32)', function () {
  this.timeout(20_000);

  it('answers a question no command fits from the archive: "anything about tempest?" finds the Tempest posts', async () => {
    const { ask } = await june2016();
    const r = (await ask(asked('anything about tempest?')))!;
    assert.match(r.text, /^I found 2 posts about 'tempest'/);
    assert.deepEqual(r.items?.map((i) => i.title).sort(), ['How to run Tempest against your cloud', 'Tempest tips for packagers']);
  });

  it("finds a person's interview by their name alone", async () => {
    const { ask } = await june2016();
    for (const q of ['tell me about Priya Raman', 'who is Mariana de la Cruz?']) {
      const r = (await ask(asked(q)))!;
      assert.match(r.text, /^I found \d+ posts? about/, q);
      assert.match(r.items?.[0]?.title ?? '', q.includes('Priya') ? /Priya Raman/ : /Mariana de la Cruz/, q);
    }
  });

  it('still says it cannot help when nothing in the archive matches either', async () => {
    const { ask } = await june2016();
    assert.match((await ask(asked('can you order pizza')))!.text, /^Sorry, I can't answer that/);
  });

  it('reads minutes, action items and votes in plain words', async () => {
    const { ask } = await june2016();
    assert.match((await ask(asked('where are the minutes of the last meeting')))!.text, /^No minutes yet/);
    assert.match((await ask(asked('what did we vote on in the last meeting?')))!.text, /^No minutes yet/);
    assert.doesNotMatch((await ask(asked('what action items are open?')))!.text, /Sorry|not sure/);
  });

  it('says who it is and what RDO is to "what can you do", "tell me about yourself" and "what is RDO"', async () => {
    const { ask } = await june2016();
    for (const q of ['what can you do?', 'tell me about yourself', 'what is RDO?', 'what is rdo']) {
      const r = (await ask(asked(q)))!;
      assert.match(r.text, /^rdobot .*, the RDO community bot/, q);
      assert.match(r.fields?.find((f) => f.label === 'RDO')?.value ?? '', /packages OpenStack/, q);
    }
  });

  it('answers "thanks" and "hello" with one short line', async () => {
    const { ask } = await june2016();
    for (const [q, want] of [['thanks!', /^You're welcome!$/], ['thank you so much', /^You're welcome!$/], ['ok thanks, that helps!', /^You're welcome!$/], ['gracias', /^You're welcome!$/], ['how are you?', /^I'm fine, thanks!/], ['hello', /^Hello! .*!help/], ['hi there', /^Hello!/]] as const) {
      const r = (await ask(asked(q)))!;
      assert.match(r.text, want, q);
      assert.equal(r.text.includes('\n'), false);
      assert.equal(r.items, undefined);
    }
  });

  it('answers another language in English, saying it reads English, with the closest command it recognised', async () => {
    const { ask } = await june2016();
    for (const [q, command] of [
      ['¿Qué reunión hay mañana?', '!meeting next'],
      ['Когда следующая встреча?', '!meeting next'],
      ['Wann ist der nächste Testtag?', '!testday next'],
      ['Quand est la prochaine réunion ?', '!meeting next'],
    ]) {
      const r = (await ask(asked(q)))!;
      assert.match(r.text, /^I read English only/, q);
      assert.ok(r.text.includes(`closest command I recognised is ${command}`), `${q}: ${r.text}`);
    }
  });

  it('reads a list number or bullet at the start of a line as no count', async () => {
    const { ask } = await june2016();
    const r = (await ask(asked('2. list interviews')))!;
    assert.match(r.text, /^5 interview posts, newest first:$/);
    assert.match((await ask(asked('- latest post')))!.text, /^Upcoming events: June/);
  });

  it('lists interviews for "show me some interviews"', async () => {
    const { ask } = await june2016();
    assert.match((await ask(asked('show me some interviews')))!.text, /^5 interview posts, newest first/);
  });

  it('finds the question inside a long polite one', async () => {
    const { ask } = await june2016();
    const r = (await ask(asked("Hello! I'm new to the RDO community and I was wondering where I can find out when the next meeting is?")))!;
    assert.match(r.text, /^Quarry Team Meeting — /);
  });
});

describe('the past knows nothing of later posts (issue 32)', function () {
  this.timeout(20_000);
  const later = (iso: string) => fixtureBot({ clock: at(iso), archiveDirs: [join(FIXTURES, 'announced-later/posts')], eventsDirs: [] });

  it('knows no test day read from a post published after now', async () => {
    const { ask } = await later('2028-07-01T12:00:00Z');
    assert.match((await ask('!testday list'))!.text, /^No test days are known/);
    assert.match((await ask('!about'))!.text, /0 test days, 0 doc days/);
  });

  it('titles an entry by the event\'s own name, never by the newsletter that mentions it, and takes its link from the Markdown', async () => {
    const { ask } = await later('2028-09-02T12:00:00Z');
    const r = (await ask('!testday list'))!;
    assert.deepEqual(
      r.items?.map((i) => `${i.title} ${i.link}`),
      ['Quill RC test day http://rdoproject.example/testday/quill/rc/', 'Quill M3 test day, August 10th – 11th http://rdoproject.example/testday/quill/milestone3/'],
    );
    assert.match((await ask('!about'))!.text, /2 test days, 0 doc days/);
  });

  it('leaves a test day read from a later post out of the calendar feed and the community page too', async () => {
    const early = DateTime.fromISO('2028-07-01T12:00:00Z', { zone: 'utc' });
    const { bot } = await later('2028-07-01T12:00:00Z');
    assert.doesNotMatch(calendarText(bot, early), /Quill/);
    assert.equal(whatsOn(bot.schedule, archiveAt(bot.archive, early), early).nextTestDay, undefined);
    const september = DateTime.fromISO('2028-09-02T12:00:00Z', { zone: 'utc' });
    assert.match(calendarText(bot, september), /Quill RC test day/);
  });

  it('reads no test day from "in today\'s IRC meeting we talked about test day"', async () => {
    const { ask } = await later('2028-12-01T12:00:00Z');
    const r = (await ask('!testday list'))!;
    assert.equal(r.items?.length, 2);
    assert.doesNotMatch(JSON.stringify(r.items), /Upcoming changes|2028-11-29|\]\(/);
  });
});

describe('counts agree (issue 32)', function () {
  this.timeout(20_000);

  it('!week counts meetings and test days ahead, doc days as doc days, and posts of the last 7 days', async () => {
    const { ask } = await fixtureBot({ clock: at('2016-06-21T12:00:00Z') });
    const r = (await ask('!week'))!;
    assert.match(r.text, /^The coming 7 days, times in UTC: \d+ meetings?, 1 doc day, 0 test days; 1 post new in the last 7 days$/);
  });

  it('!about counts what !testday list lists, test days and doc days apart', async () => {
    const { ask } = await june2016();
    const list = (await ask('!testday list'))!;
    const about = (await ask('!about'))!.text;
    const docs = list.items!.filter((i) => /doc day/i.test(`${i.title} ${i.meta}`)).length;
    assert.ok(about.includes(`${list.items!.length - docs} test days, ${docs} doc day`), `${about} vs ${list.items!.length} listed`);
  });

  it('!meeting list says a far date once: "next Thu 2016-01-07", not "…, on 2016-01-07" as well', async () => {
    const { ask } = await fixtureBot({ clock: at('2015-06-15T00:00:00Z') });
    const r = (await ask('!meeting list'))!;
    for (const i of r.items ?? []) assert.doesNotMatch(i.meta ?? '', /next \w{3} (\d{4}-\d\d-\d\d), on \1/);
  });
});

describe('the announced-dates reader, on held-out shapes (issue 32)', () => {
  const post = (title: string, body: string, date: string) => ({ title, body, date: DateTime.fromISO(date, { zone: 'utc' }), zone: 'UTC' });

  it('takes links from the Markdown as parsed: a link is its address, never the text after it', () => {
    assert.deepEqual(linksOf('See the [page](http://rdoproject.example/testday/quill/milestone2/) and http://example.org/x.'), [
      'http://rdoproject.example/testday/quill/milestone2/',
      'http://example.org/x',
    ]);
    const [e] = announcedEvents(post('Quill M3 test day', 'The Quill M3 test day is on August 10th and 11th: see [the page](http://rdoproject.example/testday/quill/m3/).', '2028-08-01T00:00:00Z'));
    assert.equal(e.link, 'http://rdoproject.example/testday/quill/m3/');
  });

  it('reads "today" as the event\'s day only when the sentence says the event is today', () => {
    const told = "In today's IRC meeting, we were brainstorming about ways to improve participation in test day.";
    assert.deepEqual(announcedEvents(post('Upcoming changes to test day', told, '2028-11-29T16:00:00Z')), []);
    const [today] = announcedEvents(post('Quill test day', 'The Quill test day is today: join us in #rdo.', '2028-11-29T08:00:00Z'));
    assert.equal(today?.start.toISODate(), '2028-11-29');
  });
});
