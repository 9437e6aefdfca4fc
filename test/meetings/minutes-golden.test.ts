/**
 * The minutes of three meetings, byte for byte, in text, Markdown and HTML: the invented RDO meeting; the next one of
 * its series (actions carried and closed, a vote, #undo, #nick, #meetingtopic, #meetingname, a bare link, text with
 * Markdown and HTML in it); and an empty one closed automatically. The files were written by the writers as they were
 * before the minutes' sections became one list (src/meetings/sections.ts), and pin that nothing moved. To accept a
 * change on purpose, run with UPDATE_GOLDEN=1 and review the diff of test/golden/minutes/.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureBot, FIXTURE_POSTS } from '../helpers/bot.js';
import { GOLDEN_ROOT } from '../helpers/replies.js';
import { LINE_GAP_MS, MEETING_CHANNEL, MEETING_START, RUN_DEFINITIONS, transcript } from '../helpers/meeting-transcript.js';
import { TickingClock } from '../helpers/ticking-clock.js';
import type { Message } from '../../src/core/types.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const GOLDEN = join(GOLDEN_ROOT, 'minutes');
const NAMES = ['first-of-series', 'carried-votes-undo', 'closed-empty'];

const NEXT_WEEK: [string, string][] = [
  ['mkowal', '#startmeeting'],
  ['mkowal', '#meetingtopic weekly RDO'],
  ['mkowal', '#nick ghost1, ghost2'],
  ['lbianchi', 'hello <b>there</b> & "quotes" _under_ *star*'],
  ['mkowal', '#topic Follow-ups'],
  ['mkowal', '#done 1'],
  ['mkowal', '#action ochen: update the packstack quickstart for Kestrel'],
  ['mkowal', '#action nobody in particular should look at https://example.org/x_(y)?a=1&b=2'],
  ['mkowal', '#info a mistake'],
  ['mkowal', '#undo'],
  ['mkowal', '#startvote Move to Thursday? yes, no'],
  ['lbianchi', '#vote yes'],
  ['ochen', '#vote no'],
  ['dpark', '#vote yes'],
  ['mkowal', '#endvote'],
  ['mkowal', '#accepted the new mirror'],
  ['mkowal', '#idea ideas with `code` and [brackets](x)'],
  ['mkowal', '#help need a hand\twith tabs'],
  ['mkowal', 'https://example.org/a-bare-link'],
  ['mkowal', '#link https://example.org/linked'],
  ['mkowal', '#meetingname rdo weekly'],
  ['mkowal', '#endmeeting'],
];

describe('meetings: the minutes, byte for byte', () => {
  it('writes the text, Markdown and HTML minutes of three meetings exactly as before', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rdobot-minutes-golden-'));
    const clock = new TickingClock(MEETING_START, LINE_GAP_MS);
    const t = await fixtureBot({ archiveDirs: [FIXTURE_POSTS], meetingsDirs: [RUN_DEFINITIONS], dataDir, publicUrl: 'https://bot.example.org/', meetings: { clock } });
    const person = (nick: string, extra: Partial<Message> = {}): Partial<Message> => ({ network: 'irc', room: MEETING_CHANNEL, user: { id: nick, name: nick, verified: false, session: `s-${nick}` }, ...extra });
    for (const l of transcript()) await t.ask(l.text, person(l.nick));
    clock.set(MEETING_START.plus({ days: 7 }));
    for (const [nick, text] of NEXT_WEEK) await t.ask(text, person(nick));
    clock.set(MEETING_START.plus({ days: 20 }));
    await t.ask('#startmeeting Empty one', person('zed', { room: '#other' }));
    clock.set(MEETING_START.plus({ days: 21 }));
    assert.equal(await t.bot.meetings.recorder.closeStale(), 1);
    const rows = t.bot.meetings.store.ended().reverse();
    assert.equal(rows.length, NAMES.length);
    const changed: string[] = [];
    rows.forEach((row, i) => {
      for (const format of ['txt', 'md', 'html']) {
        const file = join(GOLDEN, `${NAMES[i]}.${format}`);
        const written = readFileSync(join(dataDir, 'meetings', `${row.base}.${format}`), 'utf8');
        if (UPDATE) mkdirSync(GOLDEN, { recursive: true }), writeFileSync(file, written);
        else if (written !== readFileSync(file, 'utf8')) changed.push(file);
      }
    });
    t.bot.close();
    assert.deepEqual(changed, [], 'minutes differ from the golden files (UPDATE_GOLDEN=1 rewrites them: review the diff)');
  });
});
