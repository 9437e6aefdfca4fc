import { z } from '../base/zod.js';
import { LIST, SCALAR, TEXT } from '../base/typed-fields.js';

/**
 * The one place the shapes of meeting and events files are written down: each field a schema (src/base/typed-fields.ts
 * reads a mapping through them). A field of the wrong type is a warning naming its file and line, and is ignored; the
 * readers (meetings-load.ts, events-load.ts) only ever see the types allowed here. The keys are also the known keys:
 * any other is reported as unknown.
 */

/** A meeting file of the irc-meetings format (one meeting), plus rdobot's own `name`/`id`. */
export const MEETING_FIELDS = {
  project: SCALAR,
  meeting_id: SCALAR,
  chair: SCALAR,
  description: SCALAR,
  agenda_url: TEXT,
  project_url: TEXT,
  schedule: LIST,
  name: SCALAR,
  id: SCALAR,
};

/** One entry of a meeting's `schedule:`; `timezone`, `channel`/`location` and `location_overrides` are rdobot's. */
export const SCHEDULE_FIELDS = {
  /** '1400', 1400 (unquoted), '900' or '14:00'. */
  time: SCALAR,
  day: TEXT,
  irc: SCALAR,
  frequency: TEXT,
  /** YYYYMMDD (often unquoted: a number) or YYYY-MM-DD. */
  start_date: SCALAR,
  duration: SCALAR,
  skip_dates: LIST,
  timezone: TEXT,
  channel: TEXT,
  location: TEXT,
  location_overrides: LIST,
};

/** One item of `skip_dates:`: a date, or a mapping with the date and why. */
export const SKIP_DATE = z.union([SCALAR.transform((skip_date) => ({ skip_date, reason: undefined })), z.object({ skip_date: SCALAR, reason: SCALAR.optional().catch(undefined) })]);

/** One item of `location_overrides:`. */
export const LOCATION_OVERRIDE = z.object({ when: z.literal('first-of-month'), location: SCALAR });

/** An events file: a series name and its talks. */
export const EVENTS_FILE_FIELDS = {
  name: SCALAR,
  talks: LIST,
};

/** A time as events files write it ('2016-09-08 00:01 UTC'), or a date-time YAML gave as one. */
const TIME = z.union([z.string(), z.date()]).describe("a time such as '2016-09-08 00:01 UTC'");

/** One talk of an events file. */
export const TALK_FIELDS = {
  title: SCALAR,
  start: TIME,
  end: TIME,
  location: TEXT,
  description: TEXT,
  speaker: z.unknown(),
  url: TEXT,
  link: TEXT,
};

export const MEETING_KEYS = new Set(Object.keys(MEETING_FIELDS));
export const SCHEDULE_KEYS = new Set(Object.keys(SCHEDULE_FIELDS));
export const TALK_KEYS = new Set(Object.keys(TALK_FIELDS));
