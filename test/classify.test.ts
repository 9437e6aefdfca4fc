import assert from 'node:assert/strict';
import { Archive } from '../src/archive/archive.js';
import { Classifier, DEFAULT_CLASSIFY } from '../src/archive/classify.js';
import { loadPostDirectory } from '../src/archive/loader.js';
import { DEFAULT_PERMALINK } from '../src/archive/permalink.js';
import { CORPUS_POSTS } from './helpers/bot.js';

describe('classification of posts', () => {
  let archive: Archive;
  before(async () => {
    const { posts } = await loadPostDirectory(CORPUS_POSTS, { permalink: DEFAULT_PERMALINK, classifier: new Classifier() });
    archive = new Archive(posts);
  });

  it('finds the newest interview: Adam Young, later the same day as David Moreau Simard', () => {
    const latest = archive.latest('interview')!;
    assert.equal(latest.title, 'What did you do in Mitaka? Adam Young');
    assert.equal(latest.person, 'Adam Young');
    assert.equal(archive.all('interview')[1].title, 'What did you do in Mitaka? David Moreau Simard');
  });

  it('counts the whole 2016 Mitaka series and the 2014 Ohad Levy podcast as interviews', () => {
    const titles = archive.all('interview').map((p) => p.title);
    assert.equal(titles.filter((t) => /^what did you do in mitaka/i.test(t)).length, 8);
    assert.ok(titles.includes('Podcast: Ohad Levy on RDO and the Foreman'));
  });

  it('recognises interviews without any interview tag, from transcript and audio', () => {
    const kyle = archive.all().find((p) => p.slug === 'kyle-mestery-and-the-future-of-neutron')!;
    assert.deepEqual(kyle.kinds, ['interview']);
    assert.equal(kyle.person, 'Kyle Mestery');
  });

  it('does not take a conference talk video for an interview', () => {
    const talk = archive.all().find((p) => p.slug === 'david-moreau-simard-at-openstack-montreal')!;
    assert.ok(!talk.kinds.includes('interview'));
  });

  it('names the person from each title form', () => {
    const person = (slug: string) => archive.all().find((p) => p.slug === slug)?.person;
    assert.equal(person('what-did-you-do-in-mitaka-ihar-hrachyshka-talks-about-neutron'), 'Ihar Hrachyshka');
    assert.equal(person('what-did-you-do-in-mitaka-ivan-chavero'), 'Ivan Chavero');
    assert.equal(person('what-did-you-do-in-mitaka-haikel-guemar'), 'Haïkel Guémar');
    assert.equal(person('dims-talks-about-the-oslo-project'), 'Dims');
    assert.equal(person('podcast-ohad-levy-on-rdo-and-the-foreman'), 'Ohad Levy');
  });

  it('marks test-day announcements but not test-day summaries', () => {
    const testdays = archive.all('testday').map((p) => p.slug);
    assert.ok(testdays.includes('rdo-mitaka-3-test-day-march-10th-11th'));
    assert.ok(!testdays.includes('rdo-test-day-summary'));
  });

  it('takes its rules as data: a config can add a kind of evidence', () => {
    const custom = new Classifier({
      ...DEFAULT_CLASSIFY,
      rules: [...DEFAULT_CLASSIFY.rules, { kind: 'interview', field: 'title', pattern: '^fireside chat', weight: 2 }],
    });
    assert.deepEqual(custom.classify({ title: 'Fireside chat with the PTL', tags: [], body: '', media: [] }).kinds, ['interview']);
    assert.deepEqual(new Classifier().classify({ title: 'Fireside chat with the PTL', tags: [], body: '', media: [] }).kinds, []);
    assert.throws(() => new Classifier({ threshold: 1, rules: [{ kind: 'interview', field: 'title', pattern: '(', weight: 1 }] }), /bad pattern/);
  });
});
