import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { ask, calendar, type Io } from '../../src/main/ask.js';
import { cleanEnv, CLI, node, ROOT, runWith } from '../helpers/run-cli.js';
import { fixtureBot } from '../helpers/bot.js';
import { buildMinutes } from '../../src/meetings/minutes.js';

const POSTS = join(ROOT, 'test/fixtures/announced/posts');
const EVENTS = join(ROOT, 'test/fixtures/announced/events');
const INTERVIEWS = join(ROOT, 'test/fixtures/posts');

/** `rdobot ask` in this process, its debug log kept: what it built shows there ("schedule loaded"). */
async function asked(run: typeof ask, argv: string[]): Promise<{ code: number; stdout: string; log: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let log = '';
  out.on('data', (d: Buffer) => (stdout += d.toString()));
  err.on('data', (d: Buffer) => (log += d.toString()));
  const data = mkdtempSync(join(tmpdir(), 'rdobot-ask-lazy-'));
  const io: Io = { stdout: out, stderr: err, cwd: ROOT, env: { RDOBOT_DATA_DIR: data, LOG_LEVEL: 'debug' } };
  const code = await run(argv, io);
  await new Promise((r) => setImmediate(r));
  return { code, stdout, log };
}

/**
 * Notes every module a process resolves (imported or required, Node's own included), and whether it made an
 * Intl.DateTimeFormat, in the file LOADED_FILE names.
 */
const NOTE_MODULES = `import { registerHooks } from 'node:module';
import { writeFileSync } from 'node:fs';
const seen = new Set();
registerHooks({ resolve(specifier, context, next) { const r = next(specifier, context); seen.add(r.url); return r; } });
// ICU's date formats, set up for the first one made (tens of milliseconds): noted as if it were a module.
Intl.DateTimeFormat = new Proxy(Intl.DateTimeFormat, { construct(target, args, newTarget) { seen.add('Intl.DateTimeFormat'); return Reflect.construct(target, args, newTarget); } });
process.on('exit', () => writeFileSync(process.env.LOADED_FILE, [...seen].join('\\n')));
`;

describe('one-shot mode builds only what the command asked needs', function () {
  this.timeout(20_000);

  it('loads, on a warm start answering !interview latest, no module that only reading files, YAML, the schedule, the meetings or a log line need', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdobot-ask-modules-'));
    const hook = join(dir, 'note-modules.mjs');
    writeFileSync(hook, NOTE_MODULES);
    // Every start warns of the fixtures' broken post; at LOG_LEVEL=error nothing is written, as from an archive with
    // nothing to warn of.
    const env = { ...cleanEnv(), LOADED_FILE: join(dir, 'loaded'), LOG_LEVEL: 'error' };
    const args = ['--import', hook, CLI, 'ask', '--archive', INTERVIEWS, '!interview latest'];
    const first = await runWith(node, args, '', env);
    assert.equal(first.code, 0, first.stderr);
    assert.match(readFileSync(env.LOADED_FILE, 'utf8'), /js-yaml/, 'the first start reads the posts (and the hook sees what loads)');
    const warm = await runWith(node, args, '', env);
    assert.equal(warm.code, 0, warm.stderr);
    assert.equal(warm.stdout, first.stdout);
    assert.equal(warm.stderr, '');
    const loaded = readFileSync(env.LOADED_FILE, 'utf8').split('\n');
    const unneeded = [
      // entities: decoding a summary or an opening; a summary shown before is kept in the post cache.
      /\/node_modules\/(?:yaml|js-yaml|marked|entities|chrono-node|compromise|minisearch|ical-generator)\//,
      // The logger: made when a line is written at its level, and a warm answer writes none.
      /\/node_modules\/(?:pino|pino-std-serializers|thread-stream|sonic-boom)\//,
      /^node:child_process$/,
      /\/src\/archive\/parse-post\.js$/,
      /\/src\/schedule\/(?:events-load|meetings-load)\.js$/,
      // The meetings (store, recorder, minutes' writers and views, search, site): only `heard` says a line is none of theirs.
      /\/src\/main\/meetings\.js$/,
      /\/src\/meetings\/(?!heard\.js$)/,
      /\/src\/views\/minutes\.js$/,
      /\/src\/web\//,
    ];
    assert.deepEqual(loaded.filter((url) => unneeded.some((re) => re.test(url))), []);
    // zod is needed (the settings are checked with it), as one bundled module: its own are some ninety.
    assert.deepEqual(loaded.filter((url) => /\/node_modules\/zod\//.test(url)), [], 'zod loads module by module: build with `npm run build` (tsc alone does not bundle it)');
    assert.ok(loaded.some((url) => /\/src\/base\/zod\.js$/.test(url)));
    // Nor the host's locale, which luxon would look up with a date format of ICU's: every time is written in English.
    assert.ok(!loaded.includes('Intl.DateTimeFormat'), 'an Intl.DateTimeFormat was made');
  });

  it("answers !interview latest without building the schedule (no test day is read from any post's words)", async () => {
    const r = await asked(ask, ['!interview latest', '--archive', POSTS, '--archive', INTERVIEWS, '--events', EVENTS, '--now', '2027-03-01']);
    assert.equal(r.code, 0, r.log);
    assert.match(r.log, /archive loaded/, 'the log is there to be read');
    assert.doesNotMatch(r.log, /schedule loaded/);
    assert.match(r.stdout, /^Interview with Priya Raman/);
  });

  it('builds it for a command that reads it, and answers from it', async () => {
    const r = await asked(ask, ['!testday next', '--archive', POSTS, '--events', EVENTS, '--now', '2027-03-01']);
    assert.equal(r.code, 0, r.log);
    assert.match(r.log, /schedule loaded/);
    assert.match(r.stdout, /test day/i);
    assert.doesNotMatch(r.stdout, /No test day is scheduled/);
  });

  it('builds it for a plain-language question that turns out to be about the schedule', async () => {
    const r = await asked(ask, ['when is the next test day?', '--archive', POSTS, '--events', EVENTS, '--now', '2027-03-01']);
    assert.equal(r.code, 0, r.log);
    assert.match(r.log, /schedule loaded/);
  });

  it('builds it for `rdobot calendar`, whose feed is the schedule', async () => {
    const r = await asked(calendar, ['--archive', POSTS, '--events', EVENTS, '--now', '2027-03-01']);
    assert.equal(r.code, 0, r.log);
    assert.match(r.stdout, /BEGIN:VEVENT/);
  });

  it('opens no meetings for a private line, and opens them, recording from it, for the first line said in a room', async () => {
    const t = await fixtureBot({ meetingsWhenNeeded: true, dataDir: mkdtempSync(join(tmpdir(), 'rdobot-ask-meet-')) });
    assert.match((await t.ask('!interview latest', { isPrivate: true }))!.text, /^Interview with /);
    assert.throws(() => t.bot.meetings, /opened on first use/);
    const started = await t.ask('#startmeeting lazy', { network: 'irc', room: '#rdo-test', user: { id: 'mkowal', name: 'mkowal', verified: false } });
    assert.match(started!.text, /^Meeting started/);
    assert.equal(t.bot.meetings.recorder.openMeetings()[0].name, 'lazy');
    await t.bot.stop();
    t.bot.close();
  });

  it('hears the lines that come while the meetings open in the order they came, none dropped', async () => {
    const t = await fixtureBot({ meetingsWhenNeeded: true, dataDir: mkdtempSync(join(tmpdir(), 'rdobot-ask-meet-')) });
    const as = { network: 'irc', room: '#rdo-test', user: { id: 'mkowal', name: 'mkowal', verified: false } };
    await Promise.all([t.ask('#startmeeting order', as), t.ask('#info first', as), t.ask('#info second', as)]);
    await t.ask('#endmeeting', as);
    const minutes = buildMinutes(t.bot.meetings.store, t.bot.meetings.store.ended()[0]);
    const infos = minutes.topics.flatMap((topic) => topic.items.filter((i) => i.kind === 'info').map((i) => i.text));
    assert.deepEqual(infos, ['first', 'second']);
    await t.bot.stop();
    t.bot.close();
  });

  it('opens them for !actions and !minutes, once, however many ask at the same time', async () => {
    const t = await fixtureBot({ meetingsWhenNeeded: true });
    const [actions, minutes, one, other] = await Promise.all([t.ask('!actions'), t.ask('!minutes'), t.bot.meetingsReady(), t.bot.meetingsReady()]);
    assert.equal(actions!.text, 'No open action items.');
    assert.match(minutes!.text, /^No minutes yet/);
    assert.equal(one, other);
    assert.equal(one, t.bot.meetings);
    await t.bot.stop();
    t.bot.close();
  });

  it('builds it once, however many commands wait for it at the same time', async () => {
    const t = await fixtureBot({ archiveDirs: [POSTS], eventsDirs: [EVENTS], scheduleWhenNeeded: true });
    let builds = 0;
    const original = t.bot.loadSchedule.bind(t.bot);
    t.bot.loadSchedule = () => (builds++, original());
    assert.equal(t.bot.schedule.testDays.length, 0, 'nothing built at start');
    await Promise.all([t.ask('!testday next'), t.ask('!testday list'), t.ask('!meeting list')]);
    assert.equal(builds, 1);
    assert.ok(t.bot.schedule.testDays.length > 0);
    await t.bot.stop();
  });

  it('puts work that can wait (the schedule, the question reader) off while questions keep coming, in the service', async () => {
    const t = await fixtureBot({ archiveDirs: [INTERVIEWS], scheduleWhenNeeded: true });
    let ranAfter = -1;
    let asked = 0;
    const done = t.bot.whenQuiet(() => (ranAfter = asked), 500, 10_000);
    // A burst of questions a few milliseconds apart: never quiet for half a second.
    for (; asked < 15; asked++) {
      await t.ask('!interview latest');
      await new Promise((r) => setTimeout(r, 5));
    }
    assert.equal(ranAfter, -1, 'not run during the burst');
    await done;
    assert.equal(ranAfter, 15, 'run once it was quiet');
    await t.bot.stop();
  });

  it('runs it all the same after the longest wait, however busy the bot is', async () => {
    const t = await fixtureBot({ archiveDirs: [INTERVIEWS], scheduleWhenNeeded: true });
    let ran = false;
    const done = t.bot.whenQuiet(() => (ran = true), 1_000, 100);
    const stopAt = Date.now() + 400;
    while (!ran && Date.now() < stopAt) {
      await t.ask('!interview latest');
      await new Promise((r) => setTimeout(r, 10));
    }
    await done;
    assert.ok(ran);
    await t.bot.stop();
  });
});
