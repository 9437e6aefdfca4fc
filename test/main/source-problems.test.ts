import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpEndpoint } from '../../src/http/server.js';
import { renderLines } from '../../src/present/render-text.js';
import { PROJECT_ROOT } from '../../src/base/paths.js';
import { fixtureBot, FIXTURE_EVENTS, FIXTURE_MEETINGS, FIXTURE_POSTS, type TestBot } from '../helpers/bot.js';

const HOSTILE = join(PROJECT_ROOT, 'test/fixtures/hostile');
const temp = (name: string) => mkdtempSync(join(tmpdir(), `rdobot-${name}-`));

/** Fixture sources with the hostile files of issue 29 dropped in, and a data directory. */
function sources() {
  const dirs = { archive: temp('posts'), meetings: temp('meetings'), events: temp('events'), data: temp('data') };
  cpSync(FIXTURE_POSTS, dirs.archive, { recursive: true });
  cpSync(FIXTURE_MEETINGS, dirs.meetings, { recursive: true });
  cpSync(FIXTURE_EVENTS, dirs.events, { recursive: true });
  return dirs;
}

const botOver = (dirs: ReturnType<typeof sources>): Promise<TestBot> =>
  fixtureBot({ archiveDirs: [dirs.archive], meetingsDirs: [dirs.meetings], eventsDirs: [dirs.events], dataDir: dirs.data, admins: ['test:tester'], metrics: true });

describe('files the bot could not use are visible (issue 29)', () => {
  let t: TestBot;
  let dirs: ReturnType<typeof sources>;
  before(async () => {
    dirs = sources();
    cpSync(join(HOSTILE, 'posts'), dirs.archive, { recursive: true });
    cpSync(join(HOSTILE, 'meetings'), dirs.meetings, { recursive: true });
    cpSync(join(HOSTILE, 'events'), dirs.events, { recursive: true });
    t = await botOver(dirs);
  });
  after(() => t.bot.close());

  /** The fixture archive's own broken post, the five hostile posts, three meeting files and one events file. */
  const EXPECTED = 1 + 5 + 3 + 1;

  it('starts over hostile posts, meeting and events files and answers as over the clean fixtures', async () => {
    const clean = await fixtureBot();
    try {
      assert.equal(t.bot.archive.size, clean.bot.archive.size);
      assert.deepEqual(renderLines((await t.ask('!interview latest'))!), renderLines((await clean.ask('!interview latest'))!));
    } finally {
      clean.bot.close();
    }
  });

  it('says degraded on /healthz, naming the first five files with their reason and counting the rest, yet answers 200', async () => {
    const http = new HttpEndpoint(t.bot, { host: '127.0.0.1', port: 0 });
    const port = await http.start();
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      assert.equal(r.status, 200);
      const health = (await r.json()) as { status: string; sources: { count: number; files: { file: string; reason: string }[]; more: number } };
      assert.equal(health.status, 'degraded');
      assert.equal(health.sources.count, EXPECTED);
      assert.equal(health.sources.files.length, 5);
      assert.equal(health.sources.more, EXPECTED - 5);
      // In file order, each with the reason its file gave.
      const all = t.bot.sourceProblems();
      assert.deepEqual(health.sources.files.map((f) => f.file), all.map((p) => p.file).sort().slice(0, 5));
      for (const f of health.sources.files) assert.equal(f.reason, all.find((p) => p.file === f.file)!.reason);
      assert.ok(all.some((f) => f.file.endsWith('2016-06-03-title-as-mapping.html.md') && /'title' must be text/.test(f.reason)));
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      assert.match(metrics, new RegExp(`^rdobot_source_problems ${EXPECTED}$`, 'm'));
    } finally {
      await http.stop();
    }
  });

  it('lists them to an admin with !sources, each with its reason', async () => {
    const reply = await t.ask('!sources');
    assert.equal(reply?.kind, 'list');
    assert.equal(reply?.text, `${EXPECTED} files I could not use:`);
    const named = reply!.items!.map((i) => i.title);
    for (const name of readdirSync(join(HOSTILE, 'meetings'))) if (name !== 'start-date-as-mapping-meeting.yaml') assert.ok(named.some((n) => n.includes(`/${name}`)), name);
    assert.ok(named.includes(join(dirs.meetings, 'alias-typo-meeting.yaml:9')));
    assert.match(reply!.items!.find((i) => i.title.includes('alias-typo'))!.summary!, /Unresolved alias/);
  });

  it('explains !sources in the help, to admins', async () => {
    const help = renderLines((await t.ask('!help sources'))!).join('\n');
    assert.match(help, /the files the bot could not use \(posts, meeting and events files, feeds\), and why/);
  });

  it('answers !sources with all is well when every file is in use', async () => {
    const clean = sources();
    // The fixture archive's one broken post left out.
    const ok = await fixtureBot({ archiveDirs: [join(PROJECT_ROOT, 'examples/posts')], meetingsDirs: [clean.meetings], eventsDirs: [clean.events], dataDir: clean.data, admins: ['test:tester'] });
    try {
      assert.equal((await ok.ask('!sources'))?.text, 'Every source file is in use.');
    } finally {
      ok.bot.close();
    }
  });

  it('keeps serving a meeting whose file broke while the bot was down, from its last good reading', async () => {
    const d = sources();
    const first = await botOver(d);
    assert.ok(first.bot.schedule.meetings.some((m) => m.id === 'gantry'));
    await first.bot.stop();
    first.bot.close();
    writeFileSync(join(d.meetings, 'gantry-team-meeting.yaml'), 'project: Gantry Team Meeting\ndescription: *Important*\n');
    const again = await botOver(d);
    try {
      assert.ok(again.bot.schedule.meetings.some((m) => m.id === 'gantry'));
      const problem = again.bot.sourceProblems().find((p) => p.file.endsWith('gantry-team-meeting.yaml'));
      assert.match(problem?.reason ?? '', /Unresolved alias.*last good version is kept/);
    } finally {
      again.bot.close();
    }
  });
});
