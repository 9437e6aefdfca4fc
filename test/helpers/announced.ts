import { join } from 'node:path';
import { FIXTURES } from './bot.js';

/** Invented posts announcing test days and events in their own words (issue 24), one phrasing each, and their events file. */
export const ANNOUNCED_POSTS = join(FIXTURES, 'announced', 'posts');
export const ANNOUNCED_EVENTS = join(FIXTURES, 'announced', 'events');
