import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { Archive } from '../archive/archive.js';
import type { CoreConfig } from '../config/load.js';
import type { Deliver } from '../core/handoff.js';
import { systemTimer } from '../core/clock.js';
import type { Logger } from '../base/log.js';
import { reminderConfig } from '../schedule/reminders/config.js';
import { digestReply as weekDigest, reminderTitle } from '../schedule/reminders/message.js';
import type { Notes } from '../schedule/reminders/notes.js';
import type { PlannedReminder } from '../schedule/reminders/plan.js';
import { ReminderStore } from '../schedule/reminders/store.js';
import { ReminderScheduler } from '../schedule/reminders/scheduler.js';
import type { PersonalSubscriptions } from '../schedule/reminders/subscriptions.js';
import { planNotes } from '../schedule/reminders/notes.js';
import { digestConfig, planDigests } from '../schedule/reminders/digest.js';
import type { Schedule } from '../schedule/types.js';
import type { BotExtension } from './extensions.js';

export interface RemindersService {
  scheduler: ReminderScheduler;
  /** Hand over no more reminders (the adapters settle what they hold as they stop). */
  halt(): Promise<void>;
  /** After the adapters stopped: save a cursor that passes nothing unclaimed, close the store. */
  stop(): Promise<void>;
}

/** What the reminder service reads of the bot, and the one way it adds to it (`attach`). */
export interface ReminderHost {
  readonly schedule: Schedule;
  readonly archive: Archive;
  readonly subscriptions: PersonalSubscriptions;
  readonly notes: Notes;
  readonly meetings: { plan(from: number, to: number): PlannedReminder[] };
  attach(extension: BotExtension): () => void;
}

/** The weekly digest: the same reply as `!week`, seen from the digest's time and zone. */
export function digestReply(host: Pick<ReminderHost, 'schedule' | 'archive'>, now: DateTime, zone: string) {
  return weekDigest({ meetings: () => host.schedule.meetings, testDays: () => host.schedule.testDays, archive: () => host.archive }, now, zone);
}

/** The reminder scheduler around a running bot: its store in the data dir, its controls attached to the bot. */
export async function startReminders(
  bot: ReminderHost,
  config: CoreConfig,
  deliver: Deliver,
  logger: Logger,
): Promise<RemindersService> {
  const settings = reminderConfig(config.env, config.file.reminders, config.lineOf);
  const digest = digestConfig(config.env, config.file.digest, config.timezone, config.lineOf);
  const store = new ReminderStore(join(config.dataDir, 'reminders.sqlite'));
  const scheduler = new ReminderScheduler({
    store,
    config: settings,
    definitions: () => ({ meetings: bot.schedule.meetings, testDays: bot.schedule.testDays }),
    deliver,
    logger,
    // People's own reminders and the weekly digest share the store, so they too are sent once.
    personal: () => bot.subscriptions.subscriptions(),
    extra: (from, to) => [
      ...planNotes(bot.notes, from, to),
      ...bot.meetings.plan(from, to),
      ...(digest ? planDigests(digest, from, to, (now, zone) => digestReply(bot, now, zone)) : []),
    ],
  });
  // On the scheduler's clock (real time, the timers' own), as the notes are sent.
  bot.notes.prune(systemTimer.now().toMillis() - 60 * 86_400_000);
  const next = () => {
    const r = scheduler.next();
    return r ? { at: DateTime.fromMillis(r.due, { zone: 'utc' }).toISO(), target: r.target, what: reminderTitle(r) } : null;
  };
  const detach = bot.attach({
    reminders: {
      setEnabled: (channel, on) => scheduler.setEnabled(channel, on),
      upcoming: (target, count) => scheduler.upcoming(target, count),
      replan: () => void scheduler.replan(),
      leadsFor: (id) => settings.perMeeting[id] ?? settings.meetingLeads,
    },
    status: () => {
      const n = next();
      return [{ label: 'next reminder', value: n ? `${n.what} to ${n.target} at ${n.at}` : 'none planned' }];
    },
    health: () => ({ nextReminder: next() }),
    reminderCounts: () => ({ sent: scheduler.stats.sent, failed: scheduler.stats.failed, dropped: scheduler.stats.dropped }),
    scheduleChanged: () => void scheduler.replan(),
  });
  await scheduler.start();
  return {
    scheduler,
    halt: () => scheduler.halt(),
    async stop() {
      detach();
      await scheduler.stop();
      store.close();
    },
  };
}
