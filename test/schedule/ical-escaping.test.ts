import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { createBot, type Bot } from '../../src/main/compose.js';
import { calendarFor } from '../../src/main/calendar.js';
import { fixedClock } from '../../src/core/router.js';
import { HttpEndpoint } from '../../src/http/server.js';
import { communitySite } from '../../src/web/bot-site.js';
import { renderCalendar } from '../../src/schedule/ical.js';
import type { Meeting, TestDay } from '../../src/schedule/types.js';
import { TEST_NOW } from '../helpers/bot.js';
import { CLI, node, run } from '../helpers/run-cli.js';

const FORGED = 'URGENT: Gantry meeting moved – join https://evil.example/meet';

/** A meetings file and an events file written by someone hostile: line breaks, iCalendar syntax, control characters, bad URLs. */
function hostileSources(): { meetings: string; events: string } {
  const root = mkdtempSync(join(tmpdir(), 'rdobot-hostile-'));
  const meetings = join(root, 'meetings');
  const events = join(root, 'events');
  mkdirSync(meetings);
  mkdirSync(events);
  const inject = `\\r\\nEND:VEVENT\\r\\nBEGIN:VEVENT\\r\\nUID:forged@evil\\r\\nDTSTART:20261126T140000Z\\r\\nSUMMARY:${FORGED}\\r\\nEND:VEVENT\\r\\nX-A:`;
  writeFileSync(
    join(meetings, 'hostile.yaml'),
    [
      `project: "Gantry${inject};,\\\\"`,
      'meeting_id: hostile',
      'agenda_url: "javascript:alert(1)"',
      'chair: "Eve\\x01\\u202e\\x1b[31m"',
      'description: "line one\\r\\nBEGIN:VALARM\\nTRIGGER:-PT5M\\nEND:VALARM"',
      'schedule:',
      "  - time: '1400'",
      '    day: Thursday',
      '    irc: "rdo\\r\\nX-INJECT:1"',
      '    frequency: weekly',
    ].join('\n'),
  );
  writeFileSync(
    join(meetings, 'evil-id.yaml'),
    ['project: Quiet meeting', 'meeting_id: "evil\\r\\nBEGIN:VEVENT"', 'agenda_url: "data:text/html,<script>alert(1)</script>"', 'schedule:', "  - {time: '0900', day: Monday, irc: rdo, frequency: weekly}"].join('\n'),
  );
  writeFileSync(
    join(events, 'hostile.yml'),
    [
      'name: RDO Test Days',
      'talks:',
      `- title: "Hostile Test Day${inject}"`,
      '  location: "irc\\x01;,\\\\"',
      '  start: 2026-12-03 00:00 UTC',
      '  end: 2026-12-04 23:59 UTC',
      '  url: "javascript:alert(2)"',
      '  description: "Desc\\r\\nEND:VEVENT\\x07"',
    ].join('\n'),
  );
  return { meetings, events };
}

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202e]/;
const EXPECTED_UIDS = ['hostile-1-1@rdobot', 'evil-BEGIN-VEVENT-1-1@rdobot', 'testday-hostile-20261203-1@rdobot'];
const CALENDAR_PROPERTIES = new Set(['version', 'prodid', 'name', 'x-wr-calname']);
const EVENT_PROPERTIES = new Set(['uid', 'sequence', 'dtstamp', 'dtstart', 'dtend', 'rrule', 'exdate', 'summary', 'location', 'description', 'url']);

/** Parse with ical.js (as Thunderbird does) and check that only these events exist, with nothing forged in them. */
function assertOnly(ics: string, uids: string[], where: string): ICAL.Component {
  assert.ok(!CONTROL.test(ics), `${where}: no control characters`);
  assert.ok(!/javascript:|data:text/i.test(ics), `${where}: no script or data URL`);
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n').filter(Boolean);
  assert.equal(lines.filter((l) => l === 'BEGIN:VEVENT').length, uids.length, `${where}: ${uids.length} events`);
  const cal = new ICAL.Component(ICAL.parse(ics));
  assert.deepEqual(
    cal.getAllProperties().map((p) => p.name).filter((n) => !CALENDAR_PROPERTIES.has(n)),
    [],
    `${where}: no extra calendar property`,
  );
  const events = cal.getAllSubcomponents('vevent');
  assert.deepEqual(events.map((e) => e.getFirstPropertyValue('uid')).sort(), [...uids].sort(), `${where}: exactly the real events`);
  for (const e of events) {
    assert.deepEqual(e.getAllSubcomponents().length, 0, `${where}: no alarm or other part inside an event`);
    assert.deepEqual(e.getAllProperties().map((p) => p.name).filter((n) => !EVENT_PROPERTIES.has(n)), [], `${where}: no extra event property`);
    const url = e.getFirstPropertyValue('url');
    if (url !== null) assert.match(String(url), /^https?:\/\//, `${where}: only web links`);
    assert.ok(!String(e.getFirstPropertyValue('summary')).startsWith('URGENT'), `${where}: no forged summary`);
  }
  return cal;
}

describe('hostile names, titles, URLs and control characters cannot forge calendar events', function () {
  this.timeout(20_000);
  let bot: Bot;
  let base: string;
  let http: HttpEndpoint;
  let dirs: { meetings: string; events: string };

  before(async () => {
    dirs = hostileSources();
    bot = await createBot({ archiveDirs: [], meetingsDirs: [dirs.meetings], eventsDirs: [dirs.events], clock: fixedClock(TEST_NOW), rateLimits: false });
    http = new HttpEndpoint(bot, { host: '127.0.0.1', port: 0, calendar: (q) => calendarFor(bot, q), site: communitySite(bot) });
    base = `http://127.0.0.1:${await http.start()}`;
  });
  after(async () => {
    await http.stop();
    await bot.stop();
    bot.close();
  });

  const get = async (path: string) => {
    const r = await fetch(base + path);
    assert.equal(r.status, 200, path);
    return r.text();
  };

  it('loads the hostile meeting as one clean line of text, and says the agenda was no web address', () => {
    const m = bot.schedule.meetings.find((x) => x.id === 'hostile')!;
    assert.ok(!CONTROL.test(m.name) && !/[\r\n]/.test(m.name));
    assert.equal(m.agendaUrl, undefined);
    assert.ok(bot.schedule.warnings.some((w) => /'agenda_url' must be an http\(s\) address, got 'javascript:alert\(1\)'; left out/.test(w.reason) && w.line === 3));
    assert.ok(bot.schedule.warnings.some((w) => /talk 'Hostile Test Day.*': the link must be an http\(s\) address/.test(w.reason)));
  });

  it('/calendar.ics holds exactly the three real events', async () => {
    const cal = assertOnly(await get('/calendar.ics'), EXPECTED_UIDS, '/calendar.ics');
    assert.equal(cal.getFirstPropertyValue('x-wr-calname'), 'RDO community calendar');
  });

  it('/calendar.ics?meeting=hostile: one event, and the meeting name as the calendar name, escaped', async () => {
    const cal = assertOnly(await get('/calendar.ics?meeting=hostile'), ['hostile-1-1@rdobot'], '?meeting=');
    // ical.js gives X- values raw: unescape them by RFC 5545's TEXT rules.
    const name = String(cal.getFirstPropertyValue('x-wr-calname')).replace(/\\([\\;,nN])/g, (_m, c: string) => (c.toLowerCase() === 'n' ? '\n' : c));
    assert.equal(name, bot.schedule.meetings.find((m) => m.id === 'hostile')!.name, 'the name comes back whole, as text');
    assert.match(name, /^Gantry END:VEVENT BEGIN:VEVENT UID:forged@evil .*X-A:;,\\$/);
  });

  it('/calendar/meeting/<id>.ics and /calendar/testday/<id>.ics: one event each', async () => {
    assertOnly(await get('/calendar/meeting/hostile.ics'), ['hostile-1-1@rdobot'], 'meeting page feed');
    assertOnly(await get(`/calendar/meeting/${encodeURIComponent('evil BEGIN:VEVENT')}.ics`), ['evil-BEGIN-VEVENT-1-1@rdobot'], 'evil id');
    assertOnly(await get('/calendar/testday/hostile-20261203-1.ics'), ['testday-hostile-20261203-1@rdobot'], 'test day feed');
  });

  it('`rdobot calendar` writes the same three events', async () => {
    const out = await run(node, [CLI, 'calendar', '--meetings', dirs.meetings, '--events', dirs.events, '--now', TEST_NOW.toISO()!]);
    assert.equal(out.code, 0, out.stderr);
    assertOnly(out.stdout, EXPECTED_UIDS, 'rdobot calendar');
  });

  it('the page and the JSON API carry neither the control characters nor the script links', async () => {
    for (const path of ['/', '/api/meetings', '/api/testdays']) {
      const text = await get(path);
      assert.ok(!CONTROL.test(text) && !/\\u00(0[0-8bcef]|1[0-9a-f])|\\u202e/i.test(text), `${path}: no control characters`);
      assert.ok(!/javascript:|data:text/i.test(text), `${path}: no script links`);
    }
    const meetings = JSON.parse(await get('/api/meetings')) as unknown;
    assert.ok(JSON.stringify(meetings).includes('Gantry END:VEVENT'), 'the meeting is listed, its name as plain text');
  });

  it('the calendar writer cleans and escapes on its own too, whatever a loader let through', () => {
    const raw = `Gantry\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:forged@evil\r\nSUMMARY:${FORGED}\r\nEND:VEVENT\r\nX-A:\x01`;
    const meeting: Meeting = {
      id: 'raw\r\nBEGIN:VEVENT',
      name: raw,
      chair: 'Eve\x01',
      agendaUrl: 'javascript:alert(1)',
      description: 'a\r\nBEGIN:VALARM',
      source: 'test',
      schedules: [{ time: '1400', weekday: 4, channel: '#rdo\r\nX-I:1', frequency: 'weekly', zone: 'UTC', durationMinutes: 60, skipDates: [] }],
    };
    const day: TestDay = { id: 'd\r\nX', title: raw, start: TEST_NOW, end: TEST_NOW.plus({ days: 1 }), link: 'javascript:alert(2)', location: 'x\x01', description: 'y\r\nEND:VEVENT', source: 'test' };
    assertOnly(renderCalendar([meeting], [day], { now: TEST_NOW, name: raw }), ['raw-BEGIN-VEVENT-1-1@rdobot', 'testday-d-X@rdobot'], 'renderCalendar');
  });
});
