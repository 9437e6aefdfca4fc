import assert from 'node:assert/strict';
import { BUILT_IN_PLUGINS, type BuiltInPlugin } from '../../commands/index.js';
import { definePlugin } from '../../src/plugin/api.js';
import { fixtureBot } from '../helpers/bot.js';

/** A community's own plugin, as RDOBOT_PLUGINS would load it. */
const releaseNames = definePlugin({
  name: 'release-names',
  version: '1.2.0',
  description: 'the names of OpenStack releases',
  commands: () => [{ family: 'release', name: '', summary: 'the names of OpenStack releases', handler: () => ({ kind: 'answer', text: 'Epoxy, Flamingo, Gazpacho' }) }],
}) as BuiltInPlugin;

describe('!about and the plugins the bot runs', () => {
  it('names each plugin loaded beside the built-in families, with its version', async () => {
    const t = await fixtureBot({}, [...BUILT_IN_PLUGINS, releaseNames]);
    try {
      assert.match((await t.ask('!about'))!.text, / Plugins: release-names 1\.2\.0\. Try !help\.$/);
      assert.equal((await t.ask('!release'))!.text, 'Epoxy, Flamingo, Gazpacho', 'and answers with it');
    } finally {
      t.bot.close();
    }
  });

  it('lists no built-in family as a plugin', async () => {
    const t = await fixtureBot();
    try {
      const text = (await t.ask('!about'))!.text;
      assert.doesNotMatch(text, /Plugins|built-in \w|interview built-in/);
      assert.ok(t.bot.plugins.every((p) => p.builtIn && p.version === 'built-in'), 'every family of the list is built in');
    } finally {
      t.bot.close();
    }
  });
});
