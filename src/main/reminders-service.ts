import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { Bot } from './compose.js';
import type { CoreConfig } from '../config/load.js';
import type { Deliver } from '../core/handoff.js';
import type { Logger } from '../base/log.js';
import { reminderConfig } from '../schedule/reminders/config.js';
import { reminderTitle } from '../schedule/reminders/message.js';
import { ReminderStore } from '../schedule/reminders/store.js';
import { ReminderScheduler } from '../schedule/reminders/scheduler.js';
import { planNotes } from '../schedule/reminders/notes.js';
import { digestConfig, planDigests } from '../schedule/reminders/digest.js';
import { weekReply } from '../../commands/week.js';

export interface RemindersService {
  scheduler: ReminderScheduler;
  /** Hand over no more reminders (the adapters settle what they hold as they stop). */
  halt(): Promise<void>;
  /** After the adapters stopped: save a cursor that passes nothing unclaimed, close the store. */
  stop(): Promise<void>;
}

/** The reminder scheduler around a running bot: its store in the data dir, its controls on the bot's commands. */
export async function startReminders(
  bot: Bot,
  config: CoreConfig,
  deliver: Deliver,
  logger: Logger,
): Promise<RemindersService> {
  const settings = reminderConfig(config.env, config.file.reminders, config.lineOf);
  const digest = digestConfig(config.env, config.file.digest, config.timezone, config.lineOf);
  const store = new ReminderStore(join(config.dataDir, 'reminders.sqlite'));
  const week = { meetings: () => bot.schedule.meetings, testDays: () => bot.schedule.testDays, archive: () => bot.archive };
  const renderDigest = (now: DateTime, zone: string) => {
    const ctx = { message: { network: 'digest', room: '', isPrivate: false, user: { id: 'digest', name: 'digest', verified: true }, text: '', syntax: '', time: now.toJSDate() }, args: {}, options: {}, now, zone, role: 'everyone' as const, command: (line: string) => line };
    return weekReply(week, ctx, undefined, `The week ahead, times in ${zone}`);
  };
  const scheduler = new ReminderScheduler({
    store,
    config: settings,
    definitions: () => ({ meetings: bot.schedule.meetings, testDays: bot.schedule.testDays }),
    deliver,
    logger,
    // People's own reminders and the weekly digest share the store, so they too are sent once.
    personal: () => bot.subscriptions.subscriptions(),
    extra: (from, to) => [...planNotes(bot.notes, from, to), ...bot.meetings.plan(from, to), ...(digest ? planDigests(digest, from, to, renderDigest) : [])],
  });
  bot.service.personalChanged = () => void scheduler.replan();
  bot.service.leadsFor = (id) => settings.perMeeting[id] ?? settings.meetingLeads;
  bot.notes.prune(Date.now() - 60 * 86_400_000);
  bot.service.remindControl = { setEnabled: (channel, on) => scheduler.setEnabled(channel, on) };
  bot.service.upcomingReminders = (target, count) => scheduler.upcoming(target, count);
  const next = () => {
    const r = scheduler.next();
    return r ? { at: DateTime.fromMillis(r.due, { zone: 'utc' }).toISO(), target: r.target, what: reminderTitle(r) } : null;
  };
  bot.service.status.push(() => {
    const n = next();
    return [{ label: 'next reminder', value: n ? `${n.what} to ${n.target} at ${n.at}` : 'none planned' }];
  });
  const health = bot.service.health;
  bot.service.health = () => ({ ...health(), nextReminder: next() });
  if (bot.metrics) bot.metrics.reminderCounts = () => ({ sent: scheduler.stats.sent, failed: scheduler.stats.failed, dropped: scheduler.stats.dropped });
  bot.onSchedule(() => void scheduler.replan());
  await scheduler.start();
  return {
    scheduler,
    halt: () => scheduler.halt(),
    async stop() {
      await scheduler.stop();
      store.close();
    },
  };
}
