import type { DateTime } from 'luxon';
import type { Logger } from '../../src/base/log.js';
import type { Clock } from '../../src/core/types.js';
import type { RdobotPlugin, SettingsSchema } from '../../src/plugin/api.js';
import type { HostedPlugin } from '../../src/plugin/host.js';
import type { PlannedReminder } from '../../src/schedule/reminders/plan.js';
import type { Notes } from '../../src/schedule/reminders/notes.js';
import type { PersonalSubscriptions } from '../../src/schedule/reminders/subscriptions.js';
import type { Meeting, TestDay } from '../../src/schedule/types.js';
import type { Addresses } from '../../src/state/addresses.js';
import type { UserZones } from '../../src/state/user-zones.js';
import type { AdminDeps } from '../admin/commands.js';
import type { RemindControl } from '../meeting/commands.js';
import type { MinutesDeps } from '../../src/views/minutes.js';
import type { ArchiveDeps } from './posts.js';

/** What the reminder scheduler offers the commands while it runs (`rdobot run`): given to the bot with `attach`. */
export interface ReminderPort extends RemindControl {
  upcoming(target: string, count: number): PlannedReminder[];
  /** People's own reminders changed: plan again. */
  replan(): void;
  /** Minutes before a meeting that its reminders go out, as configured. */
  leadsFor(meetingId: string): number[];
}

/** The scheduler as the commands see it: read at each call, since it starts after the commands are registered. */
export interface ReminderAccess {
  /** Absent where no scheduler runs (one-shot mode, tests). */
  readonly control: RemindControl | undefined;
  readonly upcoming: ReminderPort['upcoming'] | undefined;
  /** People's own reminders changed (a subscription, a one-off reminder). */
  changed(): void;
  /** As configured when a scheduler runs, else the defaults. */
  leadsFor(meetingId: string): number[];
}

/**
 * Everything a command family may use, built once by the composition root (src/main/compose.ts). A family takes
 * what it needs from here; none reaches for the Bot, a network or the configuration.
 */
export interface Services {
  settings: {
    version: string;
    nick: string;
    /** Zone of times in replies when the asker has none. */
    defaultZone: string;
    /** Where the HTTP endpoint is reached from outside, for links to the calendar and the minutes. */
    publicUrl?: string;
    /** Said by !about (the built-in sample archive is served). */
    notice?: string;
  };
  clock: Clock;
  logger: Logger;
  /** The post archive (live: replaced on every reload), how to pick at random, why a post has its kinds. */
  posts: ArchiveDeps;
  /** Meetings and test days (live). */
  schedule: { meetings: () => Meeting[]; testDays: () => TestDay[] };
  /** Per-person state: time zones, where to reach people, subscriptions, one-off reminders. */
  zones: UserZones;
  addresses: Addresses;
  subscriptions: PersonalSubscriptions;
  notes: Notes;
  reminders: ReminderAccess;
  /** Meetings run in channels: their store, search and where the minutes are published. */
  minutes: MinutesDeps;
  /** The operators' levers: reload, announce, status, mutes. */
  admin: AdminDeps;
  /** The plugins running, built-in families first (for !about and !help). */
  plugins: () => readonly HostedPlugin[];
  /** How much the bot knows at an instant (the asker's now), for !about. */
  counts: (now: DateTime) => Record<string, number>;
}

/** A built-in family: a plugin handed the whole of Services. */
export type BuiltInPlugin = RdobotPlugin<SettingsSchema, Services>;

/** The version every built-in family gives: it is the bot's own (!about says that one). */
export const BUILT_IN = 'built-in';
