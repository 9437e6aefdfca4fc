import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { createBot, type Bot } from '../../src/main/compose.js';
import { fixedClock } from '../../src/core/router.js';
import { replyJson } from '../../src/main/ask.js';
import type { Reply } from '../../src/core/types.js';
import { said } from '../helpers/message.js';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/classify', import.meta.url));

describe('interviews, their people and !post why, over invented posts', () => {
  let bot: Bot;
  const ask = async (text: string): Promise<Reply> =>
    (await bot.handle(said(text, { user: { id: 'u', name: 'u', verified: true } })))!;

  before(async () => {
    bot = await createBot({ archiveDirs: [FIXTURES], clock: fixedClock(DateTime.fromISO('2026-05-01T12:00:00Z', { zone: 'utc' })), rateLimits: false });
  });

  it('answers !interview latest with the newest interview and its person, also in --json', async () => {
    const reply = await ask('!interview latest');
    assert.equal(reply.items![0].title, "Interview: Siobhán O'Neill");
    assert.deepEqual(reply.items![0].fields!.find((f) => f.label === 'person'), { label: 'person', value: "Siobhán O'Neill" });
    const json = JSON.parse(replyJson(await ask('!interview list'), 'UTC')) as { items: { title: string; fields: { label: string; value: string }[] }[] };
    const two = json.items.find((i) => i.title.startsWith('João'))!;
    assert.deepEqual(two.fields.find((f) => f.label === 'person'), { label: 'person', value: 'João da Silva and Pieter van den Berg' });
  });

  it('lists only interviews: no round-up, call for interviewees, talk video, clips, release or newsletter', async () => {
    const reply = await ask('!interview list');
    assert.equal(reply.text, '7 interview posts, newest first:');
  });

  it('finds an interview by its person with !interview search, accents and particles and all', async () => {
    const reply = await ask('!interview search pieter van den berg');
    assert.equal(reply.items![0].title, 'João da Silva and Pieter van den Berg talk about CI');
    assert.match(reply.items![0].match!, /person: .*pieter/);
    const folded = await ask('!interview search zoe angstrom');
    assert.equal(folded.items![0].title, 'Zoë Ångström talks about documentation');
    // The person comes from the opening when the title does not name them.
    assert.equal((await ask('!interview search chen wei')).items![0].title, 'Keeping the trunk green');
  });

  it('says why with !post why: the kinds, then each kind’s score and evidence', async () => {
    const reply = await ask('!post why oslo-in-flamingo');
    assert.equal(reply.text, 'Oslo in Flamingo: interview with Ihor Ivanenko');
    const interview = reply.fields!.find((f) => f.label.startsWith('interview'))!;
    assert.equal(interview.label, 'interview: yes, 4 (needs 4)');
    assert.match(interview.value, /\+2 opening: a person spoke about their work “Ihor Ivanenko spoke about his”/);
    const roundup = await ask('!post why 2026-03-16-recent-rdo-blogs-march-16');
    assert.equal(roundup.text, 'Recent RDO blogs, March 16, 2026: not an interview, test-day or meeting announcement');
    assert.match(roundup.fields![0].value, /-6 title: a round-up of posts/);
    const missing = await ask('!post why no-such-post');
    assert.equal(missing.kind, 'error');
    assert.equal(missing.text, "No post has the slug, file name or URL 'no-such-post'.");
  });
});
