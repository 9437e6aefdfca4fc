import { BotError, type CommandSpec } from '../../src/core/types.js';
import type { Meeting } from '../../src/schedule/types.js';
import { findMeetings } from '../shared/find-meetings.js';

export interface CalendarDeps {
  /** Where the bot's HTTP endpoint is reached from outside (HTTP_PUBLIC_URL); undefined when not published. */
  publicUrl?: string;
  meetings: () => Meeting[];
}

/** The feed's address: `<public url>/calendar.ics`, or one meeting's with `?meeting=<id>`. */
function calendarUrl(base: string, meeting?: string): string {
  const url = new URL('calendar.ics', base.endsWith('/') ? base : `${base}/`);
  if (meeting) url.searchParams.set('meeting', meeting);
  return url.href;
}

/** `!calendar [meeting]`: the iCalendar feed to subscribe to, for everything or for one meeting. */
export function calendarCommands(deps: CalendarDeps): CommandSpec[] {
  return [
    {
      family: 'calendar',
      name: '',
      summary: 'the address of the iCalendar feed (meetings and test days), or of one meeting’s feed',
      args: [{ name: 'meeting', description: 'a meeting id or words of its name', rest: true }],
      examples: ['calendar', 'calendar gantry'],
      intents: [
        {
          phrasings: ['how do I get the meetings into my calendar?', 'ical feed for the gantry meeting', 'calendar link please'],
          needs: ['calendar', 'ical', 'ics', 'feed'],
          cues: { calendar: 4, ical: 4, ics: 4, feed: 2, subscribe: 1, url: 1, link: 1, meeting: 0, meet: 0 },
          slot: { arg: 'meeting' },
        },
      ],
      handler: (ctx) => {
        if (!deps.publicUrl) {
          throw new BotError('NOT_FOUND', 'The calendar feed is not published here (an operator sets HTTP_PUBLIC_URL); `rdobot calendar > rdo.ics` writes it to a file.');
        }
        const query = ctx.args.meeting as string | undefined;
        if (!query) {
          const url = calendarUrl(deps.publicUrl);
          return { kind: 'answer', text: `Subscribe to every RDO meeting and test day: ${url}`, link: url };
        }
        const found = findMeetings(deps.meetings(), query);
        if (found.length === 0) throw new BotError('NOT_FOUND', `No meeting matches '${query}'. Try ${ctx.command('meeting list')}.`);
        if (found.length > 1) throw new BotError('NOT_FOUND', `'${query}' matches ${found.length} meetings: ${found.slice(0, 5).map((m) => m.id).join(', ')}. Say which one.`);
        const url = calendarUrl(deps.publicUrl, found[0].id);
        return { kind: 'answer', text: `Subscribe to ${found[0].name}: ${url}`, link: url };
      },
    },
  ];
}
