import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { decodeHTML } from 'entities';
import { marked } from 'marked';
import { pino } from 'pino';
import { fixtureBot, FIXTURE_POSTS, type TestBot } from '../helpers/bot.js';
import { LINE_GAP_MS, MEETING_CHANNEL, MEETING_START, RUN_DEFINITIONS } from '../helpers/meeting-transcript.js';
import { TickingClock } from '../helpers/ticking-clock.js';
import { BUILT_IN_PLUGINS } from '../../commands/index.js';
import { definePlugin, type MeetingCommandContext } from '../../src/plugin/api.js';
import { releasePlugin } from './release-names-plugin.js';
import { renderIrc } from '../../adapters/irc/render.js';
import type { Identity, Message, Reply } from '../../src/core/types.js';
import type { MeetingRow } from '../../src/meetings/store.js';
import { commandTable, meetbotLine } from '../../src/meetings/commands-table.js';
import { buildMinutes } from '../../src/meetings/minutes.js';
import { sectionsOf } from '../../src/meetings/sections.js';
import type { PluginMeetingCommand, PluginSection } from '../../src/meetings/plugin-additions.js';

function logSink() {
  const lines: { msg: string; plugin?: string; word?: string }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l) as { msg: string });
      done();
    },
  });
  return { lines, logger: pino({ level: 'info' }, stream) };
}

type MeetingBot = TestBot & { heard: MeetingCommandContext[]; log: ReturnType<typeof logSink>['lines'] };

async function meetingBot(): Promise<MeetingBot> {
  const heard: MeetingCommandContext[] = [];
  const sink = logSink();
  const t = await fixtureBot(
    {
      archiveDirs: [FIXTURE_POSTS],
      meetingsDirs: [RUN_DEFINITIONS],
      dataDir: mkdtempSync(join(tmpdir(), 'rdobot-plugin-meeting-')),
      publicUrl: 'https://bot.example.org/',
      logger: sink.logger,
      meetings: { clock: new TickingClock(MEETING_START, LINE_GAP_MS) },
    },
    [...BUILT_IN_PLUGINS, releasePlugin(heard)],
  );
  return { ...t, heard, log: sink.lines };
}

const person = (nick: string, extra: Partial<Identity> = {}): Partial<Message> => ({
  network: 'irc',
  room: MEETING_CHANNEL,
  user: { id: nick, name: nick, verified: false, session: `s-${nick}`, ...extra },
});

const file = (t: TestBot, row: MeetingRow, format: string) => readFileSync(join(t.bot.meetings.dir, `${row.base}.${format}`), 'utf8');

describe('meetings: a plugin’s meeting command and minutes section', () => {
  let t: MeetingBot;
  let row: MeetingRow;
  const replies: Record<string, Reply | null> = {};

  before(async () => {
    t = await meetingBot();
    await t.ask('#startmeeting', person('mkowal'));
    await t.ask('#topic Kestrel release', person('mkowal'));
    replies.byOther = await t.ask('#release Falcon', person('ochen'));
    replies.empty = await t.ask('#release', person('mkowal'));
    replies.release = await t.ask('#release Kestrel 1.0 <https://example.org/k>', person('mkowal'));
    replies.agreed = await t.ask('#agreed Kestrel ships on Thursday', person('mkowal'));
    replies.codename = await t.ask('#codename', person('ochen'));
    replies.commands = await t.ask('#commands', person('ochen'));
    await t.ask('#endmeeting', person('mkowal'));
    row = t.bot.meetings.store.ended()[0];
  });

  after(() => t.bot.close());

  it('records #release <name> said by a chair into the plugin’s section, and tells the plugin who said what where', () => {
    const items = t.bot.meetings.store.items(row.id).filter((i) => i.kind === 'release-names/releases');
    assert.deepEqual(
      items.map((i) => `${i.nick}: ${i.text}`),
      ['mkowal: Kestrel 1.0 <https://example.org/k>'],
    );
    assert.deepEqual(t.heard, [{ text: 'Kestrel 1.0 <https://example.org/k>', nick: 'mkowal', meeting: { title: 'RDO Community Meeting', room: MEETING_CHANNEL } }]);
  });

  it('says the plugin’s answer back as one line: its line break cannot start a second IRC command', () => {
    assert.ok(replies.release);
    assert.doesNotMatch(replies.release.text, /[\r\n]/);
    assert.match(replies.release.text, /^Release named: Kestrel 1\.0/);
    const lines = renderIrc(replies.release, { maxLines: 5, bold: false });
    assert.equal(lines.length, 1, 'one IRC line');
    assert.ok(!lines.some((l) => l.startsWith('PRIVMSG')), 'no smuggled command');
  });

  it('keeps #release to the chairs and asks for the name, as MeetBot’s own chair-only commands', () => {
    assert.match(replies.byOther!.text, /^Only a chair \(mkowal\) can use #release\./);
    assert.match(replies.empty!.text, /^#release needs words after it: name a release: #release <name>\./);
  });

  it('answers a command without a section and records nothing for it', () => {
    assert.equal(replies.codename!.text, 'How about Kestrel?');
    assert.ok(!t.bot.meetings.store.items(row.id).some((i) => i.text.includes('Kestrel?')));
  });

  it('keeps MeetBot’s #agreed when a plugin asks for the same word, and says so once in the log', () => {
    assert.equal(replies.agreed, null, '#agreed is recorded silently, as always');
    assert.ok(t.bot.meetings.store.items(row.id).some((i) => i.kind === 'agreed' && i.text === 'Kestrel ships on Thursday'));
    const refused = t.log.filter((l) => l.word === 'agreed');
    assert.equal(refused.length, 1);
    assert.equal(refused[0].msg, "meeting command #agreed of plugin release-names left out: #agreed is MeetBot's, built in");
  });

  it('lists the plugin’s commands with #commands, after MeetBot’s', () => {
    assert.match(replies.commands!.text, /^Meeting commands: #startmeeting .* #restrictlogs$/);
    assert.deepEqual(replies.commands!.fields, [{ label: 'From plugins', value: '#release #codename' }]);
  });

  it('shows the Releases section in the text minutes, with who named the release and when', () => {
    const txt = file(t, row, 'txt');
    assert.match(txt, /\nReleases\n--------\n {2}\* Kestrel 1\.0 <https:\/\/example\.org\/k> \(mkowal, 14:01:20\)\n/);
    assert.ok(txt.indexOf('\nReleases\n') > txt.indexOf('\nPeople present (lines said)\n'), 'after the built-in sections');
    // In the summary too, under its topic, as every item.
    assert.match(txt, /2\. Kestrel release \(14:00:20\)\n {3}\* RELEASES: Kestrel 1\.0 <https:\/\/example\.org\/k> \(mkowal, 14:01:20\)\n/);
  });

  it('shows the Releases section in the Markdown minutes', () => {
    const html = marked.parse(file(t, row, 'md'), { async: false });
    const section = /<h2>Releases<\/h2>\s*<ul>\s*<li>(.*?)<\/li>/s.exec(html);
    assert.ok(section, 'a Releases heading with its list');
    assert.match(decodeHTML(section[1]), /^Kestrel 1\.0 <<a href="https:\/\/example\.org\/k">https:\/\/example\.org\/k<\/a>> \(mkowal, <a href="[^"]+\.log\.html#l5">14:01:20<\/a>\)$/);
  });

  it('shows the Releases section in the HTML minutes, its text escaped and linked, its anchor its own', () => {
    const html = file(t, row, 'html');
    const section = /<section aria-labelledby="release-names\.releases"><h2 id="release-names\.releases">Releases<\/h2><ul><li>(.*?)<\/li><\/ul><\/section>/.exec(html);
    assert.ok(section, 'a Releases section');
    assert.match(section[1], /^Kestrel 1\.0 &lt;<a href="https:\/\/example\.org\/k">https:\/\/example\.org\/k<\/a>&gt; <span>\(mkowal, <a href="[^"]+\.log\.html#l5"><time datetime="2026-12-02T14:01:20\.000Z">14:01:20<\/time><\/a>\)<\/span>$/);
  });

  it('keeps a gone plugin’s items in the summary, named by their section, with no section of their own', () => {
    const m = buildMinutes(t.bot.meetings.store, row);
    assert.deepEqual(m.pluginSections, []);
    assert.deepEqual(
      m.topics.flatMap((x) => x.items.filter((i) => i.kind === 'release-names/releases').map((i) => `${i.label}: ${i.text}`)),
      ['RELEASES: Kestrel 1.0 <https://example.org/k>'],
    );
    assert.deepEqual(sectionsOf(m).map((s) => s.id), ['carried', 'summary', 'agreed', 'actions', 'people']);
  });

  it('leaves the section out of minutes of a meeting where nothing was recorded in it', async () => {
    await t.ask('#startmeeting Quiet one', person('mkowal', {}));
    await t.ask('#info nothing released', person('mkowal'));
    await t.ask('#endmeeting', person('mkowal'));
    const quiet = t.bot.meetings.store.ended()[0];
    assert.equal(quiet.name, 'Quiet one');
    for (const format of ['txt', 'md', 'html']) assert.ok(!file(t, quiet, format).includes('Releases'), format);
  });
});

describe('meetings: which plugin commands are taken', () => {
  const refusals = (extra: PluginMeetingCommand[], sections: PluginSection[] = []) => {
    const refused: string[] = [];
    const table = commandTable(extra, sections, (c, why) => refused.push(`${c.plugin} #${c.word}: ${why}`));
    return { words: Object.keys(table).filter((w) => table[w].plugin), refused };
  };

  it('takes the first plugin’s word and leaves out a second plugin’s same word, naming who holds it', () => {
    const { words, refused } = refusals([
      { plugin: 'one', word: 'ship', summary: 'ship it' },
      { plugin: 'two', word: 'ship', summary: 'ship it too' },
    ]);
    assert.deepEqual(words, ['ship']);
    assert.deepEqual(refused, ["two #ship: #ship is already plugin one's"]);
  });

  it('leaves out a word that is no word, and a section its plugin does not have', () => {
    const { words, refused } = refusals(
      [
        { plugin: 'one', word: 'ship it', summary: 'x' },
        { plugin: 'one', word: 'ship', summary: 'x', section: 'other' },
        { plugin: 'two', word: 'dock', summary: 'x', section: 'ships' },
        { plugin: 'one', word: 'sail', summary: 'x', section: 'ships' },
      ],
      [{ plugin: 'one', id: 'ships', title: 'Ships' }],
    );
    assert.deepEqual(words, ['sail']);
    assert.deepEqual(refused, [
      "one #ship it: #ship it is not a meeting command word (a lowercase letter, then letters, digits or '-')",
      `one #ship: its section "other" is not one of the plugin's minutes sections`,
      `two #dock: its section "ships" is not one of the plugin's minutes sections`,
    ]);
  });

  it('takes back a plugin’s item with #undo, naming its section', async () => {
    const t = await fixtureBot({ archiveDirs: [FIXTURE_POSTS], meetingsDirs: [RUN_DEFINITIONS], meetings: { clock: new TickingClock(MEETING_START, LINE_GAP_MS) } }, [...BUILT_IN_PLUGINS, releasePlugin()]);
    await t.ask('#startmeeting', person('mkowal'));
    await t.ask('#release Kestrel', person('mkowal'));
    assert.equal((await t.ask('#undo', person('mkowal')))!.text, 'Removed the last item: releases “Kestrel”.');
    await t.ask('#endmeeting', person('mkowal'));
    const row = t.bot.meetings.store.ended()[0];
    assert.ok(!file(t, row, 'txt').includes('Releases'), 'nothing left in the section');
    t.bot.close();
  });

  it('reads a plugin’s word with digits or a hyphen whole, and MeetBot’s words as MeetBot reads them', () => {
    const table = commandTable([{ plugin: 'one', word: 'release-name', summary: 'x' }, { plugin: 'one', word: 'v2', summary: 'x' }], [], () => assert.fail());
    assert.equal(meetbotLine('#release-name Kestrel', table)?.word, 'release-name');
    assert.equal(meetbotLine('# V2 now', table)?.rest, 'now');
    assert.deepEqual([meetbotLine('#info-x y', table)?.word, meetbotLine('#info-x y', table)?.rest], ['info', '-x y']);
    assert.equal(meetbotLine('#info_x y', table), null);
    assert.equal(meetbotLine('#release-names', table), null);
  });

  it('records the text and names the plugin when its command fails, and the meeting goes on', async () => {
    const failing = definePlugin({
      name: 'flaky',
      version: '1.0.0',
      minutesSections: [{ id: 'notes', title: 'Notes' }],
      meetingCommands: () => [{ word: 'note', summary: 'a note', text: true, section: 'notes', handle: () => { throw new Error('boom'); } }],
    });
    const sink = logSink();
    const t = await fixtureBot({ archiveDirs: [FIXTURE_POSTS], meetingsDirs: [RUN_DEFINITIONS], logger: sink.logger, meetings: { clock: new TickingClock(MEETING_START, LINE_GAP_MS) } }, [...BUILT_IN_PLUGINS, failing]);
    await t.ask('#startmeeting', person('mkowal'));
    const failed = await t.ask('#note hello', person('mkowal'));
    assert.match(failed!.text, /#note.*plugin flaky.*failed/);
    assert.equal(await t.ask('#info still recording', person('mkowal')), null);
    await t.ask('#endmeeting', person('mkowal'));
    const row = t.bot.meetings.store.ended()[0];
    assert.deepEqual(t.bot.meetings.store.items(row.id).map((i) => `${i.kind} ${i.text}`), ['link Agenda: https://etherpad.example.org/p/rdo-meeting', 'flaky/notes hello', 'info still recording']);
    assert.ok(sink.lines.some((l) => /flaky/.test(l.msg) && /#note/.test(l.msg) && /failed/.test(l.msg)), 'logged, naming the plugin');
    t.bot.close();
  });
});
