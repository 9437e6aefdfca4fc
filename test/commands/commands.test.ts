import assert from 'node:assert/strict';
import { corpusBot, describeCorpus, FIXTURE_LATEST, fixtureBot, SAMPLE_ROOT, type TestBot } from '../helpers/bot.js';

describeCorpus('commands over the RDO blog', () => {
  let t: TestBot;
  before(async () => {
    t = await corpusBot();
  });

  it('answers !interview latest with the newest interview post', async () => {
    const reply = (await t.ask('!interview latest'))!;
    assert.equal(reply.kind, 'answer');
    assert.match(reply.text, /^What did you do in Mitaka\? Adam Young — 2016-05-06 20:08 UTC by rbowen$/);
    assert.equal(reply.link, 'https://www.rdoproject.org/blog/2016/05/what-did-you-do-in-mitaka-adam-young/');
    assert.match(reply.items![0].summary!, /I speak to Adam Young about Keystone/);
    assert.deepEqual(reply.items![0].fields!.find((f) => f.label === 'person'), { label: 'person', value: 'Adam Young' });
  });

  it('shows the time in the asker\'s zone with --tz', async () => {
    const reply = (await t.ask('rdobot: interview latest --tz Europe/Paris'))!;
    assert.match(reply.text, /2016-05-06 22:08 Europe\/Paris \(20:08 UTC\)/);
  });

  it('lists interviews newest first, including the Mitaka series and the Ohad Levy podcast', async () => {
    const reply = (await t.ask('!interview list'))!;
    const titles = reply.items!.map((i) => i.title);
    // 14 by the hand labels (test/labels): "Interview with Floss Weekly" announces an interview to come.
    assert.equal(reply.text, '14 interview posts, newest first:');
    assert.ok(!titles.some((title) => /floss weekly/i.test(title)));
    assert.equal(titles[0], 'What did you do in Mitaka? Adam Young');
    assert.equal(titles.filter((title) => /^what did you do in mitaka/i.test(title)).length, 8);
    assert.ok(titles.includes('Podcast: Ohad Levy on RDO and the Foreman'));
    assert.equal(reply.more, undefined);
    const three = (await t.ask('!interview list 3'))!;
    assert.equal(three.text, '14 interview posts, newest first (showing the newest 3):');
    // Asked for 3, the answer is complete: nothing points at !more.
    assert.equal(three.more, undefined);
    // However many there are, a page stays within the item limit, and !more shows the rest.
    const tagged = (await t.ask('!post tag openstack'))!;
    assert.ok(tagged.items!.length <= 20);
  });

  it('searches interviews and says why each matched', async () => {
    const reply = (await t.ask('!interview search keystone'))!;
    assert.equal(reply.items![0].title, 'What did you do in Mitaka? Adam Young');
    assert.match(reply.items![0].match!, /keystone/);
  });

  it('finds posts by search, insensitive to accents, and by tag', async () => {
    assert.equal((await t.ask('!post search haikel guemar'))!.items![0].title, 'What did you do in MItaka? Haïkel Guémar');
    assert.match((await t.ask('!post search tempest'))!.items![0].title, /Tempest/);
    const tagged = (await t.ask('!post tag mitaka'))!;
    assert.equal(tagged.items![0].title, 'What did you do in Mitaka? David Moreau Simard');
    assert.equal((await t.ask('!post tag nosuchtag'))!.text, "No post is tagged 'nosuchtag'.");
  });

  it('answers !post stats with posts per year, top tags and top authors in one short answer', async () => {
    const reply = (await t.ask('!post stats'))!;
    assert.equal(reply.text, '217 posts');
    assert.deepEqual(reply.fields!.map((f) => f.label), ['per year', 'top tags', 'top authors']);
    assert.match(reply.fields![0].value, /^2013 \d+, 2014 \d+, 2015 \d+, 2016 \d+/);
    assert.match(reply.fields![2].value, /^rbowen \d+/);
  });

  it('answers !post latest with the newest published post', async () => {
    const reply = (await t.ask('!post latest'))!;
    assert.equal(reply.link, t.bot.archive.all()[0].url);
  });

  it('picks a random interview through the injected picker', async () => {
    assert.equal((await t.ask('!interview random'))!.link, t.bot.archive.latest('interview')!.url);
  });

  it('says clearly when a search finds nothing', async () => {
    const reply = (await t.ask('!interview search xyzzyplugh'))!;
    assert.equal(reply.kind, 'error');
    assert.equal(reply.text, "No interview post matches 'xyzzyplugh'.");
  });

  it('tells what it is with !about and !version', async () => {
    assert.match((await t.ask('!about'))!.text, /^rdobot \d+\.\d+\.\d+, the RDO community bot\. It knows 21\d posts, 14 interviews/);
    assert.match((await t.ask('!version'))!.text, /^rdobot \d+\.\d+\.\d+ on Node\.js 22\./);
  });
});

describe('commands over the sample archive', () => {
  it('answers from examples/posts and hides unpublished drafts', async () => {
    const t = await fixtureBot({ archiveDirs: [`${SAMPLE_ROOT}posts`] });
    assert.equal((await t.ask('!interview latest'))!.items![0].title, 'What did you do in Flamingo? Ana Example');
    const all = t.bot.archive.all().map((p) => p.title);
    assert.ok(!all.some((title) => /draft/i.test(title)));
  });
});

describe('commands over the fixture archive', () => {
  let t: TestBot;
  before(async () => {
    t = await fixtureBot();
  });

  it('answers !interview latest with the newest interview post, its person and its first paragraph', async () => {
    const reply = (await t.ask('!interview latest'))!;
    assert.equal(reply.kind, 'answer');
    assert.ok(reply.text.startsWith(`${FIXTURE_LATEST.title} — ${FIXTURE_LATEST.when} by ${FIXTURE_LATEST.author}`), reply.text);
    assert.equal(reply.link, FIXTURE_LATEST.url);
    // The greeting that opens the post is not its summary; the person is cut from the title's topic.
    assert.equal(reply.items![0].summary, 'In this installment I spoke with Priya Raman about what it takes to keep the RDO CI pipeline green.');
    assert.equal(reply.items![0].fields!.find((f) => f.label === 'person')!.value, FIXTURE_LATEST.person);
  });

  it("shows a post's time in the asker's zone with its own UTC date beside it", async () => {
    const reply = (await t.ask('rdobot: interview latest --tz Asia/Kolkata'))!;
    assert.match(reply.text, /2016-06-03 01:38 Asia\/Kolkata \(2016-06-02 20:08 UTC\) by rhenderson$/);
    assert.deepEqual(reply.items![0].fields!.find((f) => f.label === 'date'), { label: 'date', value: '2016-06-03 01:38 Asia/Kolkata (2016-06-02 20:08 UTC)' });
  });

  it('lists interviews newest first, whatever the series wording, and never the round-up, the call for interviewees or the events post', async () => {
    const reply = (await t.ask('!interview list'))!;
    const titles = reply.items!.map((i) => i.title);
    assert.deepEqual(titles, [
      'Interview with Priya Raman: keeping RDO CI green',
      'What did you do in Kestrel? Ana Lima and Joe Bloggs',
      'What did you do in Kestrel? Mariana de la Cruz',
      'Zoë Ñúñez talks about packaging with RPM',
      'Podcast: Tomasz Wiśniewski on Ceph and RDO',
    ]);
    assert.equal(reply.more, undefined);
    const two = (await t.ask('!interview list 2'))!;
    assert.equal(two.items!.length, 2);
    assert.equal(two.more, undefined);
  });

  it('searches interviews by person and topic and says why each matched', async () => {
    const reply = (await t.ask('!interview search dashboard'))!;
    assert.equal(reply.items![0].title, 'What did you do in Kestrel? Mariana de la Cruz');
    assert.match(reply.items![0].match!, /dashboard/);
    assert.equal((await t.ask('!interview search mariana de la cruz'))!.items![0].title, 'What did you do in Kestrel? Mariana de la Cruz');
  });

  it('finds posts by search, insensitive to accents, and by tag', async () => {
    assert.equal((await t.ask('!post search zoe nunez'))!.items![0].title, 'Zoë Ñúñez talks about packaging with RPM');
    assert.equal((await t.ask('!post search wisniewski'))!.items![0].title, 'Podcast: Tomasz Wiśniewski on Ceph and RDO');
    assert.match((await t.ask('!post search tempest'))!.items![0].title, /Tempest/);
    const tagged = (await t.ask('!post tag kestrel'))!;
    assert.equal(tagged.items![0].title, 'RDO Kestrel released');
    assert.equal((await t.ask('!post tag planning'))!.items![0].title, 'Kestrel planning notes');
    assert.equal((await t.ask('!post tag nosuchtag'))!.text, "No post is tagged 'nosuchtag'.");
  });

  it('answers !post stats with posts per year, top tags and top authors in one short answer', async () => {
    const reply = (await t.ask('!post stats'))!;
    assert.equal(reply.text, '16 posts');
    assert.deepEqual(reply.fields!.map((f) => f.label), ['per year', 'top tags', 'top authors']);
    assert.equal(reply.fields![0].value, '2013 1, 2014 2, 2015 4, 2016 9');
    assert.match(reply.fields![2].value, /^rhenderson 9, jdoe 5/);
  });

  it('answers !post latest with the newest published post, never the draft', async () => {
    const reply = (await t.ask('!post latest'))!;
    assert.equal(reply.items![0].title, 'RDO Kestrel released');
    assert.equal(reply.link, t.bot.archive.all()[0].url);
  });

  it('picks a random interview through the injected picker', async () => {
    assert.equal((await t.ask('!interview random'))!.link, FIXTURE_LATEST.url);
  });

  it('says clearly when a search finds nothing', async () => {
    const reply = (await t.ask('!interview search xyzzyplugh'))!;
    assert.equal(reply.text, "No interview post matches 'xyzzyplugh'.");
  });

  it('tells what it is with !about and !version', async () => {
    assert.match((await t.ask('!about'))!.text, /^rdobot \d+\.\d+\.\d+, the RDO community bot\. It knows 16 posts, 5 interviews, 4 meetings/);
    assert.match((await t.ask('!version'))!.text, /^rdobot \d+\.\d+\.\d+ on Node\.js 22\./);
  });
});
