import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS_POSTS, describeCorpus, FIXTURE_LATEST, FIXTURE_POSTS } from '../helpers/bot.js';
import { CLI, node, ROOT, run } from '../helpers/run-cli.js';

describe('command line', () => {
  it('answers one command in one-shot mode: rdobot ask "!interview latest" --archive DIR', async () => {
    const r = await run(node, [CLI, 'ask', '!interview latest', '--archive', FIXTURE_POSTS]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.startsWith(`${FIXTURE_LATEST.title} — ${FIXTURE_LATEST.when} by ${FIXTURE_LATEST.author} — ${FIXTURE_LATEST.url}\n`), r.stdout);
    // The broken fixture file is reported on stderr by file and line; the answer still comes.
    assert.match(r.stderr, /2016-05-01-broken-front-matter\.html\.md/);
  });

  it('runs the README\'s run command (npm start) on the sample archive and answers typed commands', async () => {
    const r = await run('npm', ['start', '--silent'], '!interview latest\n!help interview\n');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /What did you do in Flamingo\? Ana Example/);
    assert.match(r.stdout, /!interview latest — the newest interview/);
  });

  it('prints the typed reply as JSON with times as ISO-8601 with offset', async () => {
    const r = await run(node, [CLI, 'ask', 'interview latest', '--archive', FIXTURE_POSTS, '--json', '--tz', 'Europe/Paris', '--now', '2026-11-25T12:00:00Z']);
    assert.equal(r.code, 0, r.stderr);
    const reply = JSON.parse(r.stdout) as { kind: string; items: { when: string; title: string }[] };
    assert.equal(reply.kind, 'answer');
    assert.equal(reply.items[0].when, '2016-06-02T22:08:42+02:00');
  });

  it('exits non-zero with a message on stderr for bad options, unreadable paths and unknown commands', async () => {
    const missing = await run(node, [CLI, 'ask', '!interview latest', '--archive', '/nonexistent/posts']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--archive \/nonexistent\/posts: cannot read it \(ENOENT\)/);
    const badFlag = await run(node, [CLI, 'ask', '!help', '--colour']);
    assert.equal(badFlag.code, 2);
    assert.match(badFlag.stderr, /Unknown option '--colour'/);
    const badNow = await run(node, [CLI, 'ask', '!help', '--now', 'yesterday']);
    assert.equal(badNow.code, 2);
    assert.match(badNow.stderr, /--now yesterday: expected an ISO-8601 date or instant/);
    const unknown = await run(node, [CLI, 'ask', '!intervew latest']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /Did you mean !interview\?/);
    assert.equal(unknown.stdout, '');
  });

  it('exits 0 when the answer is that nothing is scheduled (an answer, not an error)', async () => {
    const events = join(ROOT, 'test/fixtures/replies/events');
    const r = await run(node, [CLI, 'ask', '!testday next', '--events', events, '--now', '2036-01-01T00:00:00Z']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'No test day is scheduled yet; the last one was Gazpacho Milestone 2 Test Day on 2026-12-10.\n');
    const tz = await run(node, [CLI, 'ask', '!help', '--tz', 'CST']);
    assert.equal(tz.code, 2);
    assert.match(tz.stderr, /--tz CST: CST is ambiguous: say America\/Chicago \(US Central\) or Asia\/Shanghai \(China\)\./);
  });

  it('stops at start-up on a bad setting, naming the key, the value and what was expected', async () => {
    const r = await run(node, [CLI, 'ask', '!help'], '', { RDOBOT_ADAPTERS: 'shell,ircx' });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /RDOBOT_ADAPTERS/);
    assert.match(r.stderr, /'shell,ircx'/);
    const tz = await run(node, [CLI, 'ask', '!help'], '', { RDOBOT_TIMEZONE: 'Mars/Base' });
    assert.match(tz.stderr, /config error: RDOBOT_TIMEZONE: got 'Mars\/Base', expected an IANA time zone/);
  });

  it('reports a broken YAML config file by file and line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdobot-conf-'));
    const file = join(dir, 'rdobot.yml');
    writeFileSync(file, 'archive:\n  - examples/posts\nmeetings: [\n  bad\n');
    const r = await run(node, [CLI, 'ask', '!help'], '', { RDOBOT_CONFIG: file });
    assert.equal(r.code, 2);
    assert.match(r.stderr, new RegExp(`config error: ${file} line \\d+:`));
  });
});

describeCorpus('command line over the RDO blog', () => {
  it('answers rdobot ask "!interview latest" with the newest interview of the real blog', async () => {
    const r = await run(node, [CLI, 'ask', '!interview latest', '--archive', CORPUS_POSTS]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^What did you do in Mitaka\? Adam Young — 2016-05-06 20:08 UTC by rbowen — https:\/\/www\.rdoproject\.org\/blog\/2016\/05\/what-did-you-do-in-mitaka-adam-young\/\n/);
  });
});
