import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILT_IN_PLUGINS, type BuiltInPlugin, type Services } from '../../commands/index.js';
import { BUILT_IN } from '../../commands/shared/services.js';
import { definePlugin, type SettingsSchema } from '../../src/plugin/api.js';
import { loadConfig } from '../../src/config/load.js';
import { Bot } from '../../src/main/compose.js';
import { digestReply, startReminders, type ReminderHost } from '../../src/main/reminders-service.js';
import type { Reply } from '../../src/core/types.js';
import { silentLogger } from '../../src/base/log.js';
import { HttpEndpoint } from '../../src/http/server.js';
import { calendarFor } from '../../src/main/calendar.js';
import { botSite } from '../../src/web/bot-site.js';
import type { BotView } from '../../src/web/bot-view.js';
import { fixtureBot, FIXTURE_MEETINGS, TEST_NOW } from '../helpers/bot.js';

/** The worked example of docs/adding-a-command.md, as commands/meetingcount/index.ts would default-export it. */
const meetingcount = definePlugin<SettingsSchema, Services>({
  name: 'meetingcount',
  version: BUILT_IN,
  description: 'how many community meetings the bot knows',
  commands: ({ services }) => [
    {
      family: 'meetingcount',
      name: '',
      summary: 'how many community meetings the bot knows',
      examples: ['meetingcount'],
      intents: [{ phrasings: ['how many meetings do you know?'], needs: ['how many meetings'], cues: { 'how many meetings': 8 } }],
      handler: () => ({ kind: 'answer', text: `I know ${services.schedule.meetings().length} meetings.` }),
    },
  ],
});
const families: BuiltInPlugin[] = [...BUILT_IN_PLUGINS, meetingcount];

describe('composition: command families over one Services object', () => {
  it('answers a toy family added as one line to the list of families, through the router', async () => {
    const t = await fixtureBot({}, families);
    const reply = await t.ask('!meetingcount');
    assert.equal(reply?.text, `I know ${t.bot.schedule.meetings.length} meetings.`);
    assert.ok(t.bot.schedule.meetings.length > 0, 'the fixture meetings are loaded');
    assert.equal((await t.ask('rdobot: how many meetings do you know?'))?.text, reply?.text, 'and the same asked in plain words');
    assert.match((await t.ask('!help meetingcount'))!.text, /how many community meetings the bot knows/);
    t.bot.close();
  });

  it('knows nothing of the toy family without its line', async () => {
    const t = await fixtureBot();
    assert.notEqual((await t.ask('!meetingcount'))?.text, `I know ${t.bot.schedule.meetings.length} meetings.`);
    t.bot.close();
  });

  it('builds every family of the list from the same services, in the order of the list', async () => {
    const t = await fixtureBot();
    const specs = t.bot.plugins.flatMap((p) => p.commands);
    const order = [...new Set(specs.map((s) => s.family))];
    assert.deepEqual(order.slice(0, 3), ['interview', 'post', 'about']);
    assert.ok(order.includes('minutes') && order.includes('actions'), 'the meeting commands of src/meetings are in the list');
    assert.equal(specs.at(-1)?.permission, 'admin', 'the operators\' commands come last');
    t.bot.close();
  });
});

describe('composition: which commands wait for a schedule built on first use', () => {
  /** A toy plugin whose one command says how many test days the bot has built so far. */
  const counting = (name: string, readsSchedule?: boolean): BuiltInPlugin => ({
    name,
    version: '1.0.0',
    ...(readsSchedule === undefined ? {} : { readsSchedule }),
    commands: (ctx) => [{ family: name, name: '', summary: 'test days built', handler: () => ({ kind: 'answer', text: String(ctx.services.schedule.testDays().length) }) }],
  });

  it('answers a family that says it reads no schedule without building it, and builds it for one that says nothing', async () => {
    const t = await fixtureBot({ scheduleWhenNeeded: true }, [...BUILT_IN_PLUGINS, counting('notreading', false), counting('reading')]);
    try {
      assert.equal((await t.ask('!notreading'))?.text, '0', 'answered before the schedule is built');
      assert.equal((await t.ask('!interview latest'))?.kind, 'answer');
      assert.equal(t.bot.schedule.testDays.length, 0, 'a built-in family that reads none of it builds nothing either');
      assert.notEqual((await t.ask('!reading'))?.text, '0', 'a plugin is taken to read the schedule unless it says otherwise');
    } finally {
      t.bot.close();
    }
  });
});

describe('composition: the reminder service attaches to the bot and patches nothing', () => {
  it('leaves every method and hook of the bot as it was, and adds its facts to !status and /healthz', async () => {
    const t = await fixtureBot({ meetingsDirs: [FIXTURE_MEETINGS] });
    const bot = t.bot;
    const own = (b: Bot) => Object.fromEntries(Object.getOwnPropertyNames(b).map((k) => [k, (b as unknown as Record<string, unknown>)[k]]));
    const before = own(bot);
    const methods = { health: bot.health, statusFields: bot.statusFields, attach: bot.attach, service: bot.service };
    assert.ok(Object.isFrozen(bot.service), 'the network hooks are fixed at construction');
    // Any assignment to the bot through what the service is given throws.
    const guarded = new Proxy(bot, {
      set: (_t, key) => assert.fail(`the reminder service assigned bot.${String(key)}`),
      defineProperty: (_t, key) => assert.fail(`the reminder service defined bot.${String(key)}`),
    }) as ReminderHost;
    const dataDir = mkdtempSync(join(tmpdir(), 'rdobot-compose-'));
    const sent: string[] = [];
    const service = await startReminders(guarded, loadConfig({ RDOBOT_DATA_DIR: dataDir }, dataDir), async (target) => void sent.push(target), silentLogger());
    try {
      assert.deepEqual(own(bot), before, 'no property of the bot was replaced');
      assert.deepEqual({ health: bot.health, statusFields: bot.statusFields, attach: bot.attach, service: bot.service }, methods);
      assert.ok('nextReminder' in bot.health(), 'the next reminder is a fact of /healthz');
      assert.ok(bot.statusFields().some((f) => f.label === 'next reminder'));
      assert.match((await t.ask('!reminders'))!.text, /reminders|channel/i);
    } finally {
      await service.stop();
    }
    assert.deepEqual(bot.health(), {}, 'stopped, it takes its facts off again');
    bot.close();
  });

  it('writes the weekly digest with the same function as !week, without a command context', async () => {
    const t = await fixtureBot();
    const week = (await t.ask('!week')) as Reply;
    const digest = digestReply(t.bot, TEST_NOW, 'UTC');
    assert.equal(digest.text.replace(/^The week ahead, times in UTC/, ''), week.text.replace(/^The coming 7 days, times in UTC/, ''));
    const shown = (r: Reply) => r.items?.map((i) => `${i.title} | ${i.meta}`);
    assert.deepEqual(shown(digest), shown(week));
    assert.ok(shown(digest)!.length > 0);
    t.bot.close();
  });
});

describe('composition: pages, HTTP and the calendar read a view of the bot', () => {
  it('serves /healthz, the calendar feed and the community page from a frozen read-only view, without a Bot', async () => {
    const t = await fixtureBot();
    const view: BotView = Object.freeze({
      archive: t.bot.archive,
      warnings: [],
      loadedAt: new Date(0),
      schedule: t.bot.schedule,
      clock: t.bot.clock,
      version: '0.0.0-test',
      logger: silentLogger(),
      metrics: null,
      minutes: { respond: () => null },
      adapters: () => [],
      health: () => ({ nextReminder: null }),
    });
    const http = new HttpEndpoint(view, { host: '127.0.0.1', port: 0, calendar: (q) => calendarFor(view, q), site: botSite(view) });
    const health = http.health();
    assert.equal(health.status, 'ok');
    assert.equal(health.nextReminder, null, 'what the services add is merged in');
    assert.deepEqual(health.archive, { posts: t.bot.archive.size, interviews: t.bot.archive.all('interview').length, warnings: 0, lastReload: new Date(0).toISOString() });
    assert.match(calendarFor(view, new URLSearchParams())!, /^BEGIN:VCALENDAR/);
    assert.equal(botSite(view).respond({ url: '/' })?.status, 200);
    t.bot.close();
  });
});
