import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import type { Post } from '../../src/archive/post.js';
import { DEFAULT_LIMITS, limitReply, sealItem } from '../../src/core/limits.js';
import { withTimesSync } from '../../src/core/times.js';
import type { Reply, ReplyItem } from '../../src/core/types.js';
import { postHeadline, postItem } from '../../src/views/post-item.js';

const post = (over: Partial<Post> = {}): Post => ({
  source: 'a.md',
  slug: 'a',
  title: 'What did you do in Mitaka? Adam Young',
  author: 'rbowen',
  date: DateTime.fromISO('2017-03-18T05:53:00Z', { zone: 'utc' }),
  tags: ['interview', 'mitaka'],
  url: 'https://www.rdoproject.org/blog/2017/03/adam-young/',
  summary: 'In this installment I speak to Adam Young about Keystone.',
  body: '',
  media: [],
  kinds: ['interview'],
  person: 'Adam Young',
  ...over,
});

/** The same item as a fresh copy: nothing shared, nothing frozen. */
const copy = (item: ReplyItem): ReplyItem => ({ ...item, fields: item.fields?.map((f) => ({ ...f })) });

describe('post items made once and shared between answers', () => {
  it('gives a post asked again the item a fresh post would get, in each zone, its time noted each time', () => {
    const p = post();
    for (const zone of ['UTC', 'Europe/Paris', 'UTC', 'Asia/Kolkata', 'Asia/Kolkata']) {
      const kept = withTimesSync(() => ({ kind: 'answer', text: '', items: [postItem(p, zone)] }) as Reply);
      const fresh = withTimesSync(() => ({ kind: 'answer', text: '', items: [postItem({ ...p }, zone)] }) as Reply);
      assert.deepEqual(kept, fresh, zone);
      assert.equal(kept.times?.length, 1, `the time is on the reply (${zone})`);
    }
  });

  it('keeps no item for a search hit (its match differs) and freezes the ones it shares', () => {
    const p = post();
    assert.notEqual(postItem(p, 'UTC', 'keystone'), postItem(p, 'UTC', 'keystone'));
    const item = postItem(p, 'UTC');
    assert.equal(postItem(p, 'UTC'), item, 'the same post in the same zone: the same item');
    assert.ok(Object.isFrozen(item) && Object.isFrozen(item.fields) && item.fields!.every((f) => Object.isFrozen(f)));
    assert.throws(() => ((item as { title: string }).title = 'changed'), TypeError);
  });

  it('bounds and cleans a sealed item exactly as any other, hostile text and all, once per set of limits', () => {
    const hostile = post({ title: `Bad\u0007 title \u202e${'x'.repeat(400)}`, summary: `line one\nline two ${'y '.repeat(200)}` });
    const item = postItem(hostile, 'UTC');
    const reply = (i: ReplyItem): Reply => ({ kind: 'answer', text: 'latest', items: [i] });
    const once = limitReply(reply(item));
    assert.deepEqual(once, limitReply(reply(copy(item))));
    assert.equal(limitReply(reply(item)).items![0], once.items![0], 'made once, shared after');
    const tight = { ...DEFAULT_LIMITS, maxLineChars: 40, maxSummaryChars: 20 };
    assert.deepEqual(limitReply(reply(item), tight), limitReply(reply(copy(item)), tight), 'other limits: made again for them');
    const { title, summary } = once.items![0];
    assert.ok(title.length <= DEFAULT_LIMITS.maxLineChars && summary!.length <= DEFAULT_LIMITS.maxSummaryChars);
    assert.ok([title, summary!].every((t) => !/[\u0007\u202e\n]/.test(t)), 'no control or bidi character left');
  });

  it('writes a shared item\'s headline once, the same text as for a fresh one', () => {
    const p = post();
    const item = postItem(p, 'Europe/Paris');
    assert.equal(postHeadline(item), postHeadline(copy(item)));
    assert.equal(postHeadline(item), 'What did you do in Mitaka? Adam Young — 2017-03-18 06:53 Europe/Paris (05:53 UTC) by rbowen');
  });

  it('seals an item with its fields', () => {
    const item = sealItem({ title: 't', fields: [{ label: 'a', value: 'b' }] });
    assert.ok(Object.isFrozen(item.fields![0]));
  });
});
