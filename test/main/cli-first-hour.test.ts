import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureBot, FIXTURE_POSTS, SAMPLE_ROOT } from '../helpers/bot.js';
import { CLI, node, ROOT, run } from '../helpers/run-cli.js';

describe('the command line, as a new user first tries it', () => {
  it('prints the version with rdobot --version', async () => {
    const r = await run(node, [CLI, '--version']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^rdobot \d+\.\d+\.\d+\n$/);
  });

  it('prints each command\'s usage with --help or -h, not an error', async () => {
    for (const args of [['ask', '--help'], ['calendar', '-h'], ['classify', '--help']]) {
      const r = await run(node, [CLI, ...args]);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stdout, new RegExp(`^usage: rdobot ${args[0]} `));
    }
  });

  it('reads the archive as it stood at --now, a date alone included', async () => {
    const r = await run(node, [CLI, 'ask', '--now', '2016-02-01', '!interview latest', '--archive', FIXTURE_POSTS, '--no-cache']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Zoë Ñúñez talks about packaging with RPM/);
  });

  it('answers --json with every item asked for, and never points at !more', async () => {
    const r = await run(node, [CLI, 'ask', '--json', '!post search packaging', '--archive', FIXTURE_POSTS, '--no-cache']);
    assert.equal(r.code, 0, r.stderr);
    const reply = JSON.parse(r.stdout) as { text: string; items: unknown[]; more?: unknown };
    const total = Number(/^(\d+) posts? match/.exec(reply.text)?.[1]);
    assert.equal(reply.items.length, total);
    assert.equal(reply.more, undefined);
    assert.doesNotMatch(r.stdout, /!more/);
  });
});

describe("the README's quick tour", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  // The commands the first screen of the README tells a new user to type.
  const tour = [...new Set([...readme.split('## A taste')[0].matchAll(/`(![^`]+)`/g)].map((m) => m[1]))];

  it('names a few commands to try', () => {
    assert.ok(tour.length >= 4, tour.join(', '));
  });

  for (const command of tour) {
    it(`answers ${command} on the sample archive (examples/)`, async () => {
      const t = await fixtureBot({ archiveDirs: [`${SAMPLE_ROOT}posts`], eventsDirs: [`${SAMPLE_ROOT}events`], meetingsDirs: [`${SAMPLE_ROOT}meetings`] });
      const reply = (await t.ask(command))!;
      assert.notEqual(reply.kind, 'error', `${command}: ${reply.text}`);
    });
  }
});

describe('rdobot ask is read-only (issue 32)', () => {
  it('answers a reminder, a subscription or a setting with what to type in a running bot, and keeps nothing', async () => {
    const env = { RDOBOT_DATA_DIR: mkdtempSync(join(tmpdir(), 'rdobot-ask-')) };
    for (const [line, command] of [
      ['remind me in 10 minutes to review the agenda', '!remind me in 10 minutes to review the agenda'],
      ['!meeting subscribe gantry', '!meeting subscribe gantry'],
      ['!tz set Europe/Berlin', '!tz set Europe/Berlin'],
    ]) {
      const r = await run(node, [CLI, 'ask', '--meetings', 'test/fixtures/meetings', '--no-cache', line], '', env);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^rdobot ask answers once and keeps nothing, so nothing was changed\. In a running bot/);
      assert.ok(r.stdout.includes(`type: ${command}`), r.stdout);
      assert.doesNotMatch(r.stdout, /^OK|I'll remind/);
    }
    const reminders = await run(node, [CLI, 'ask', '--no-cache', '!remind list'], '', env);
    assert.match(reminders.stdout, /^You have no reminders waiting/);
    const zone = await run(node, [CLI, 'ask', '--no-cache', '!tz'], '', env);
    assert.doesNotMatch(zone.stdout, /Europe\/Berlin/);
  });

  it('reads a line that starts with a bullet as words, not as an option', async () => {
    const r = await run(node, [CLI, 'ask', '--now', '2016-06-15', '--archive', FIXTURE_POSTS, '--no-cache', '- latest post']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Upcoming events: June/);
  });
});
