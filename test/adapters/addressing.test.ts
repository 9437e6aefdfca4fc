import assert from 'node:assert/strict';
import { addressing } from '../../adapters/addressing.js';

const IRC = { prefix: '!', names: ['rdobot'] };

describe('addressing: what a line says to the bot, as every adapter reads it', () => {
  it('takes the prefix, the bot named with a colon, a comma or an @, and private lines', () => {
    assert.deepEqual(addressing('!meeting list', IRC, false), { line: 'meeting list', by: 'prefix' });
    assert.deepEqual(addressing('rdobot: meeting list', IRC, false), { line: 'meeting list', by: 'name' });
    assert.deepEqual(addressing('rdobot, meeting list', IRC, false), { line: 'meeting list', by: 'name' });
    assert.deepEqual(addressing('RDObot:meeting list', IRC, false), { line: 'meeting list', by: 'name' });
    assert.deepEqual(addressing('@rdobot meeting list', IRC, false), { line: 'meeting list', by: 'name' });
    assert.deepEqual(addressing('rdobot: !meeting list', IRC, false), { line: 'meeting list', by: 'name' });
    assert.deepEqual(addressing('meeting list', IRC, true), { line: 'meeting list', by: 'private' });
  });

  it('answers to every name it is given, longest first (an IRC fallback nick)', () => {
    const fallback = { prefix: '!', names: ['rdobot', 'rdobot_'] };
    assert.deepEqual(addressing('rdobot_: meeting list', fallback, false), { line: 'meeting list', by: 'name' });
    assert.equal(addressing('rdobot_: meeting list', IRC, false), undefined);
  });

  it('leaves chat, talk about the bot and excitement after the prefix as chat', () => {
    assert.equal(addressing('meeting list', IRC, false), undefined);
    assert.equal(addressing('rdobot is broken again', IRC, false), undefined);
    assert.equal(addressing('RDObot meeting list', IRC, false), undefined);
    assert.equal(addressing('!!!', IRC, false), undefined);
    assert.equal(addressing('! lol', IRC, false), undefined);
    assert.equal(addressing('! lol', IRC, true), undefined);
    assert.equal(addressing('rdobot:', IRC, false), undefined);
  });

  it('hands over any line said to the bot by name or in private, whatever character it starts with', () => {
    assert.deepEqual(addressing('rdobot: 3 latest interviews', IRC, false), { line: '3 latest interviews', by: 'name' });
    assert.deepEqual(addressing('rdobot: 👋 when is the next meeting?', IRC, false), { line: '👋 when is the next meeting?', by: 'name' });
    assert.deepEqual(addressing('rdobot: (what) is a test day?', IRC, false), { line: '(what) is a test day?', by: 'name' });
    assert.deepEqual(addressing('👋 hello', IRC, true), { line: '👋 hello', by: 'private' });
  });

  it('works without a prefix', () => {
    assert.equal(addressing('!help', { prefix: '', names: ['rdobot'] }, false), undefined);
    assert.deepEqual(addressing('rdobot: help', { prefix: '', names: ['rdobot'] }, false), { line: 'help', by: 'name' });
  });
});
