import ical, { ICalEventRepeatingFreq, ICalWeekday, type ICalCalendar, type ICalRepeatingOptions } from 'ical-generator';
import { isTestDay, labelUnlessSaid } from './entry-kind.js';
import { DateTime } from 'luxon';
import { describeEntry, effectiveWeekday, instantOn, monthlyWeekday, ruleDates, ruleMatches } from './recurrence.js';
import type { Meeting, ScheduleEntry, TestDay } from './types.js';
import { escapeText, icalLine, icalLines, icalUid, icalUrl } from './ical-safe.js';
import { vtimezone } from './vtimezone.js';

export interface CalendarOptions {
  /** The feed's clock (DTSTAMP), and the default start of the meetings' series. */
  now: DateTime;
  /** Meetings without a start date begin on their first date from here (default: `now` minus 30 days). */
  from?: DateTime;
  /** Biweekly and quadweekly series end here (default: `from` plus 10 years); weekly and monthly ones never end. */
  until?: DateTime;
  name?: string;
}

const WEEKDAY_CODES = [ICalWeekday.MO, ICalWeekday.TU, ICalWeekday.WE, ICalWeekday.TH, ICalWeekday.FR, ICalWeekday.SA, ICalWeekday.SU];
const INTERVAL: Record<string, number> = { weekly: 1, 'biweekly-odd': 2, 'biweekly-even': 2 };

interface Series {
  first: DateTime;
  /** Last local date, for segments. */
  last?: DateTime;
  /** Only first-of-month dates (true), only the others (false), or all. */
  firstOfMonth?: boolean;
  repeating: ICalRepeatingOptions;
  location: string;
}


/** A test day by its title; another event with what it is, unless its title says it ("RDO meetup (meetup)"). */
function labelled(t: TestDay): string {
  const label = isTestDay(t) ? undefined : labelUnlessSaid(t);
  return label ? `${t.title} (${label})` : t.title;
}
/**
 * ISO-week-parity series as plain `FREQ=WEEKLY;INTERVAL=k` segments: the parity holds from week to week except where a
 * 53-week ISO year ends (odd weeks 53 and 1 follow each other), so a new segment starts wherever the gap is not k weeks.
 * `BYWEEKNO` would say it in one rule, but real clients (ical.js, Thunderbird) expand it wrongly.
 */
function paritySegments(entry: ScheduleEntry, from: DateTime, until: DateTime, k: number): Series[] {
  const out: Series[] = [];
  let first: DateTime | undefined;
  let last: DateTime | undefined;
  const close = () => {
    if (first && last) out.push({ first, last, location: entry.channel, repeating: { freq: ICalEventRepeatingFreq.WEEKLY, interval: k, until: instantOn(entry, last).toUTC() } });
  };
  for (const date of ruleDates(entry, from)) {
    if (date > until) break;
    if (last && Math.round(date.diff(last, 'days').days) !== 7 * k) {
      close();
      first = undefined;
    }
    first ??= date;
    last = date;
  }
  close();
  return out;
}

/** The series that together give exactly the entry's occurrences (before skip dates). */
function entrySeries(entry: ScheduleEntry, from: DateTime, until: DateTime): Series[] {
  const firstDate = (pick: (d: DateTime) => boolean) => {
    let n = 0;
    for (const d of ruleDates(entry, from)) if (pick(d) || ++n > 10) return pick(d) ? d : undefined;
    return undefined;
  };
  const override = entry.locationOverrides?.find((o) => o.when === 'first-of-month')?.location;
  const day = WEEKDAY_CODES[effectiveWeekday(entry) - 1];
  if (monthlyWeekday(entry.frequency)) {
    const first = firstDate(() => true);
    return first ? [{ first, location: override ?? entry.channel, repeating: { freq: ICalEventRepeatingFreq.MONTHLY, byDay: [day], bySetPos: [1] } }] : [];
  }
  if (entry.frequency === 'weekly' && override) {
    // The first such weekday of each month is the other place: two monthly series instead of one weekly.
    const a = firstDate((d) => d.day <= 7);
    const b = firstDate((d) => d.day > 7);
    return [
      ...(a ? [{ first: a, firstOfMonth: true, location: override, repeating: { freq: ICalEventRepeatingFreq.MONTHLY, byDay: [day], bySetPos: [1] } }] : []),
      ...(b ? [{ first: b, firstOfMonth: false, location: entry.channel, repeating: { freq: ICalEventRepeatingFreq.MONTHLY, byDay: [day], bySetPos: [2, 3, 4, 5] } }] : []),
    ];
  }
  if (entry.frequency === 'weekly') {
    const first = firstDate(() => true);
    return first ? [{ first, location: entry.channel, repeating: { freq: ICalEventRepeatingFreq.WEEKLY } }] : [];
  }
  return paritySegments(entry, from, until, INTERVAL[entry.frequency] ?? 4);
}

function inSeries(entry: ScheduleEntry, series: Series, date: DateTime): boolean {
  if (date.weekday !== effectiveWeekday(entry) || !ruleMatches(entry.frequency, date)) return false;
  if (date < series.first || (series.last && date > series.last)) return false;
  return series.firstOfMonth === undefined || series.firstOfMonth === date.day <= 7;
}

function addMeeting(cal: ICalCalendar, meeting: Meeting, from: DateTime, until: DateTime, stamp: DateTime): void {
  meeting.schedules.forEach((entry, i) => {
    if (entry.frequency === 'adhoc') return;
    const description = icalLines([describeEntry(entry), meeting.chair && `Chair: ${meeting.chair}`, icalUrl(meeting.agendaUrl) && `Agenda: ${icalUrl(meeting.agendaUrl)}`, meeting.description]);
    entrySeries(entry, from, until).forEach((series, part) => {
      const start = instantOn(entry, series.first);
      // Only dates the series really has, sorted: ical.js stops honouring EXDATEs after one that matches nothing.
      const exclude = entry.skipDates
        .map((s) => DateTime.fromISO(s.date, { zone: entry.zone }))
        .filter((d) => inSeries(entry, series, d))
        .sort((a, b) => a.toMillis() - b.toMillis())
        .map((d) => instantOn(entry, d));
      cal.createEvent({
        id: `${icalUid(meeting.id)}-${i + 1}-${part + 1}@rdobot`,
        stamp,
        start,
        end: start.plus({ minutes: entry.durationMinutes }),
        timezone: entry.zone,
        summary: icalLine(meeting.name),
        location: icalLine(series.location),
        description,
        url: icalUrl(meeting.agendaUrl),
        repeating: { ...series.repeating, ...(exclude.length ? { exclude, excludeTimezone: entry.zone } : {}) },
      });
    });
  });
}

/** The .ics text for these meetings and test days: what calendar apps expand to exactly the bot's own occurrences. */
export function renderCalendar(meetings: Meeting[], testDays: TestDay[], options: CalendarOptions): string {
  const from = options.from ?? options.now.minus({ days: 30 });
  const until = options.until ?? from.plus({ years: 10 });
  const years = [from.year - 1, until.year + 1] as const;
  const cal = ical({
    // Written raw by the generator (NAME, X-WR-CALNAME): escaped here.
    name: escapeText(options.name ?? 'RDO meetings and test days'),
    prodId: { company: 'rdoproject.org', product: 'rdobot', language: 'EN' },
    timezone: { name: null, generator: (zone) => (zone === 'UTC' ? null : vtimezone(zone, years[0], years[1])) },
  });
  const stamp = options.now.toUTC();
  for (const m of meetings) addMeeting(cal, m, from, until, stamp);
  for (const t of testDays) {
    cal.createEvent({
      id: `${t.kind ?? 'testday'}-${icalUid(t.id)}@rdobot`,
      stamp,
      start: t.start.toUTC(),
      end: t.end.toUTC(),
      timezone: 'UTC',
      summary: icalLine(labelled(t)),
      location: icalLine(t.location),
      description: icalLine(t.description),
      url: icalUrl(t.link),
    });
  }
  return cal.toString();
}
