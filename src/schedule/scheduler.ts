import { DateTime } from 'luxon';
import type { Reply } from '../core/types.js';
import { silentLogger, type Logger } from '../log.js';
import type { ReminderConfig, Subscription } from './reminder-config.js';
import { reminderReply } from './reminder-message.js';
import { effectiveSubscriptions, planReminders, type Definitions, type PlannedReminder } from './reminder-plan.js';
import type { ReminderStore } from './reminder-store.js';
import { systemTimer, type TimerClock } from './timer.js';

export interface SchedulerOptions {
  store: ReminderStore;
  config: ReminderConfig;
  /** Current meetings and test days (a getter, so reloads are seen at the next re-plan). */
  definitions: () => Definitions;
  /** Hand a reminder to a network room (`irc:#rdo`); the service maps targets to adapters. */
  deliver: (target: string, reply: Reply, reminder: { key: string }) => Promise<void>;
  clock?: TimerClock;
  logger?: Logger;
  /** How far ahead one plan reaches (default 2 days); the scheduler re-plans when it gets there. */
  horizonMs?: number;
  /** After a long stop, how far back missed reminders are looked for, to be logged as dropped (default 7 days). */
  lookbackMs?: number;
  /** People's own meeting subscriptions (`!meeting subscribe`), planned like channels' to their private conversation. */
  personal?: () => Subscription[];
  /** Other promised messages due in [from, to): one-off reminders, the weekly digest. */
  extra?: (from: number, to: number) => PlannedReminder[];
}

export interface SchedulerStats {
  sent: number;
  dropped: number;
  failed: number;
  /** Milliseconds between due time and hand-over, per reminder sent. */
  delays: number[];
  plans: number;
}

const DAY = 86_400_000;
/** A wake-up this much later than asked for means the wall clock jumped (or the machine slept). */
const JUMP_TOLERANCE = 2_000;

/**
 * Sends every planned reminder once. It sleeps until the next due reminder (never longer than half the grace period,
 * so a forward clock jump is noticed while its reminders can still go out), claims each reminder in the store before
 * delivering it, and re-plans when definitions or channel choices change, the plan runs out, or the clock jumps.
 */
export class ReminderScheduler {
  private readonly clock: TimerClock;
  private readonly log: Logger;
  private readonly horizon: number;
  private readonly maxSleep: number;
  private plan: PlannedReminder[] = [];
  private index = 0;
  private planTo = 0;
  private cursor = 0;
  private savedCursor = -Infinity;
  private timer: unknown = undefined;
  private expectedWake: number | undefined;
  private running = false;
  private work: Promise<void> = Promise.resolve();
  readonly stats: SchedulerStats = { sent: 0, dropped: 0, failed: 0, delays: [], plans: 0 };

  constructor(private readonly options: SchedulerOptions) {
    this.clock = options.clock ?? systemTimer;
    this.log = options.logger ?? silentLogger();
    this.horizon = options.horizonMs ?? 2 * DAY;
    this.maxSleep = Math.min(Math.max(options.config.graceMs / 2, 30_000), 5 * 60_000);
  }

  /** Settle what a previous run left behind, send what is due (within the grace period) and start sleeping. */
  start(): Promise<void> {
    const { store, config } = this.options;
    for (const row of store.unfinished()) {
      if (config.delivery === 'at-least-once') {
        store.release(row.key);
        this.log.warn({ reminder: row.key, target: row.target }, 'a reminder was interrupted by a stop; at-least-once: it is sent again if still within the grace period');
      } else {
        store.mark(row.key, 'interrupted', this.clock.now());
        this.log.warn({ reminder: row.key, target: row.target }, 'a reminder was interrupted by a stop between hand-over and confirmation; it is not sent again');
      }
    }
    const now = this.clock.now();
    const saved = store.cursor();
    const lookback = this.options.lookbackMs ?? 7 * DAY;
    // First start: nothing from before (no flood); later starts: look back over the downtime to log what was missed.
    this.cursor = saved === undefined ? now - config.graceMs : Math.max(Math.min(saved, now), now - lookback);
    store.prune(now - 30 * DAY);
    this.running = true;
    return this.enqueue(() => this.rebuild());
  }

  async stop(): Promise<void> {
    this.running = false;
    this.disarm();
    await this.work;
  }

  /** Definitions changed (reload, file watch): plan again from where the scheduler is. */
  replan(): Promise<void> {
    return this.enqueue(() => this.rebuild());
  }

  /** Everything queued so far has run. */
  idle(): Promise<void> {
    return this.work;
  }

  /** `!meeting remind on|off` for a channel; returns how many meetings it is now reminded of. */
  async setEnabled(target: string, on: boolean): Promise<number> {
    this.options.store.setToggle(target, on, this.clock.now());
    await this.replan();
    const sub = this.subscriptions().find((s) => s.target === target);
    if (!sub) return 0;
    return sub.meetings === '*' ? this.options.definitions().meetings.length : sub.meetings.length;
  }

  /** The next reminders a channel will get (not yet handled), soonest first, looking up to `withinMs` ahead. */
  upcoming(target: string, count: number, withinMs = 35 * DAY): PlannedReminder[] {
    const subs = this.subscriptions().filter((s) => s.target === target);
    const now = this.clock.now();
    return this.planBetween(subs, now, now + withinMs)
      .filter((r) => r.target === target && !this.options.store.handled(r.key))
      .slice(0, count);
  }

  /** The next reminder to fire anywhere, for !status and /healthz. */
  next(): PlannedReminder | undefined {
    for (let i = this.index; i < this.plan.length; i++) if (!this.options.store.handled(this.plan[i].key)) return this.plan[i];
    return undefined;
  }

  private subscriptions(): Subscription[] {
    return [...effectiveSubscriptions(this.options.config, this.options.store.toggles()), ...(this.options.personal?.() ?? [])];
  }

  /** Channel and personal reminders with the other promised messages, soonest first (ties by key). */
  private planBetween(subs: Subscription[], from: number, to: number): PlannedReminder[] {
    const planned = planReminders(this.options.definitions(), subs, this.options.config, from, to);
    const extra = this.options.extra?.(from, to) ?? [];
    if (extra.length === 0) return planned;
    return [...planned, ...extra].sort((a, b) => a.due - b.due || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  private enqueue(task: () => Promise<void> | void): Promise<void> {
    this.work = this.work.then(task).catch((err: unknown) => this.log.error({ err }, 'reminder scheduler failed'));
    return this.work;
  }

  /** Plan from the cursor to the horizon, then handle whatever is already due. */
  private async rebuild(): Promise<void> {
    if (!this.running) return;
    const now = this.clock.now();
    const started = performance.now();
    this.planTo = Math.max(now, this.cursor) + this.horizon;
    this.plan = this.planBetween(this.subscriptions(), this.cursor, this.planTo);
    this.index = 0;
    this.stats.plans++;
    this.log.debug({ reminders: this.plan.length, ms: Math.round(performance.now() - started) }, 'reminders planned');
    await this.fire();
  }

  private async wake(): Promise<void> {
    this.timer = undefined;
    if (!this.running) return;
    const now = this.clock.now();
    const late = this.expectedWake === undefined ? 0 : now - this.expectedWake;
    if (late > JUMP_TOLERANCE || now < this.cursor - JUMP_TOLERANCE) {
      this.log.warn({ late }, late > 0 ? 'the clock jumped forward (or the machine slept): re-planning' : 'the clock went back: re-planning');
      if (now < this.cursor) this.cursor = now;
      return this.rebuild();
    }
    if (now >= this.planTo) return this.rebuild();
    await this.fire();
  }

  /** Send (or drop, when too late) every reminder due by now, then sleep until the next one. */
  private async fire(): Promise<void> {
    const { store, config } = this.options;
    let handled = false;
    for (;;) {
      const now = this.clock.now();
      if (this.index >= this.plan.length || this.plan[this.index].due > now || !this.running) {
        this.cursor = Math.max(this.cursor, now);
        // Claims already make a re-look harmless, so an idle wake-up need not write: once an hour is plenty.
        if (Math.abs(this.cursor - this.savedCursor) >= 3_600_000 || handled) {
          store.setCursor(this.cursor);
          this.savedCursor = this.cursor;
        }
        break;
      }
      const r = this.plan[this.index++];
      if (store.handled(r.key)) continue;
      handled = true;
      if (now - r.due > (r.graceMs ?? config.graceMs)) {
        if (store.drop(r.key, r.target, r.due, now)) {
          this.stats.dropped++;
          this.log.warn({ reminder: r.key, target: r.target, lateMinutes: Math.round((now - r.due) / 60_000) }, 'reminder dropped: its time passed longer ago than the grace period');
        }
        continue;
      }
      // Claimed one at a time, right before its hand-over: a crash can only ever catch the one being sent.
      if (store.claim(r.key, r.target, r.due, now)) await this.send(r, now);
    }
    this.arm();
  }

  private async send(r: PlannedReminder, now: number): Promise<void> {
    const { store } = this.options;
    try {
      await this.options.deliver(r.target, reminderReply(r, DateTime.fromMillis(now, { zone: 'utc' })), { key: r.key });
      store.mark(r.key, 'sent', this.clock.now());
      this.stats.sent++;
      this.stats.delays.push(this.clock.now() - r.due);
      this.log.info({ reminder: r.key, target: r.target }, 'reminder sent');
    } catch (err) {
      store.mark(r.key, 'failed', this.clock.now());
      this.stats.failed++;
      this.log.error({ reminder: r.key, target: r.target, err }, 'reminder could not be delivered');
    }
  }

  private arm(): void {
    this.disarm();
    if (!this.running) return;
    const now = this.clock.now();
    const nextDue = this.index < this.plan.length ? this.plan[this.index].due : Infinity;
    const at = Math.min(nextDue, this.planTo, now + this.maxSleep);
    this.expectedWake = at;
    this.timer = this.clock.setTimer(Math.max(0, at - now), () => void this.enqueue(() => this.wake()));
  }

  private disarm(): void {
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
  }
}
