import assert from 'node:assert/strict';
import { BUILT_IN_PLUGINS, type BuiltInPlugin } from '../../commands/index.js';
import { fixtureBot, type TestBot } from '../helpers/bot.js';

/** A family whose name is two letters from "please": the words of a request must not read as a typo of it. */
const RELEASE: BuiltInPlugin = {
  name: 'release',
  version: '1',
  commands: () => [{ family: 'release', name: '', summary: 'the next release', handler: () => ({ kind: 'answer', text: 'RDO Flamingo, in March.' }) }],
};

describe('plain-language reading before typo suggestions', () => {
  let t: TestBot;
  before(async () => {
    t = await fixtureBot({}, [...BUILT_IN_PLUGINS, RELEASE]);
  });

  it('reads "please remind me …" as the request it is, not as a typo of !release', async () => {
    const reply = (await t.ask('rdobot: please remind me tomorrow at 9:00 to review the agenda'))!;
    assert.equal(reply.text, 'That would change what I keep for you, so I do it only when you type the command: !remind me tomorrow at 9:00 to review the agenda');
  });

  it('still says "did you mean" for a typo of the family\'s name that reads as no question', async () => {
    assert.match((await t.ask('rdobot: relase notes'))!.text, /^Unknown command 'relase'\. Did you mean !release\?/);
  });

  it('says "did you mean" for a request-shaped line when the reading finds nothing in it', async () => {
    assert.match((await t.ask('rdobot: please zzkq'))!.text, /Did you mean !release\?/);
  });

  it('answers the family typed right, with its prefix or by name', async () => {
    assert.equal((await t.ask('!release'))!.text, 'RDO Flamingo, in March.');
    assert.equal((await t.ask('rdobot: release'))!.text, 'RDO Flamingo, in March.');
  });
});
