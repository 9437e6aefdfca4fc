import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { FIXTURES } from './bot.js';
import type { Minutes } from '../../src/meetings/minutes.js';

/** The invented RDO meeting every network replays, and the definition that names its channel at its time. */
export const TRANSCRIPT_FILE = join(FIXTURES, 'meeting-runs', 'rdo-meeting.txt');
export const RUN_DEFINITIONS = join(FIXTURES, 'meeting-runs', 'definitions');
/** Its channel, as the definition names it; and its scheduled start (a Wednesday, 14:00 UTC). */
export const MEETING_CHANNEL = '#rdo-test';
export const MEETING_START = DateTime.fromISO('2026-12-02T14:00:00Z', { zone: 'utc' });
export const LINE_GAP_MS = 20_000;

export interface TranscriptLine {
  nick: string;
  text: string;
}

export function transcript(): TranscriptLine[] {
  return readFileSync(TRANSCRIPT_FILE, 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('# '))
    .map((l) => {
      const space = l.indexOf(' ');
      return { nick: l.slice(0, space), text: l.slice(space + 1) };
    });
}

/** The minutes as a reader checks them: topics with their items, actions by person, decisions. */
export function outline(m: Minutes) {
  return {
    name: m.name,
    chairs: m.chairs,
    topics: m.topics.map((t) => ({ title: t.title, items: t.items.map((i) => `${i.kind.toUpperCase()}${i.kind === 'action' ? ` ${i.owners.join(', ')}` : ''}: ${i.text}`) })),
    byPerson: Object.fromEntries(m.byPerson.map((p) => [p.person, p.actions])),
    agreed: m.agreed.map((a) => `${a.kind}: ${a.text}`),
  };
}

/** Exactly what the transcript says, and nothing it took back (#undo) or was refused (#topic by a former chair). */
export const EXPECTED_OUTLINE = {
  name: 'RDO Community Meeting',
  chairs: ['ateixeira', 'rsingh'],
  topics: [
    { title: null, items: ['LINK: Agenda: https://etherpad.example.org/p/rdo-meeting'] },
    { title: 'Roll call', items: ['INFO: the agenda is on the etherpad, add your items'] },
    {
      title: 'Kestrel release status',
      items: [
        'INFO: 412 of 415 packages built for Kestrel, 3 waiting on new dependencies',
        'LINK: https://review.example.org/c/kestrel-status',
        'ACTION lbianchi: rebuild python-foo against the new oslo',
        'ACTION ateixeira, rsingh: fix the specs of python-bar and openstack-baz',
        'AGREED: Kestrel GA is announced Thursday 2026-12-10 if the 3 packages land',
      ],
    },
    {
      title: 'CI promotion pipeline',
      items: [
        'INFO: the promotion pipeline fails since Monday because of the mirror sync',
        'IDEA: move the promotion jobs to the new mirror',
        'ACTION rsingh: check the mirror sync job with infra',
        'HELP: someone who knows nagios to add a mirror freshness check',
      ],
    },
    {
      title: 'Test day',
      items: [
        'INFO: Kestrel RC test day planned on 2026-12-08 and 2026-12-09',
        'LINK: https://www.rdoproject.example/testday/kestrel/',
        'ACTION dpark: write the test day announcement post',
      ],
    },
    {
      title: 'Open floor',
      items: ['INFO: the packstack quickstart still names the previous release', 'ACTION ochen: update the packstack quickstart for Kestrel', 'REJECTED: moving the meeting to Thursdays', 'AGREED: next meeting is chaired by rsingh'],
    },
  ],
  byPerson: {
    ateixeira: ['fix the specs of python-bar and openstack-baz'],
    dpark: ['write the test day announcement post'],
    lbianchi: ['rebuild python-foo against the new oslo'],
    ochen: ['update the packstack quickstart for Kestrel'],
    rsingh: ['fix the specs of python-bar and openstack-baz', 'check the mirror sync job with infra'],
  },
  agreed: ['agreed: Kestrel GA is announced Thursday 2026-12-10 if the 3 packages land', 'rejected: moving the meeting to Thursdays', 'agreed: next meeting is chaired by rsingh'],
};
