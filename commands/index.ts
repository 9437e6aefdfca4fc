import about from './about/index.js';
import actions from './actions/index.js';
import admin from './admin/index.js';
import calendar from './calendar/index.js';
import interview from './interview/index.js';
import meeting from './meeting/index.js';
import meetingPersonal from './meeting-personal/index.js';
import minutes from './minutes/index.js';
import post from './post/index.js';
import remind from './remind/index.js';
import reminders from './reminders/index.js';
import testday from './testday/index.js';
import tz from './tz/index.js';
import week from './week/index.js';
import type { BuiltInPlugin } from './shared/services.js';

export type { BuiltInPlugin, Services } from './shared/services.js';

/**
 * Every built-in family, each a folder written against the plugin API, in the order they are registered (the order
 * of !help). A new family is a folder under commands/ and one line here.
 */
export const BUILT_IN_PLUGINS: readonly BuiltInPlugin[] = [
  interview,
  post,
  about,
  meeting,
  testday,
  reminders,
  tz,
  week,
  calendar,
  remind,
  meetingPersonal,
  minutes,
  actions,
  admin,
];
