import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureBot, FIXTURE_POSTS, type TestBot } from '../helpers/bot.js';
import { LINE_GAP_MS, MEETING_CHANNEL, MEETING_START, RUN_DEFINITIONS } from '../helpers/meeting-transcript.js';
import { TickingClock } from '../helpers/ticking-clock.js';
import { buildMinutes } from '../../src/meetings/minutes.js';
import { parseAction } from '../../src/meetings/owners.js';
import { parseVote } from '../../src/meetings/votes.js';
import { MEETBOT_COMMANDS } from '../../src/meetings/commands-table.js';
import { DEFAULT_RATE_LIMITS } from '../../src/core/rate-limit.js';
import { renderIrc } from '../../adapters/irc/render.js';
import type { BotOptions } from '../../src/main/compose.js';
import type { Identity, Message, Reply } from '../../src/core/types.js';

type MeetingBot = TestBot & { dataDir: string; clock: TickingClock };

async function meetingBot(dataDir = mkdtempSync(join(tmpdir(), 'rdobot-parity-')), options: Partial<BotOptions> = {}): Promise<MeetingBot> {
  const clock = new TickingClock(MEETING_START, LINE_GAP_MS);
  const t = await fixtureBot({ archiveDirs: [FIXTURE_POSTS], meetingsDirs: [RUN_DEFINITIONS], dataDir, publicUrl: 'https://bot.example.org/', meetings: { clock }, ...options });
  return { ...t, dataDir, clock };
}

/** Someone in the meeting's IRC channel: a nick without services, followed by the adapter as `session`. */
const person = (nick: string, session = `s-${nick}`, extra: Partial<Identity> = {}): Partial<Message> => ({
  network: 'irc',
  room: MEETING_CHANNEL,
  user: { id: nick, name: nick, verified: false, session, ...extra },
});

const said = (t: TestBot, who: Partial<Message>, ...lines: string[]) => lines.reduce<Promise<Reply | null>>((p, l) => p.then(() => t.ask(l, who)), Promise.resolve(null));

describe('meetings at MeetBot’s level: owners', () => {
  it('makes every nick seen in the meeting that appears in an #action an owner, as MeetBot does', () => {
    const seen = ['number80', 'chandankumar', 'amoralej', 'dmsimard'];
    const known = (n: string) => seen.includes(n.toLowerCase());
    assert.deepEqual(parseAction('number80 chandankumar run packstack scenario001', known, seen), { owners: ['number80', 'chandankumar'], text: 'run packstack scenario001' });
    assert.deepEqual(parseAction('follow up with amoralej on the spec', known, seen), { owners: ['amoralej'], text: 'follow up with amoralej on the spec' });
    assert.deepEqual(parseAction('dmsimard: to check the logs with amoralej', known, seen), { owners: ['dmsimard', 'amoralej'], text: 'check the logs with amoralej' });
    assert.deepEqual(parseAction('alice and bob will write it', () => false, []), { owners: ['alice', 'bob'], text: 'write it' });
    // A nick that is only part of a word is not named: "dmsimardx", "amoralejo".
    assert.deepEqual(parseAction('ask amoralejo', known, seen).owners, []);
  });

  it('records the owners MeetBot’s way and !actions <nick> lists every item that person owns, and only those', async () => {
    const t = await meetingBot();
    await t.ask('#startmeeting', person('mkowal'));
    for (const nick of ['number80', 'chandankumar', 'amoralej', 'dmsimard']) await t.ask('o/', person(nick));
    await said(
      t,
      person('mkowal'),
      '#action number80 chandankumar run packstack scenario001',
      '#action follow up with amoralej about the spec',
      '#action dmsimard: to check the weirdo jobs',
      '#endmeeting',
    );
    const minutes = buildMinutes(t.bot.meetings.store, t.bot.meetings.store.ended()[0]);
    assert.deepEqual(
      minutes.actions.map((a) => `${a.owners.join(', ')}: ${a.text}`),
      ['number80, chandankumar: run packstack scenario001', 'amoralej: follow up with amoralej about the spec', 'dmsimard: check the weirdo jobs'],
    );
    assert.deepEqual((await t.ask('!actions chandankumar'))!.items!.map((i) => i.title), ['number80, chandankumar: run packstack scenario001']);
    assert.deepEqual((await t.ask('!actions amoralej'))!.items!.map((i) => i.title), ['amoralej: follow up with amoralej about the spec']);
    assert.equal((await t.ask('!actions mkowal'))!.text, 'No open action items for mkowal.', 'the chair who typed them owns none');
    t.bot.close();
  });
});

describe('meetings at MeetBot’s level: the log as said', () => {
  it('records /me lines, counts them, keeps text exactly and stamps seconds; each item knows its line', async () => {
    const t = await meetingBot();
    await t.ask('#startmeeting', person('mkowal'));
    await t.ask('waves at everyone', { ...person('ochen'), emote: true });
    await t.ask('two  spaces   kept', person('ochen'));
    await t.ask('#info the   agenda', person('mkowal'));
    await t.ask('#endmeeting', person('mkowal'));
    const store = t.bot.meetings.store;
    const row = store.ended()[0];
    const lines = store.lines(row.id);
    const emote = lines.find((l) => l.text === 'waves at everyone')!;
    assert.equal(emote.emote, 1);
    assert.ok(lines.some((l) => l.text === 'two  spaces   kept'), 'repeated spaces are not folded');
    const info = store.items(row.id).find((i) => i.kind === 'info')!;
    assert.equal(info.text, 'the   agenda');
    assert.equal(lines.find((l) => l.seq === info.line)!.text, '#info the   agenda', 'the item links to the line it was said on');
    assert.equal(new Set(lines.map((l) => l.seq)).size, lines.length, 'every line has its own number');
    const minutes = buildMinutes(store, row);
    assert.deepEqual(minutes.people.find((p) => p.nick === 'ochen'), { nick: 'ochen', lines: 2 }, 'the /me line counts');
    // The clock ticks 20 s a line: seconds are kept, not rounded to the minute.
    assert.equal([...minutes.log()][1].at.toFormat('HH:mm:ss'), '14:00:20');
    // The logs write the /me line as IRC clients show it.
    const file = (ext: string) => readFileSync(join(t.bot.meetings.dir, `${row.base}.${ext}`), 'utf8');
    assert.match(file('log.txt'), /^14:00:20 \* ochen waves at everyone$/m);
    assert.match(file('log.html'), /<em>\* ochen waves at everyone<\/em>/);
    assert.match(file('log.md'), /^\* (<a id="l\d+"><\/a>)?`14:00:20` \\\* \*ochen waves at everyone\*$/m);
    t.bot.close();
  });

  it('logs the bot’s own line when it is sent, so an acknowledgement sent after #endmeeting is logged after it', async () => {
    const t = await meetingBot();
    await t.ask('#startmeeting', person('mkowal'));
    const ack = await t.ask('#chair ateixeira', person('mkowal'));
    assert.equal(ack!.text, 'Current chairs: mkowal, ateixeira.');
    await t.ask('still here', person('ochen'));
    const end = await t.ask('#endmeeting', person('mkowal'));
    ack!.sent!(); // the send queue let it go only now
    end!.sent!();
    const lines = t.bot.meetings.store.lines(t.bot.meetings.store.ended()[0].id).map((l) => `${l.bot ? 'BOT' : l.nick}: ${l.text.slice(0, 30)}`);
    assert.deepEqual(lines, [
      'mkowal: #startmeeting',
      'mkowal: #chair ateixeira',
      'ochen: still here',
      'mkowal: #endmeeting',
      'BOT: Current chairs: mkowal, ateixe',
      'BOT: Meeting ended 2026-12-02 14:01',
    ]);
    t.bot.close();
  });
});

describe('meetings at MeetBot’s level: votes and the other MeetBot commands', () => {
  it('reads #startvote as a question and its options, with +1/0/-1 when none are given', () => {
    assert.deepEqual(parseVote('Move the meeting to Thursday? yes, no, abstain'), { question: 'Move the meeting to Thursday?', options: ['yes', 'no', 'abstain'] });
    assert.deepEqual(parseVote('Ship it?'), { question: 'Ship it?', options: ['+1', '0', '-1'] });
  });

  it('counts one vote per person (the last), announces results per option with voters, and keeps them across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rdobot-parity-'));
    let t = await meetingBot(dataDir);
    await t.ask('#startmeeting', person('mkowal'));
    const opened = await t.ask('#startvote Move the meeting to Thursday? yes, no', person('mkowal'));
    assert.equal(opened!.text, 'Begin voting on: Move the meeting to Thursday? Options: yes, no. Vote with #vote <option>; only your last vote counts.');
    assert.equal(await t.ask('#vote yes', person('ochen')), null, 'a vote is not acknowledged');
    await t.ask('#vote no', person('dpark'));
    assert.match((await t.ask('#vote maybe', person('lbianchi')))!.text, /^Not an option of this vote: maybe\. The options: yes, no\.$/);
    t.bot.close();
    t = await meetingBot(dataDir); // a restart in the middle of the vote
    await t.ask('#vote yes', person('dpark')); // changed their mind: the last vote counts
    await t.ask('#vote YES', person('lbianchi'));
    assert.equal((await t.ask('#showvote', person('ochen')))!.text, 'Voting on: Move the meeting to Thursday? yes (3): dpark, lbianchi, ochen; no (0).');
    assert.match((await t.ask('#endvote', person('ochen')))!.text, /^Only a chair/);
    const result = await t.ask('#endvote', person('mkowal'));
    assert.equal(result!.text, 'Voted on: Move the meeting to Thursday? yes (3): dpark, lbianchi, ochen; no (0). Result: yes.');
    await t.ask('#endmeeting', person('mkowal'));
    const store = t.bot.meetings.store;
    const row = store.ended()[0];
    const [vote] = store.votes(row.id);
    assert.ok(vote.closed);
    assert.deepEqual(store.ballots(vote.id).map((b) => `${b.nick} ${b.choice}`).sort(), ['dpark yes', 'lbianchi yes', 'ochen yes']);
    assert.ok(buildMinutes(store, row).agreed.some((a) => a.text.startsWith('Voted on: Move the meeting to Thursday? yes (3)')), 'the result is in the minutes');
    t.bot.close();
  });

  it('keeps the #startmeeting text as the title; #meetingname only names the files', async () => {
    const t = await meetingBot();
    await t.ask('#startmeeting RDO weekly, December edition', person('mkowal'));
    assert.equal((await t.ask('#meetingname rdo-community', person('mkowal')))!.text, 'Meeting name set to: rdo-community');
    await t.ask('#endmeeting', person('mkowal'));
    const row = t.bot.meetings.store.ended()[0];
    assert.equal(row.name, 'RDO weekly, December edition');
    assert.equal(row.short_name, 'rdo-community');
    t.bot.close();
  });

  it('#meetingtopic, #lurk/#unlurk and #save do what MeetBot’s do', async () => {
    const t = await meetingBot();
    await t.ask('#startmeeting', person('mkowal'));
    const topic = await t.ask('#meetingtopic Kestrel GA', person('mkowal'));
    assert.equal(topic!.text, 'Meeting topic: Kestrel GA');
    assert.deepEqual(topic!.topic, { set: 'Kestrel GA' });
    assert.deepEqual((await t.ask('#topic Packaging', person('mkowal')))!.topic, { set: 'Kestrel GA (Meeting topic: Packaging)' });
    assert.equal(await t.ask('#lurk', person('mkowal')), null);
    assert.equal(await t.ask('#topic Quiet now', person('mkowal')), null, 'lurking: recorded, not said');
    assert.equal(await t.ask('#endvote', person('ochen')), null, 'not even a refusal');
    assert.match((await t.ask('#unlurk', person('mkowal')))!.text, /^Speaking again/);
    assert.match((await t.ask('#save', person('mkowal')))!.text, /^Minutes so far saved\. Minutes: https:\/\/bot\.example\.org\/meetings\//);
    assert.equal((await t.ask('#meetingtopic none', person('mkowal')))!.text, 'Meeting topic removed.');
    assert.match((await t.ask('#agreed we ship', person('ochen')))!.text, /^Only a chair/, 'decisions are the chairs’, as in MeetBot');
    assert.equal(await t.ask('#halp someone who knows nagios', person('ochen')), null);
    await t.ask('#startvote Ship it?', person('mkowal'));
    await t.ask('#vote +1', person('ochen'));
    const ended = await t.ask('#endmeeting', person('mkowal'));
    assert.deepEqual(ended!.topic, { restore: true }, 'the channel topic is put back');
    assert.match(ended!.text, /^Voted on: Ship it\? \+1 \(1\): ochen; 0 \(0\); -1 \(0\)\. Result: \+1\. Meeting ended/, 'an open vote is closed by #endmeeting');
    const minutes = buildMinutes(t.bot.meetings.store, t.bot.meetings.store.ended()[0]);
    assert.deepEqual(minutes.topics.map((x) => x.title).filter(Boolean), ['Packaging', 'Quiet now']);
    t.bot.close();
  });

  it('has every command of MeetBot’s command table', () => {
    const meetbot = ['startmeeting', 'endmeeting', 'topic', 'meetingtopic', 'agreed', 'agree', 'accepted', 'accept', 'rejected', 'reject', 'info', 'action', 'idea', 'link', 'help', 'halp', 'chair', 'unchair', 'undo', 'nick', 'meetingname', 'commands', 'lurk', 'unlurk', 'save', 'restrictlogs', 'startvote', 'vote', 'endvote', 'showvote'];
    assert.deepEqual(meetbot.filter((w) => !MEETBOT_COMMANDS[w]), []);
  });

  it('lists the series’ open actions at the start, numbered, on IRC too, so #done n can be used', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rdobot-parity-'));
    const t = await meetingBot(dataDir);
    await t.ask('#startmeeting', person('mkowal'));
    await t.ask('o/', person('ochen'));
    await said(t, person('mkowal'), '#action ochen: update the quickstart', '#action mkowal: book the room', '#endmeeting');
    t.clock.set(MEETING_START.plus({ weeks: 1 }));
    const started = await t.ask('#startmeeting', person('mkowal'));
    const irc = renderIrc(started!, { bold: false, maxLines: 10 });
    assert.deepEqual(irc.slice(1), ['1. ochen: update the quickstart', '2. mkowal: book the room']);
    assert.match(irc[0], /Open from last time \(#done <n> closes one\):$/);
    t.bot.close();
  });
});

describe('meetings at MeetBot’s level: quiet and prompt', () => {
  it('says nothing for #info, #link, #idea and #action, and answers #endmeeting after a burst of 300 lines', async () => {
    const t = await meetingBot();
    await t.ask('#startmeeting', person('mkowal'));
    let answered = 0;
    for (let i = 0; i < 300; i++) if (await t.ask(['#info', '#link https://x.example/', '#idea', '#action ochen:'][i % 4] + ` item ${i}`, person('mkowal'))) answered++;
    assert.equal(answered, 0);
    const end = await t.ask('#endmeeting', person('mkowal'));
    assert.match(end!.text, /^Meeting ended/);
    assert.equal(end!.droppable, undefined, 'the minutes are never shed');
    t.bot.close();
  });

  it('keeps acknowledgements out of a muted room and under the rate guard; the meeting is still recorded', async () => {
    const t = await meetingBot(undefined, { rateLimits: DEFAULT_RATE_LIMITS });
    await t.ask('#startmeeting', person('mkowal'));
    let acks = 0;
    for (let i = 0; i < 40; i++) if (await t.ask(`#topic topic ${i}`, person('mkowal'))) acks++;
    assert.ok(acks > 0 && acks < 40, `${acks} of 40 acknowledged under the rate guard`);
    t.bot.mutes.mute(`irc:${MEETING_CHANNEL}`, Number.MAX_SAFE_INTEGER);
    assert.equal(await t.ask('#chair ochen', person('mkowal')), null, 'muted: nothing said');
    const row = t.bot.meetings.recorder.running('irc', MEETING_CHANNEL)!;
    assert.equal(t.bot.meetings.store.items(row.id).filter((i) => i.kind === 'topic').length, 40, 'every topic recorded');
    assert.deepEqual(JSON.parse(t.bot.meetings.store.meeting(row.id)!.chairs), ['mkowal', 'ochen'], 'the muted #chair still took effect');
    t.bot.close();
  });
});

describe('meetings at MeetBot’s level: chairs and owners by identity', () => {
  it('keeps the chair with the person who renamed, and refuses whoever takes the old nick', async () => {
    const t = await meetingBot();
    await t.ask('#startmeeting', person('carol', 'conn-1'));
    await t.ask('brb, changing nick', person('carol', 'conn-1'));
    // carol is now carol_away (same connection); mallory takes the nick "carol" on another connection.
    assert.match((await t.ask('#undo', person('carol', 'conn-2')))!.text, /^Only a chair \(carol, mkowal\) can use #undo\.$/);
    assert.match((await t.ask('#endmeeting', person('carol', 'conn-2')))!.text, /^Only a chair/);
    assert.equal((await t.ask('#topic Back', { ...person('carol_away', 'conn-1') }))!.text, 'Topic: Back');
    assert.match((await t.ask('#endmeeting', person('carol_away', 'conn-1')))!.text, /^Meeting ended/);
    assert.deepEqual(JSON.parse(t.bot.meetings.store.ended()[0].chairs), ['carol_away', 'mkowal'], 'shown under the nick they now use');
    t.bot.close();
  });

  it('shows a chair who renamed on IRC under the new nick at once, before they speak again', async () => {
    const t = await meetingBot();
    await t.ask('#startmeeting', person('carol', 'conn-1'));
    // The IRC adapter saw NICK carol → carol_away on carol's connection.
    t.context.renamed!({ network: 'irc', from: 'carol', user: { id: 'carol_away', name: 'carol_away', verified: false, session: 'conn-1' } });
    assert.equal((await t.ask('#undo', person('carol', 'conn-2')))!.text, 'Only a chair (carol_away, mkowal) can use #undo.', 'the refusal names the chair as they are called now');
    const stored = t.bot.meetings.store.meeting(t.bot.meetings.recorder.running('irc', MEETING_CHANNEL)!.id)!;
    assert.deepEqual(JSON.parse(stored.chairs), ['carol_away', 'mkowal'], 'stored under the new nick');
    assert.equal((await t.ask('#chair ochen', person('carol_away', 'conn-1')))!.text, 'Current chairs: carol_away, mkowal, ochen.');
    t.bot.close();
  });

  it('keeps the chair with whoever held the nick when it changes before they speak (after a restart, or named by #chair)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rdobot-parity-'));
    const first = await meetingBot(dataDir);
    await first.ask('#startmeeting', person('carol', 'conn-1'));
    await first.ask('#chair dpark', person('carol', 'conn-1'));
    first.bot.close();
    // A restart: the connections followed before are gone; carol and dpark rename before saying anything.
    const t = await meetingBot(dataDir);
    t.context.renamed!({ network: 'irc', from: 'carol', user: { id: 'carol|away', name: 'carol|away', verified: false, session: 'new-1' } });
    t.context.renamed!({ network: 'irc', from: 'dpark', user: { id: 'dpark_', name: 'dpark_', verified: false, session: 'new-2' } });
    assert.equal((await t.ask('#endmeeting', person('carol', 'mallory-1')))!.text, 'Only a chair (carol|away, mkowal, dpark_) can use #endmeeting.', 'whoever takes the old nick is no chair');
    assert.match((await t.ask('#endmeeting', person('dpark', 'mallory-2')))!.text, /^Only a chair/);
    assert.equal((await t.ask('#topic Back', person('dpark_', 'new-2')))!.text, 'Topic: Back');
    assert.match((await t.ask('#endmeeting', person('carol|away', 'new-1')))!.text, /^Meeting ended/);
    t.bot.close();
  });

  it('knows a chair by their account where the network has one (IRC services, Matrix, Slack), whatever their nick', async () => {
    const t = await meetingBot();
    const kim = (nick: string): Partial<Message> => ({ network: 'irc', room: MEETING_CHANNEL, user: { id: 'kim-account', name: nick, verified: true } });
    await t.ask('#startmeeting', kim('kim'));
    assert.match((await t.ask('#endmeeting', person('kim', 'someone-else')))!.text, /^Only a chair/, 'the nick alone is not the chair');
    assert.match((await t.ask('#endmeeting', kim('kim|away')))!.text, /^Meeting ended/);
    t.bot.close();
  });

  it('lets a configured admin or a channel operator end or take over a squatter’s meeting', async () => {
    const t = await meetingBot(undefined, { admins: ['irc:root-account'] });
    await t.ask('#startmeeting squatting', person('squatter'));
    assert.match((await t.ask('#endmeeting', person('dpark')))!.text, /^Only a chair \(squatter, mkowal\)/);
    const took = await t.ask('#startmeeting', { ...person('op'), roles: ['operator'] });
    assert.equal(took!.text, 'Current chairs: squatter, mkowal, op.');
    assert.match((await t.ask('#endmeeting', { network: 'irc', room: MEETING_CHANNEL, user: { id: 'root-account', name: 'root', verified: true } }))!.text, /^Meeting ended/);
    t.bot.close();
  });

  it('closes a carried action only for a chair or its owner, and gives carried actions only to a chair of the series', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rdobot-parity-'));
    const t = await meetingBot(dataDir);
    await t.ask('#startmeeting', person('mkowal'));
    await t.ask('o/', person('ochen'));
    await said(t, person('mkowal'), '#action ochen: update the quickstart', '#action dpark: write the post', '#endmeeting');
    // A squatter starts the next meeting of the series first: it carries nothing of the series.
    t.clock.set(MEETING_START.plus({ weeks: 1 }));
    const squat = await t.ask('#startmeeting', person('squatter'));
    assert.equal(squat!.items, undefined);
    await t.ask('#endmeeting', person('squatter'));
    assert.equal(t.bot.meetings.store.openActions().length, 2, 'still open for the real meeting');
    // The series' own chair starting a meeting of that name in another channel (##rdo-test is not #rdo-test) is
    // given nothing either: a series belongs to its channel.
    t.clock.set(MEETING_START.plus({ weeks: 1, hours: 1 }));
    for (const elsewhere of ['##rdo-test', '#other']) {
      const other = await t.ask('#startmeeting RDO Community Meeting', { ...person('mkowal'), room: elsewhere });
      assert.equal(other!.items, undefined, elsewhere);
      await t.ask('#endmeeting', { ...person('mkowal'), room: elsewhere });
    }
    // The real chair's meeting carries them; #done by someone else is refused, by the owner it works.
    t.clock.set(MEETING_START.plus({ weeks: 2 }));
    const real = await t.ask('#startmeeting', person('mkowal'));
    assert.equal(real!.items!.length, 2);
    assert.match((await t.ask('#done 2', person('mallory')))!.text, /^Only a chair \(mkowal\) or the action's owner can close action 2\.$/);
    assert.equal((await t.ask('#done 1', person('ochen')))!.text, 'Done: action 1 from last time.');
    assert.equal((await t.ask('#done 2', person('mkowal')))!.text, 'Done: action 2 from last time.');
    t.bot.close();
  });
});
