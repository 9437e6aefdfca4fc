import type { BotOptions } from './settings.js';
import { classifyConfig } from '../archive/classify/config.js';
import type { CoreConfig } from '../config/load.js';
import { sourceLimitsConfig } from '../config/limits.js';

/** The bot's settings as the configuration gives them; callers add the clock, the logger and what they override. */
export function botOptionsFrom(config: CoreConfig): Omit<BotOptions, 'clock'> {
  return {
    samples: config.samples,
    archiveDirs: config.archiveDirs,
    eventsDirs: config.eventsDirs,
    meetingsDirs: config.meetingsDirs,
    configMeetings: config.file.meetings,
    configFile: config.filePath,
    configLineOf: config.lineOf,
    prefix: config.prefix,
    nick: config.nick,
    baseUrl: config.baseUrl,
    publicUrl: config.publicUrl,
    permalink: config.permalink,
    timezone: config.timezone,
    admins: config.admins,
    ignore: config.ignore,
    classify: classifyConfig(config),
    rateLimits: config.rate,
    sourceLimits: sourceLimitsConfig(config.env),
  };
}
