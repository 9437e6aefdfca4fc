import assert from 'node:assert/strict';
import type { RdobotPlugin } from '../../src/plugin/api.js';
import type { LoadedPlugin } from '../../src/plugin/load.js';
import { BotError } from '../../src/core/types.js';
import { fixtureBot } from '../helpers/bot.js';
import { keptLog } from './log-lines.js';

/** A plugin from outside with one command, as RDOBOT_PLUGINS would hand it to the bot. */
function outside(name: string, handler: () => unknown, family = name): LoadedPlugin {
  const plugin: RdobotPlugin = {
    name,
    version: '1.2.3',
    commands: () => [{ family, name: '', summary: `the ${name} command`, handler: handler as never }],
  };
  return { plugin, settings: {}, source: `/plugins/${name}` };
}

const hello = outside('hello', () => ({ kind: 'answer', text: 'Hello' }));

describe('plugins from outside are held apart: one failing never takes the bot down', () => {
  it('answers a plugin\'s command next to the built-in ones', async () => {
    const t = await fixtureBot({ plugins: [hello] });
    assert.equal((await t.ask('!hello'))?.text, 'Hello');
    assert.match((await t.ask('!interview latest'))?.text ?? '', /Priya Raman/);
    t.bot.close();
  });

  it('answers a command that throws with a short error naming the plugin, and logs it with the plugin\'s name', async () => {
    const log = keptLog();
    const t = await fixtureBot({ logger: log.logger, plugins: [outside('broken', () => { throw new Error('database gone'); })] });
    const reply = await t.ask('!broken');
    assert.equal(reply?.kind, 'error');
    assert.equal(reply?.text, 'Sorry, !broken (plugin broken) failed. The operator has it in the log.');
    const line = log.lines().find((l) => l.msg === 'plugin broken: !broken failed');
    assert.equal(line?.plugin, 'broken');
    assert.match(JSON.stringify(line), /database gone/);
    assert.match((await t.ask('!interview latest'))?.text ?? '', /Priya Raman/, 'the bot still answers');
    t.bot.close();
  });

  it('cuts a command that hangs after the plugin timeout, with a clear reply', async () => {
    const log = keptLog();
    const t = await fixtureBot({ logger: log.logger, pluginTimeoutMs: 200, plugins: [outside('slow', () => new Promise(() => {}))] });
    const started = performance.now();
    const reply = await t.ask('!slow');
    assert.ok(performance.now() - started < 2000, 'not waited on for ever');
    assert.equal(reply?.text, 'Sorry, !slow (plugin slow) took longer than 0.2 s and was stopped.');
    assert.ok(log.lines().some((l) => l.plugin === 'slow' && /took longer than 0.2 s/.test(l.msg)));
    t.bot.close();
  });

  it('says a BotError thrown by the plugin as the plugin wrote it', async () => {
    const t = await fixtureBot({ plugins: [outside('picky', () => { throw new BotError('NOT_FOUND', 'No release called zebra.'); })] });
    assert.equal((await t.ask('!picky'))?.text, 'No release called zebra.');
    t.bot.close();
  });

  it('answers a command that gives no reply with the plugin\'s failure, not a crash', async () => {
    const t = await fixtureBot({ plugins: [outside('empty', () => undefined)] });
    assert.equal((await t.ask('!empty'))?.text, 'Sorry, !empty (plugin empty) failed. The operator has it in the log.');
    t.bot.close();
  });

  it('leaves out a plugin named like a built-in family, saying the built-in wins', async () => {
    const log = keptLog();
    const t = await fixtureBot({ logger: log.logger, plugins: [outside('interview', () => ({ kind: 'answer', text: 'impostor' }))] });
    assert.match((await t.ask('!interview latest'))?.text ?? '', /Priya Raman/);
    const lines = log.lines().filter((l) => l.plugin === 'interview' && /not loaded/.test(l.msg));
    assert.equal(lines.length, 1);
    assert.match(lines[0].msg, /built-in wins/);
    t.bot.close();
  });

  it('keeps the first of two plugins with one name, saying the first listed wins', async () => {
    const log = keptLog();
    const second = outside('hello', () => ({ kind: 'answer', text: 'Second' }));
    const t = await fixtureBot({ logger: log.logger, plugins: [hello, second] });
    assert.equal((await t.ask('!hello'))?.text, 'Hello');
    const lines = log.lines().filter((l) => /not loaded/.test(l.msg));
    assert.equal(lines.length, 1);
    assert.match(lines[0].msg, /^plugin hello not loaded: .*first listed wins/);
    t.bot.close();
  });

  it('leaves out a plugin whose command word is a built-in one, or the bot\'s own (!help)', async () => {
    const log = keptLog();
    const t = await fixtureBot({
      logger: log.logger,
      plugins: [outside('meetings-plus', () => ({ kind: 'answer', text: 'x' }), 'meeting'), outside('helper', () => ({ kind: 'answer', text: 'x' }), 'help'), hello],
    });
    const why = log.lines().filter((l) => /not loaded/.test(l.msg)).map((l) => l.msg);
    assert.deepEqual(why, [
      "plugin meetings-plus not loaded: its command meeting is built-in family meeting's; the built-in wins",
      "plugin helper not loaded: its command help is one of the bot's own; the bot's wins",
    ]);
    assert.equal((await t.ask('!hello'))?.text, 'Hello', 'the others load');
    t.bot.close();
  });

  it('leaves out a plugin whose commands cannot be built, and only it', async () => {
    const log = keptLog();
    const failing: LoadedPlugin = { plugin: { name: 'fragile', version: '0.1.0', commands: () => { throw new Error('no config'); } }, settings: {}, source: '/plugins/fragile' };
    const t = await fixtureBot({ logger: log.logger, plugins: [failing, hello] });
    assert.deepEqual(log.lines().filter((l) => /not loaded/.test(l.msg)).map((l) => l.msg), ['plugin fragile not loaded: building its commands failed: no config']);
    assert.equal((await t.ask('!hello'))?.text, 'Hello');
    t.bot.close();
  });
});

describe('!help shows the plugins\' commands with the plugin\'s name and version', () => {
  it('lists a plugin\'s command with its plugin in the overview, and names it in its own help', async () => {
    const t = await fixtureBot({ plugins: [hello] });
    const all = await t.ask('!help all');
    const item = all?.items?.find((i) => i.title === '!hello');
    assert.equal(item?.summary, 'the hello command (plugin hello 1.2.3)');
    const short = await t.ask('!help');
    assert.ok(short?.items?.some((i) => i.title === '!hello'));
    assert.match(short?.note ?? '', /Plugins: hello 1\.2\.3\./);
    const own = await t.ask('!help hello');
    assert.deepEqual(own?.fields?.find((f) => f.label === 'plugin'), { label: 'plugin', value: 'hello 1.2.3' });
    t.bot.close();
  });

  it('says nothing of plugins when none is loaded', async () => {
    const t = await fixtureBot();
    assert.doesNotMatch((await t.ask('!help'))?.note ?? '', /Plugins/);
    assert.ok(!(await t.ask('!help all'))?.items?.some((i) => /plugin/.test(i.summary ?? '')));
    t.bot.close();
  });
});

describe('a plugin\'s meeting commands are held apart too', () => {
  it('answers a #word whose handler throws with a line naming the plugin, and logs it', async () => {
    const log = keptLog();
    const plugin: RdobotPlugin = {
      name: 'release-notes',
      version: '1.0.0',
      minutesSections: [{ id: 'releases', title: 'Releases' }],
      meetingCommands: () => [
        { word: 'release', summary: 'note a release', text: true, section: 'releases', handle: () => { throw new Error('bad table'); } },
        { word: 'shipped', summary: 'note it shipped', handle: (ctx) => `noted: ${ctx.text}` },
      ],
    };
    const t = await fixtureBot({ logger: log.logger, plugins: [{ plugin, settings: {}, source: '/plugins/release-notes' }] });
    const hosted = t.bot.plugins.find((p) => p.name === 'release-notes')!;
    const ctx = { text: 'caracal', nick: 'amoralej', meeting: { title: 'RDO meeting', room: '#rdo' } };
    assert.equal(hosted.meetingCommands[0].handle?.(ctx), 'Sorry, #release (plugin release-notes) failed. The operator has it in the log.');
    assert.equal(hosted.meetingCommands[1].handle?.(ctx), 'noted: caracal');
    assert.deepEqual(hosted.minutesSections, [{ id: 'releases', title: 'Releases' }]);
    assert.ok(log.lines().some((l) => l.plugin === 'release-notes' && l.msg === 'plugin release-notes: #release failed'));
    t.bot.close();
  });

  it('leaves out a plugin whose meeting commands are not meeting commands', async () => {
    const log = keptLog();
    const plugin: RdobotPlugin = { name: 'odd', version: '1.0.0', meetingCommands: () => [{ word: 'Not A Word', summary: 'x' }] };
    const t = await fixtureBot({ logger: log.logger, plugins: [{ plugin, settings: {}, source: '/plugins/odd' }] });
    assert.equal(t.bot.plugins.some((p) => p.name === 'odd'), false);
    assert.match(log.lines().find((l) => l.plugin === 'odd')?.msg ?? '', /^plugin odd not loaded: its meeting commands are not meeting commands: 0\.word: expected a lowercase word$/);
    t.bot.close();
  });
});
