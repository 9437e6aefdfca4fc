import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SettingsSchema } from '../../src/plugin/api.js';
import { checkSettings, settingEnvKey, shownSetting } from '../../src/plugin/settings.js';
import { loadConfig } from '../../src/config/load.js';
import { configuredPlugins } from '../../src/main/plugins-load.js';
import { keptLog } from './log-lines.js';
import { onePlugin, pluginFolder, pluginsRoot } from './plugin-folder.js';

const settings: SettingsSchema = {
  series: { type: 'string', description: 'the release series', default: 'openstack' },
  max_items: { type: 'integer', description: 'how many to list', default: 5 },
  verbose: { type: 'boolean', description: 'say more' },
  channels: { type: 'list', description: 'where to speak' },
  api_token: { type: 'string', description: 'the token', required: true, secret: true },
};
const plugin = { name: 'release-names', settings };

describe('plugin settings: RDOBOT_PLUGIN_<NAME>_<SETTING> or the config file\'s plugins: section', () => {
  it('names the environment variable from the plugin\'s name and the setting\'s', () => {
    assert.equal(settingEnvKey('release-names', 'max_items'), 'RDOBOT_PLUGIN_RELEASE_NAMES_MAX_ITEMS');
  });

  it('reads each type from the environment, defaults the rest', () => {
    const got = checkSettings(plugin, {
      env: { RDOBOT_PLUGIN_RELEASE_NAMES_MAX_ITEMS: '12', RDOBOT_PLUGIN_RELEASE_NAMES_VERBOSE: 'yes', RDOBOT_PLUGIN_RELEASE_NAMES_CHANNELS: 'irc:#rdo, slack:C1', RDOBOT_PLUGIN_RELEASE_NAMES_API_TOKEN: 's3cret' },
    });
    assert.deepEqual(got, { values: { series: 'openstack', max_items: 12, verbose: true, channels: ['irc:#rdo', 'slack:C1'], api_token: 's3cret' } });
  });

  it('reads the config file\'s section, the environment winning', () => {
    const got = checkSettings(plugin, {
      env: { RDOBOT_PLUGIN_RELEASE_NAMES_SERIES: 'rdo' },
      file: { 'release-names': { series: 'ignored', max_items: 3, verbose: false, channels: ['irc:#a'], api_token: 'x' } },
      filePath: '/etc/rdobot.yml',
    });
    assert.deepEqual(got, { values: { series: 'rdo', max_items: 3, verbose: false, channels: ['irc:#a'], api_token: 'x' } });
  });

  it('names the setting in every problem, and never shows a secret', () => {
    const got = checkSettings(plugin, {
      env: { RDOBOT_PLUGIN_RELEASE_NAMES_MAX_ITEMS: 'many' },
      file: { 'release-names': { verbose: 'perhaps', api_token: ['x'], colour: 'red' } },
      filePath: '/etc/rdobot.yml',
    });
    assert.ok('problems' in got);
    assert.deepEqual(got.problems, [
      "setting max_items (RDOBOT_PLUGIN_RELEASE_NAMES_MAX_ITEMS): got 'many', expected a whole number",
      "setting verbose (/etc/rdobot.yml: plugins.release-names.verbose): got 'perhaps', expected true or false",
      'setting api_token (/etc/rdobot.yml: plugins.release-names.api_token): got (hidden), expected text',
      'setting colour (/etc/rdobot.yml: plugins.release-names.colour) is not one of its settings',
    ]);
  });

  it('says a required setting left unset, with the variable to set', () => {
    const got = checkSettings(plugin, { env: {} });
    assert.deepEqual(got, { problems: ['setting api_token is required (set RDOBOT_PLUGIN_RELEASE_NAMES_API_TOKEN)'] });
  });

  it('shows a secret only as set or not', () => {
    assert.equal(shownSetting(settings.api_token, 's3cret'), '(set, hidden)');
    assert.equal(shownSetting(settings.channels, ['a', 'b']), 'a,b');
    assert.equal(shownSetting(settings.verbose, undefined), '(not set)');
  });

  it('skips only the plugin with bad settings, naming it and the setting; the config file\'s plugins: section is read', async () => {
    const root = pluginsRoot();
    pluginFolder(root, 'strict', onePlugin('strict', 'S', "settings: { limit: { type: 'integer', description: 'a limit' } },"));
    pluginFolder(root, 'easy', onePlugin('easy', 'E', "settings: { word: { type: 'string', description: 'a word' } },"));
    const file = join(root, 'rdobot.yml');
    writeFileSync(file, 'plugins:\n  easy:\n    word: hi\n');
    const config = loadConfig({ RDOBOT_PLUGINS: './strict,./easy', RDOBOT_PLUGIN_STRICT_LIMIT: 'ten', RDOBOT_CONFIG: file }, root);
    const log = keptLog();
    const { loaded } = await configuredPlugins(config, root, log.logger);
    assert.deepEqual(loaded.map((l) => [l.plugin.name, l.settings]), [['easy', { word: 'hi' }]]);
    assert.deepEqual(log.lines().filter((l) => l.level === 40).map((l) => l.msg), [
      "plugin strict not loaded: setting limit (RDOBOT_PLUGIN_STRICT_LIMIT): got 'ten', expected a whole number",
    ]);
  });

  it('warns once about a config file section for a plugin RDOBOT_PLUGINS does not list (a misspelt name)', async () => {
    const root = pluginsRoot();
    pluginFolder(root, 'easy', onePlugin('easy', 'E', "settings: { word: { type: 'string', description: 'a word' } },"));
    const file = join(root, 'rdobot.yml');
    writeFileSync(file, 'plugins:\n  easy:\n    word: hi\n  eazy:\n    word: ho\n');
    const config = loadConfig({ RDOBOT_PLUGINS: './easy', RDOBOT_CONFIG: file }, root);
    const log = keptLog();
    const { loaded } = await configuredPlugins(config, root, log.logger);
    assert.deepEqual(loaded.map((l) => l.plugin.name), ['easy']);
    assert.deepEqual(log.lines().filter((l) => l.level === 40).map((l) => l.msg), [
      `${file}: plugins.eazy sets a plugin RDOBOT_PLUGINS does not list; its settings are not used`,
    ]);
  });
});
