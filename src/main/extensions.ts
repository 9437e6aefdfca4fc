import type { ReplyField } from '../core/types.js';
import { REMINDER_DEFAULTS } from '../schedule/reminders/config.js';
import type { ReminderAccess, ReminderPort } from '../../commands/shared/services.js';

/**
 * What a service running beside the bot (the reminder scheduler) adds to it. It is handed over once with
 * `bot.attach(...)`; the bot asks every attached extension when it needs to, so no method of the bot is ever replaced.
 */
export interface BotExtension {
  /** Extra !status lines. */
  status?: () => ReplyField[];
  /** Extra /healthz facts. */
  health?: () => Record<string, unknown>;
  /** Extra work for !reload. */
  reload?: () => Promise<void>;
  /** Called after every schedule (re)load. */
  scheduleChanged?: () => void;
  /** The reminder scheduler's controls, for the commands. */
  reminders?: ReminderPort;
  /** Reminders sent, failed and dropped, for /metrics. */
  reminderCounts?: () => Record<string, number>;
}

/** The attached extensions, each asked in turn: facts are merged, lists are joined. */
export class Extensions implements ReminderAccess {
  private readonly list: Readonly<BotExtension>[] = [];

  /** Returns how to take it off again. */
  add(extension: BotExtension): () => void {
    const entry = Object.freeze({ ...extension });
    this.list.push(entry);
    return () => {
      const at = this.list.indexOf(entry);
      if (at >= 0) this.list.splice(at, 1);
    };
  }

  status(): ReplyField[] {
    return this.list.flatMap((e) => e.status?.() ?? []);
  }

  health(): Record<string, unknown> {
    return Object.assign({}, ...this.list.map((e) => e.health?.() ?? {})) as Record<string, unknown>;
  }

  async reload(): Promise<void> {
    for (const e of this.list) await e.reload?.();
  }

  scheduleChanged(): void {
    for (const e of this.list) e.scheduleChanged?.();
  }

  reminderCounts(): Record<string, number> {
    return Object.assign({}, ...this.list.map((e) => e.reminderCounts?.() ?? {})) as Record<string, number>;
  }

  private get port(): ReminderPort | undefined {
    return this.list.find((e) => e.reminders)?.reminders;
  }

  get control(): ReminderPort | undefined {
    return this.port;
  }

  get upcoming(): ReminderPort['upcoming'] | undefined {
    const port = this.port;
    return port && ((target, count) => port.upcoming(target, count));
  }

  changed(): void {
    this.port?.replan();
  }

  leadsFor(meetingId: string): number[] {
    return this.port?.leadsFor(meetingId) ?? REMINDER_DEFAULTS.perMeeting[meetingId] ?? REMINDER_DEFAULTS.meetingLeads;
  }
}
