import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { renderLines } from '../../src/present/render-text.js';
import { withoutLink } from '../../src/present/without-link.js';
import { fixtureBot, type TestBot } from '../helpers/bot.js';

const SPLIT_EVENTS = fileURLToPath(new URL('../../../test/fixtures/events-split/', import.meta.url));

describe('!testday says each fact once', () => {
  let t: TestBot;
  before(async () => {
    t = await fixtureBot({ archiveDirs: [], eventsDirs: [SPLIT_EVENTS], meetingsDirs: [] });
  });

  it('gives a test day\'s link once, not again from its description', async () => {
    const lines = renderLines((await t.ask('!testday next'))!);
    const text = lines.join('\n');
    assert.equal(text.split('https://www.example.org/rdo/testday/narwhal/m1').length - 1, 1, text);
    assert.match(text, /Deploy the Narwhal milestone packages and report what breaks\./);
  });

  it('lists a test day written as one entry per day once, spanning both days', async () => {
    const list = (await t.ask('!testday list'))!;
    assert.deepEqual(list.items!.map((i) => i.title), ['Narwhal Milestone 1 Test Day', 'Narwhal Milestone 2 Test Day']);
    assert.match(list.items![0].meta!, /12-03.*12-04|Dec.*3.*4/);
    assert.equal(list.text, '2 upcoming test/doc days:');
  });

  it('keeps a sentence that says more than where the link is, without the link', () => {
    assert.equal(withoutLink('Read it. Details at https://x.example/a', 'https://x.example/a'), 'Read it.');
    assert.equal(
      withoutLink('Install the packages and deploy a cloud at https://x.example/a for the steps.', 'https://x.example/a'),
      'Install the packages and deploy a cloud for the steps.',
    );
    assert.equal(withoutLink('No link here.', 'https://x.example/a'), 'No link here.');
  });
});
