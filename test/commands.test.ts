import assert from 'node:assert/strict';
import { corpusBot, SAMPLE_ROOT, type TestBot } from './helpers/bot.js';

describe('commands over the RDO blog corpus', () => {
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
    assert.match(reply.text, /2016-05-06 22:08 Europe\/Paris/);
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
    assert.equal(three.text, '14 interview posts, newest first (showing 3):');
    assert.deepEqual(three.more, { count: 11, link: undefined });
    // However many are asked for, a reply stays within its limit.
    assert.equal((await t.ask('!post tag openstack'))!.items!.length, 5);
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
    const t = await corpusBot({ archiveDirs: [`${SAMPLE_ROOT}posts`] });
    assert.equal((await t.ask('!interview latest'))!.items![0].title, 'What did you do in Flamingo? Ana Example');
    const all = t.bot.archive.all().map((p) => p.title);
    assert.ok(!all.some((title) => /draft/i.test(title)));
  });
});
