import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { fixtureBot, FIXTURE_POSTS, type TestBot } from '../helpers/bot.js';
import { TickingClock } from '../helpers/ticking-clock.js';
import { RUN_DEFINITIONS } from '../helpers/meeting-transcript.js';
import type { Message, Reply } from '../../src/core/types.js';
import { meetingBase } from '../../src/meetings/layout.js';
import type { MeetingRow } from '../../src/meetings/store.js';

const START = DateTime.fromISO('2026-12-09T15:00:00Z', { zone: 'utc' });

interface Meeting {
  t: TestBot;
  dataDir: string;
  say: (room: string, nick: string, text: string, extra?: Partial<Message>) => Promise<Reply | null>;
  /** The meeting running in a room, as stored. */
  running: (room: string) => MeetingRow;
  close: () => void;
}

async function meetingBot(extra: { publicRooms?: string[] } = {}): Promise<Meeting> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rdobot-save-'));
  const clock = new TickingClock(START, 1_000);
  const t = await fixtureBot({ archiveDirs: [FIXTURE_POSTS], meetingsDirs: [RUN_DEFINITIONS], dataDir, publicUrl: 'https://bot.example.org/', meetings: { clock, publicRooms: extra.publicRooms } });
  const say = (room: string, nick: string, text: string, more: Partial<Message> = {}) => t.ask(text, { network: 'irc', room, user: { id: nick, name: nick, verified: false }, ...more });
  const running = (room: string) => t.bot.meetings.store.meeting(t.bot.meetings.recorder.running('irc', room)!.id)!;
  return { t, dataDir, say, running, close: () => t.bot.close() };
}

const publicFile = (m: Meeting, base: string, format: string) => join(m.dataDir, 'meetings', `${base}.${format}`);
const privateFile = (m: Meeting, base: string, format: string) => join(m.dataDir, 'meetings-private', `${base}.${format}`);
/** Every file in the meeting's day directory, public and private. */
const dayFiles = (m: Meeting, base: string, dir: 'meetings' | 'meetings-private' = 'meetings') => {
  const day = join(m.dataDir, dir, base.split('/').slice(0, 2).join('/'));
  return existsSync(day) ? readdirSync(day).sort() : [];
};

describe('meetings: #save writes the minutes so far, as MeetBot’s does', () => {
  it('writes the minutes and logs so far at the meeting’s addresses, says where, and serves them while it runs', async () => {
    const m = await meetingBot();
    await m.say('#rdo', 'amoralej', '#startmeeting RDO meeting');
    await m.say('#rdo', 'amoralej', '#info the release is on Thursday');
    const saved = await m.say('#rdo', 'amoralej', '#save');
    const base = meetingBase(m.running('#rdo'));
    assert.equal(saved!.text, `Minutes so far saved. Minutes: https://bot.example.org/meetings/${base}.html · Log: https://bot.example.org/meetings/${base}.log.html`);
    assert.match(readFileSync(publicFile(m, base, 'txt'), 'utf8'), /the release is on Thursday/);
    assert.match(readFileSync(publicFile(m, base, 'log.txt'), 'utf8'), /#save/);
    const served = m.t.bot.minutes.respond({ url: `/meetings/${base}.md` });
    assert.equal(served?.status, 200, 'the saved minutes are at their address while the meeting runs');
    assert.equal(m.t.bot.meetings.store.ended().length, 0, 'still running: not listed as ended');
    m.close();
  });

  it('only lets a chair save', async () => {
    const m = await meetingBot();
    await m.say('#rdo', 'amoralej', '#startmeeting RDO meeting');
    assert.match((await m.say('#rdo', 'mallory', '#save'))!.text, /^Only a chair \(amoralej\) can use #save/);
    assert.deepEqual(dayFiles(m, meetingBase(m.running('#rdo'))), []);
    m.close();
  });

  it('#endmeeting replaces the saved files with the final ones, and never touches another meeting’s', async () => {
    const m = await meetingBot();
    await m.say('#rdo', 'amoralej', '#startmeeting RDO meeting');
    await m.say('##rdo', 'mallory', '#startmeeting RDO meeting');
    await m.say('##rdo', 'mallory', '#info FAKE: everything was cancelled');
    await m.say('##rdo', 'mallory', '#endmeeting');
    const fake = m.t.bot.meetings.store.ended()[0];
    const fakeText = readFileSync(publicFile(m, fake.base!, 'txt'), 'utf8');
    await m.say('#rdo', 'amoralej', '#info before the save');
    await m.say('#rdo', 'amoralej', '#save');
    const base = meetingBase(m.running('#rdo'));
    assert.doesNotMatch(readFileSync(publicFile(m, base, 'txt'), 'utf8'), /after the save/);
    await m.say('#rdo', 'amoralej', '#info after the save');
    await m.say('#rdo', 'amoralej', '#endmeeting');
    const row = m.t.bot.meetings.store.ended().find((r) => r.room === '#rdo')!;
    assert.equal(row.base, base, 'the final minutes are where the saved ones were');
    const text = readFileSync(publicFile(m, base, 'txt'), 'utf8');
    assert.match(text, /before the save/);
    assert.match(text, /after the save/);
    assert.equal(dayFiles(m, base).filter((f) => f.endsWith('.tmp')).length, 0, 'no temporary file left');
    assert.equal(readFileSync(publicFile(m, fake.base!, 'txt'), 'utf8'), fakeText, 'the other meeting’s files are as they were');
    m.close();
  });

  it('a #meetingname after #save: the files saved under the old name go at #endmeeting', async () => {
    const m = await meetingBot();
    await m.say('#rdo', 'amoralej', '#startmeeting RDO meeting');
    await m.say('#rdo', 'amoralej', '#save');
    const before = meetingBase(m.running('#rdo'));
    await m.say('#rdo', 'amoralej', '#meetingname rdo-community');
    await m.say('#rdo', 'amoralej', '#endmeeting');
    const row = m.t.bot.meetings.store.ended()[0];
    assert.notEqual(row.base, before);
    assert.ok(!existsSync(publicFile(m, before, 'html')), 'the file saved under the old name is gone');
    assert.ok(existsSync(publicFile(m, row.base!, 'html')));
    assert.equal(dayFiles(m, row.base!).length, 6, 'one file per format, of this meeting only');
    m.close();
  });

  it('keeps a private room’s minutes so far private, as at the end', async () => {
    const m = await meetingBot();
    const secret = { roomPrivate: true };
    await m.say('#secret', 'alice', '#startmeeting embargo review', secret);
    await m.say('#secret', 'alice', '#info CVE embargoed until Friday', secret);
    const saved = await m.say('#secret', 'alice', '#save', secret);
    assert.match(saved!.text, /^Minutes so far saved\. This room is not public: its minutes are kept, not published/);
    const base = meetingBase(m.running('#secret'));
    assert.ok(existsSync(privateFile(m, base, 'txt')));
    assert.ok(!existsSync(publicFile(m, base, 'txt')));
    assert.equal(m.t.bot.minutes.respond({ url: `/meetings/${base}.txt` }), null);
    m.close();
  });
});

describe('meetings: #restrictlogs keeps a meeting’s minutes private, as MeetBot restricts its files', () => {
  it('is acknowledged; the minutes are kept privately, not served, not listed, and shown only in their room', async () => {
    // The room is opted in to publication: a restricted meeting stays private all the same.
    const m = await meetingBot({ publicRooms: ['irc:#rdo'] });
    await m.say('#rdo', 'amoralej', '#startmeeting board meeting');
    await m.say('#rdo', 'amoralej', '#info the budget for the embargoed fix');
    await m.say('#rdo', 'amoralej', '#action amoralej: call the vendor');
    await m.say('#rdo', 'amoralej', '#save');
    const base = meetingBase(m.running('#rdo'));
    assert.ok(existsSync(publicFile(m, base, 'html')), 'saved while still public');
    assert.match((await m.say('#rdo', 'mallory', '#restrictlogs'))!.text, /^Only a chair/);
    const ack = await m.say('#rdo', 'amoralej', '#restrictlogs');
    assert.equal(ack!.text, 'Restricted: the minutes and logs of this meeting are kept privately, not published; !minutes here shows them.');
    assert.deepEqual(dayFiles(m, base), [], 'what #save published is taken away at once');
    const ended = await m.say('#rdo', 'amoralej', '#endmeeting');
    assert.match(ended!.text, /its minutes are kept, not published/);
    const row = m.t.bot.meetings.store.ended()[0];
    assert.ok(existsSync(privateFile(m, row.base!, 'html')));
    assert.deepEqual(dayFiles(m, row.base!), []);
    assert.equal(m.t.bot.minutes.respond({ url: `/meetings/${row.base}.html` }), null, 'not served');
    assert.doesNotMatch(m.t.bot.minutes.respond({ url: '/api/minutes' })!.body, /board meeting/, 'not listed');
    assert.doesNotMatch(m.t.bot.minutes.respond({ url: '/meetings/' })!.body, /board meeting/);
    const elsewhere = { network: 'irc', room: '#public', user: { id: 'bob', name: 'bob', verified: false } };
    assert.doesNotMatch((await m.t.ask('!minutes', elsewhere))!.text, /board meeting/);
    assert.doesNotMatch(JSON.stringify(await m.t.ask('!actions', elsewhere)), /call the vendor/);
    const here = { network: 'irc', room: '#rdo', user: { id: 'bob', name: 'bob', verified: false } };
    assert.match((await m.t.ask('!minutes', here))!.text, /board meeting/);
    assert.match(JSON.stringify(await m.t.ask('!actions', here)), /call the vendor/);
    m.close();
  });
});
