import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureBot, FIXTURE_POSTS, type TestBot } from '../helpers/bot.js';
import { buildMinutes } from '../../src/meetings/minutes.js';
import { parseAction } from '../../src/meetings/owners.js';
import { meetbotLine } from '../../src/meetings/commands-table.js';
import { EXPECTED_OUTLINE, LINE_GAP_MS, MEETING_CHANNEL, MEETING_START, outline, RUN_DEFINITIONS, transcript } from '../helpers/meeting-transcript.js';
import type { Reply } from '../../src/core/types.js';
import { TickingClock } from '../helpers/ticking-clock.js';
import { CLI, node, run } from '../helpers/run-cli.js';
import { renderIrc } from '../../adapters/irc/render.js';
import { definitionAt, definitionNamed } from '../../src/meetings/definition.js';
import { loadMeetings } from '../../src/schedule/meetings-load.js';
import { renderSlack } from '../../adapters/slack/render.js';
import { renderMatrix } from '../../adapters/matrix/render.js';

async function meetingBot(dataDir = mkdtempSync(join(tmpdir(), 'rdobot-meet-'))): Promise<TestBot & { dataDir: string; clock: TickingClock }> {
  const clock = new TickingClock(MEETING_START, LINE_GAP_MS);
  const t = await fixtureBot({ archiveDirs: [FIXTURE_POSTS], meetingsDirs: [RUN_DEFINITIONS], dataDir, publicUrl: 'https://bot.example.org/', meetings: { clock } });
  return { ...t, dataDir, clock };
}

/** Say the transcript's lines in the channel, in order, each at its own time; the bot's answers, by line. */
async function replay(t: TestBot, lines = transcript()): Promise<(Reply | null)[]> {
  const replies: (Reply | null)[] = [];
  for (const l of lines) {
    replies.push(await t.ask(l.text, { network: 'irc', room: MEETING_CHANNEL, user: { id: l.nick, name: l.nick, verified: false } }));
  }
  return replies;
}

describe('meetings: the recorder', () => {
  it('reads MeetBot lines as people type them, and chat as chat', () => {
    assert.equal(meetbotLine('#ACTION bob: x')?.word, 'action');
    assert.equal(meetbotLine('# info something')?.word, 'info');
    assert.equal(meetbotLine('#rdo is great'), null);
    assert.equal(meetbotLine('we said #info earlier'), null);
  });

  it('finds the owners of an action in every usual spelling', () => {
    const known = (n: string) => ['alice', 'bob'].includes(n.toLowerCase());
    assert.deepEqual(parseAction('alice: fix it', known), { owners: ['alice'], text: 'fix it' });
    assert.deepEqual(parseAction('alice, bob: fix it', known), { owners: ['alice', 'bob'], text: 'fix it' });
    assert.deepEqual(parseAction('alice and bob fix it', known), { owners: ['alice', 'bob'], text: 'fix it' });
    assert.deepEqual(parseAction('carol to fix it', known), { owners: ['carol'], text: 'fix it' });
    assert.deepEqual(parseAction('@bob review the spec', known), { owners: ['bob'], text: 'review the spec' });
    assert.deepEqual(parseAction('someone should fix the docs', known), { owners: [], text: 'someone should fix the docs' });
  });

  it('gives the minutes of the replayed RDO meeting with exactly its topics, items and owners', async () => {
    const t = await meetingBot();
    const replies = await replay(t);
    const row = t.bot.meetings.store.ended()[0];
    assert.ok(row, 'the meeting ended');
    assert.equal(row.definition, 'rdo-community');
    assert.deepEqual(outline(buildMinutes(t.bot.meetings.store, row)), EXPECTED_OUTLINE);
    const last = replies.at(-1)!;
    assert.match(last.text, /^Meeting ended 2026-12-02 14:19 UTC\. Minutes: https:\/\/bot\.example\.org\/meetings\/rdo-test\/2026-12-02\/rdo_community_meeting\.2026-12-02-14\.00-1\.html · Log: \S+-1\.log\.html$/);
    t.bot.close();
  });

  it('takes the definition’s name, chair and agenda link when started at about its time; refuses chair commands to others', async () => {
    const t = await meetingBot();
    const start = await replay(t, transcript().slice(0, 1));
    assert.match(start[0]!.text, /Meeting started 2026-12-02 14:00:00 UTC: RDO Community Meeting\. Chairs: mkowal\./);
    const refused = await t.ask('#endmeeting', { network: 'irc', room: MEETING_CHANNEL, user: { id: 'dpark', name: 'dpark', verified: false } });
    assert.equal(refused!.text, 'Only a chair (mkowal) can use #endmeeting.');
    t.bot.close();
  });

  it('writes the minutes and the log as HTML, text and Markdown, with hostile text as text', async () => {
    const t = await meetingBot();
    const lines = [
      { nick: 'mkowal', text: '#startmeeting <script>alert(1)</script>' },
      { nick: 'evil<b>', text: '#info <img src=x onerror=alert(1)> **bold** [x](javascript:alert(1))' },
      { nick: 'mkowal', text: '#action evil<b>: escape\r\nPRIVMSG #rdo :injected' },
      { nick: 'mkowal', text: '#endmeeting' },
    ];
    await replay(t, lines);
    const row = t.bot.meetings.store.ended()[0];
    const base = join(t.dataDir, 'meetings', row.base!);
    for (const ext of ['html', 'txt', 'md', 'log.html', 'log.txt', 'log.md']) assert.ok(existsSync(`${base}.${ext}`), ext);
    const page = readFileSync(`${base}.html`, 'utf8');
    assert.ok(!page.includes('<script>alert') && !page.includes('<img'), 'no markup from the meeting');
    assert.ok(page.includes('&lt;script&gt;'));
    const md = readFileSync(`${base}.md`, 'utf8');
    assert.ok(!md.includes('<img') && md.includes('\\*\\*bold\\*\\*'));
    const text = readFileSync(`${base}.log.txt`, 'utf8');
    assert.ok(!/\r/.test(text), 'no CR in the text log');
    assert.ok(text.split('\n').every((l) => l === '' || /^\d\d:\d\d:\d\d </.test(l)), 'one line per line said');
    t.bot.close();
  });

  it('carries open actions to the next meeting until #done or said again, and lists them with !actions', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rdobot-meet-'));
    let t = await meetingBot(dataDir);
    await replay(t);
    const open = await t.ask('!actions rsingh');
    assert.equal(open!.items!.length, 2);
    assert.deepEqual(open!.items!.map((i) => i.title), ['ateixeira, rsingh: fix the specs of python-bar and openstack-baz', 'rsingh: check the mirror sync job with infra']);
    t.bot.close();
    t = await meetingBot(dataDir); // a restart between the meetings
    t.clock.set(MEETING_START.plus({ weeks: 1 }));
    const say = (nick: string, text: string, _i: number) => t.ask(text, { network: 'irc', room: MEETING_CHANNEL, user: { id: nick, name: nick, verified: false } });
    const started = await say('rsingh', '#startmeeting', 0);
    assert.deepEqual(started!.items!.map((i) => i.title), [
      '1. lbianchi: rebuild python-foo against the new oslo',
      '2. ateixeira, rsingh: fix the specs of python-bar and openstack-baz',
      '3. rsingh: check the mirror sync job with infra',
      '4. dpark: write the test day announcement post',
      '5. ochen: update the packstack quickstart for Kestrel',
    ]);
    assert.equal((await say('lbianchi', '#done 1', 1))!.text, 'Done: action 1 from last time.');
    await say('rsingh', '#action rsingh: check the mirror sync job with infra', 2);
    await say('rsingh', '#endmeeting', 3);
    const second = t.bot.meetings.store.ended()[0];
    const m = buildMinutes(t.bot.meetings.store, second);
    assert.deepEqual(m.carried.map((c) => `${c.n} ${c.state}`), ['1 done', '2 open', '3 again', '4 open', '5 open']);
    const left = await t.ask('!actions');
    assert.equal(left!.items!.length, 4, 'lbianchi’s is done; rsingh’s mirror action is open once, as said again');
    t.bot.close();
  });

  it('answers !minutes and !minutes search from the published meetings', async () => {
    const t = await meetingBot();
    await replay(t);
    const latest = await t.ask('!minutes');
    assert.match(latest!.text, /^Latest minutes: RDO Community Meeting — #rdo-test, 2026-12-02 14:00 UTC, 5 topics, 5 actions, 3 agreed$/);
    assert.equal(latest!.link, 'https://bot.example.org/meetings/rdo-test/2026-12-02/rdo_community_meeting.2026-12-02-14.00-1.html');
    const found = await t.ask('!minutes search nagios');
    assert.equal(found!.items!.length, 1);
    // One meeting: "1 meeting mentions", the verb agreeing with the count (issue 32).
    assert.match(found!.text, /^1 meeting mentions 'nagios':$/);
    assert.equal((await t.ask('!minutes search zebra'))!.text, "No minutes mention 'zebra'.");
    assert.equal((await t.ask('!minutes nosuchmeeting'))!.kind, 'error');
    t.bot.close();
  });
});

describe('meetings: left open, and read from the command line', () => {
  it('closes a meeting left open after the configured time, with a note in its minutes, and says so in the room', async () => {
    const clock = new TickingClock(MEETING_START, LINE_GAP_MS);
    const said: string[] = [];
    const network = { adapters: () => [], deliver: async (target: string, reply: Reply) => void said.push(`${target} ${reply.text}`) };
    const t = await fixtureBot({ archiveDirs: [FIXTURE_POSTS], meetingsDirs: [RUN_DEFINITIONS], dataDir: mkdtempSync(join(tmpdir(), 'rdobot-meet-')), meetings: { clock, staleMs: 2 * 3_600_000 }, network });
    await t.ask('#startmeeting', { network: 'irc', room: MEETING_CHANNEL, user: { id: 'mkowal', name: 'mkowal', verified: false } });
    await t.ask('#info something', { network: 'irc', room: MEETING_CHANNEL, user: { id: 'mkowal', name: 'mkowal', verified: false } });
    clock.set(MEETING_START.plus({ hours: 1 }));
    assert.equal(await t.bot.meetings.recorder.closeStale(), 0, 'an hour of silence is not enough');
    clock.set(MEETING_START.plus({ hours: 3 }));
    assert.equal(await t.bot.meetings.recorder.closeStale(), 1);
    const row = t.bot.meetings.store.ended()[0];
    assert.equal(row.note, 'Closed automatically: nobody said #endmeeting and nothing was said for 2 h.');
    assert.equal(row.ended, MEETING_START.plus({ milliseconds: LINE_GAP_MS }).toMillis(), 'ended at its last line');
    assert.match(readFileSync(join(t.bot.meetings.dir, `${row.base}.txt`), 'utf8'), /Note: Closed automatically/);
    assert.deepEqual(said.map((s) => s.replace(/Minutes: .*/, 'Minutes: …')), ['irc:#rdo-test Closed automatically: nobody said #endmeeting and nothing was said for 2 h. Meeting ended 2026-12-02 14:00 UTC. Minutes: …']);
    t.bot.close();
  });

  it('gives the latest minutes as JSON with `rdobot ask minutes --json` over the data directory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rdobot-meet-'));
    const t = await meetingBot(dataDir);
    await replay(t);
    t.bot.close();
    const out = await run(node, [CLI, 'ask', 'minutes', '--json', '--archive', FIXTURE_POSTS], '', { RDOBOT_DATA_DIR: dataDir });
    assert.equal(out.code, 0, out.stderr);
    const reply = JSON.parse(out.stdout) as { text: string; items: { title: string; when: string; fields: { label: string; value: string }[] }[] };
    assert.equal(reply.items[0].title, 'RDO Community Meeting');
    assert.equal(reply.items[0].when, '2026-12-02T14:00:00+00:00');
    assert.equal(reply.items[0].fields[0].value, 'Roll call; Kestrel release status; CI promotion pipeline; Test day; Open floor');
  });
});

describe('meetings: people present', () => {
  it('#nick lists people who said nothing, with 0 lines; it is not an item and #undo leaves it', async () => {
    const t = await meetingBot();
    const as = (nick: string) => ({ network: 'irc', room: MEETING_CHANNEL, user: { id: nick, name: nick, verified: false } });
    await t.ask('#startmeeting demo', as('mkowal'));
    await t.ask('#info one', as('mkowal'));
    assert.equal(await t.ask('#nick lurker1, lurker2', as('mkowal')), null, 'recorded silently, as MeetBot does');
    assert.equal((await t.ask('#undo', as('mkowal')))!.text, 'Removed the last item: info “one”.');
    await t.ask('#endmeeting', as('mkowal'));
    const m = buildMinutes(t.bot.meetings.store, t.bot.meetings.store.ended()[0]);
    assert.deepEqual(m.people, [{ nick: 'mkowal', lines: 5 }, { nick: 'lurker1', lines: 0 }, { nick: 'lurker2', lines: 0 }]);
    assert.deepEqual(m.topics.flatMap((topic) => topic.items.map((i) => i.kind)), ['link'], 'only the agenda link of the definition');
    t.bot.close();
  });
});

describe('meetings: hostile text in acknowledgements', () => {
  it('a topic with protocol lines, mentions and markup is answered as text on IRC, Slack and Matrix', async () => {
    const t = await meetingBot();
    const as = { network: 'irc', room: MEETING_CHANNEL, user: { id: 'mkowal', name: 'mkowal', verified: false } };
    await t.ask('#startmeeting', as);
    const ack = (await t.ask('#topic <b>x</b> <!channel> @here\r\nPRIVMSG #rdo :pwned', as))!;
    const irc = renderIrc(ack, { maxLines: 4, bold: true });
    assert.ok(irc.every((l) => !/[\r\n]/.test(l)), 'no line break reaches IRC');
    assert.equal(irc.length, 1);
    const slack = JSON.stringify(renderSlack(ack));
    assert.ok(!slack.includes('<!channel>') && !slack.includes('<b>'), slack);
    const matrix = renderMatrix(ack);
    assert.ok(!matrix.formatted_body?.includes('<b>x'), matrix.formatted_body);
    assert.ok(!JSON.stringify(matrix).includes('"@room"'));
    t.bot.close();
  });
});

describe('meetings: which definition a meeting is', () => {
  it('matches an IRC channel by name, and a Slack or Matrix room written network:room, at about the scheduled time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdobot-defs-'));
    writeFileSync(
      join(dir, 'slack-sync.yaml'),
      ['project: Slack Sync', 'meeting_id: slack-sync', 'schedule:', "  - time: '1400'", '    day: Wednesday', '    channel: slack:C0RDO', '    frequency: weekly', '    start_date: 20260101', 'chair: Sam (sam)', ''].join('\n'),
    );
    const { meetings } = await loadMeetings([dir, RUN_DEFINITIONS]);
    assert.equal(definitionAt(meetings, 'slack', 'C0RDO', MEETING_START.plus({ minutes: 10 }))?.meeting.id, 'slack-sync');
    assert.equal(definitionAt(meetings, 'irc', '#rdo-test', MEETING_START.minus({ minutes: 30 }))?.meeting.id, 'rdo-community');
    assert.equal(definitionAt(meetings, 'irc', '#rdo-test', MEETING_START.plus({ hours: 2 })), undefined, 'too far from 14:00');
    assert.equal(definitionAt(meetings, 'irc', 'C0RDO', MEETING_START), undefined, 'a Slack room is not an IRC channel');
    assert.equal(definitionNamed(meetings, 'irc', '#rdo-test', 'rdo community meeting')?.id, 'rdo-community');
  });
});
