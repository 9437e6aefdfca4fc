import { DateTime } from 'luxon';
import { handOver, SendAborted, type Handoff } from '../../core/handoff.js';
import type { Reply } from '../../core/types.js';
import { silentLogger, type Logger } from '../../base/log.js';
import { stateFailure } from '../../base/state-files.js';
import type { ReminderConfig, Subscription } from './config.js';
import { previewReply, reminderReply } from './message.js';
import { effectiveSubscriptions, planReminders, type Definitions, type PlannedReminder } from './plan.js';
import type { ReminderStore } from './store.js';
import { settle, type Settled } from '../../delivery/claim-ledger.js';
import { systemTimer, type TimerClock } from '../../core/clock.js';

/** What the scheduler gives a delivery: the promise to claim at hand-over, and the reminder's key (for logs and tests). */
export interface ReminderHandoff extends Handoff {
  key: string;
}

export interface SchedulerOptions {
  store: ReminderStore;
  config: ReminderConfig;
  /** Current meetings and test days (a getter, so reloads are seen at the next re-plan). */
  definitions: () => Definitions;
  /**
   * Hand a reminder to a network room (`irc:#rdo`); the service maps targets to adapters. The adapter calls
   * `handoff.claim()` as it hands the text to a live connection and sends what that returns.
   */
  deliver: (target: string, reply: Reply, handoff: ReminderHandoff) => Promise<void>;
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

/** What the log says of each end of a hand-over (the ledger records it: src/delivery/claim-ledger.ts). */
const SAID: Record<Settled, { level: 'info' | 'error'; text: string } | null> = {
  sent: { level: 'info', text: 'reminder sent' },
  skipped: null,
  failed: { level: 'error', text: 'reminder could not be delivered' },
  refused: { level: 'error', text: 'reminder could not be handed to its network' },
  aborted: { level: 'info', text: 'reminder not sent before the stop; it is due again at the next start' },
};

const DAY = 86_400_000;
/** A wake-up this much later than asked for means the wall clock jumped (or the machine slept). */
const JUMP_TOLERANCE = 2_000;
/** On stop, how long to wait for adapters to settle what they hold before the cursor is saved anyway. */
const SETTLE_ON_STOP_MS = 3_000;

/**
 * Sends every planned reminder once. It sleeps until the next due reminder (never longer than half the grace period,
 * so a forward clock jump is noticed while its reminders can still go out) and re-plans when definitions or channel
 * choices change, the plan runs out, or the clock jumps.
 *
 * Due reminders are handed to the adapters at once (in order, one at a time per channel) but claimed in the store only
 * when the adapter puts them on a live connection: a reminder still queued when the process dies has no claim and is
 * due again at the next start. The saved cursor never passes a reminder that is due and unclaimed, whatever the moment
 * of a stop or a crash.
 */
export class ReminderScheduler {
  private readonly clock: TimerClock;
  private readonly log: Logger;
  private readonly horizon: number;
  private readonly maxSleep: number;
  private plan: PlannedReminder[] = [];
  private index = 0;
  private planTo = 0;
  /** Every reminder due before this was looked at (handed over, dropped, or found handled). */
  private cursor = 0;
  private savedCursor = -Infinity;
  private savedAt = -Infinity;
  /** Handed over and not yet settled (or left unclaimed by a stopping adapter), by key: their due times hold the saved cursor back. */
  private readonly owed = new Map<string, number>();
  /** Per target, the last hand-over: one channel's reminders reach its adapter one at a time, in order. */
  private readonly lanes = new Map<string, Promise<void>>();
  private timer: unknown = undefined;
  private expectedWake: number | undefined;
  private running = false;
  private closed = false;
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
    for (const row of store.ledger.unfinished()) {
      if (config.delivery === 'at-least-once') {
        store.ledger.release(row.key, row.target);
        this.log.warn({ reminder: row.key, target: row.target }, 'a reminder was interrupted by a stop while it was being written; at-least-once: it is sent again if still within the grace period');
      } else {
        store.ledger.mark(row.key, row.target, 'interrupted', this.clock.now().toMillis());
        this.log.warn({ reminder: row.key, target: row.target }, 'a reminder was interrupted by a stop while it was being written (claimed, not confirmed); it is not sent again');
      }
    }
    const now = this.clock.now().toMillis();
    const saved = store.cursor();
    const lookback = this.options.lookbackMs ?? 7 * DAY;
    // First start: nothing from before (no flood); later starts: look back over the downtime to log what was missed.
    this.cursor = saved === undefined ? now - config.graceMs : Math.max(Math.min(saved, now), now - lookback);
    this.savedCursor = saved ?? -Infinity;
    store.prune(now - 30 * DAY);
    this.running = true;
    this.closed = false;
    return this.enqueue(() => this.rebuild());
  }

  /**
   * Hand over no more reminders. What an adapter already holds is its to settle: sent while it flushes, or left
   * unclaimed (SendAborted) for the next start. Call stop() once the adapters have stopped.
   */
  async halt(): Promise<void> {
    this.running = false;
    this.disarm();
    await this.work;
  }

  /** Halt, wait (at most `settleMs`) for hand-overs to settle, and save a cursor that passes no unclaimed reminder. */
  async stop(settleMs = SETTLE_ON_STOP_MS): Promise<void> {
    await this.halt();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.lanes.values()]), new Promise((r) => (timer = setTimeout(r, settleMs)))]);
    clearTimeout(timer);
    try {
      if (!this.closed) this.saveCursor(true);
    } catch (err) {
      // A stop must finish whatever the store says; the claims already made keep every reminder once.
      this.failed('reminder scheduler could not save where it stopped', err);
    }
    this.closed = true;
  }

  /** Definitions changed (reload, file watch): plan again from where the scheduler is. */
  replan(): Promise<void> {
    return this.enqueue(() => this.rebuild());
  }

  /** The scheduler's own work so far is done: due reminders are handed to the adapters, which may still hold them. */
  handedOver(): Promise<void> {
    return this.work;
  }

  /** Everything so far has run, hand-overs included. */
  async idle(): Promise<void> {
    for (;;) {
      await this.work;
      const lanes = [...this.lanes.values()];
      if (lanes.length === 0) return;
      await Promise.allSettled(lanes);
    }
  }

  /** `!meeting remind on|off` for a channel; returns how many meetings it is now reminded of. */
  async setEnabled(target: string, on: boolean): Promise<number> {
    this.options.store.setToggle(target, on, this.clock.now().toMillis());
    await this.replan();
    const sub = this.subscriptions().find((s) => s.target === target);
    if (!sub) return 0;
    return sub.meetings === '*' ? this.options.definitions().meetings.length : sub.meetings.length;
  }

  /** The next reminders a channel will get (not yet handled), soonest first, looking up to `withinMs` ahead. */
  upcoming(target: string, count: number, withinMs = 35 * DAY): PlannedReminder[] {
    const subs = this.subscriptions().filter((s) => s.target === target);
    const now = this.clock.now().toMillis();
    return this.planBetween(subs, now, now + withinMs)
      .filter((r) => r.target === target && !this.options.store.ledger.handled(r.key))
      .slice(0, count);
  }

  /** The next reminder to fire anywhere, for !status and /healthz. */
  next(): PlannedReminder | undefined {
    for (let i = this.index; i < this.plan.length; i++) if (!this.options.store.ledger.handled(this.plan[i].key)) return this.plan[i];
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
    this.work = this.work.then(task).catch((err: unknown) => this.failed('reminder scheduler failed', err));
    return this.work;
  }

  /** A failure of the reminder store is one line naming the file and what to do; anything else is logged whole. */
  private failed(what: string, err: unknown, fields: Record<string, unknown> = {}): void {
    const state = stateFailure(this.options.store.file, err, 'the record of reminders sent (some could be sent twice)');
    if (state) this.log.error(fields, `${what}: ${state}`);
    else this.log.error({ ...fields, err }, what);
  }

  /** Plan from the cursor to the horizon, then handle whatever is already due. */
  private rebuild(): void {
    if (!this.running) return;
    const now = this.clock.now().toMillis();
    const started = performance.now();
    this.planTo = Math.max(now, this.cursor) + this.horizon;
    this.plan = this.planBetween(this.subscriptions(), this.cursor, this.planTo);
    this.index = 0;
    this.stats.plans++;
    this.log.debug({ reminders: this.plan.length, ms: Math.round(performance.now() - started) }, 'reminders planned');
    this.fire();
  }

  private wake(): void {
    this.timer = undefined;
    if (!this.running) return;
    const now = this.clock.now().toMillis();
    const late = this.expectedWake === undefined ? 0 : now - this.expectedWake;
    if (late > JUMP_TOLERANCE || now < this.cursor - JUMP_TOLERANCE) {
      this.log.warn({ late }, late > 0 ? 'the clock jumped forward (or the machine slept): re-planning' : 'the clock went back: re-planning');
      if (now < this.cursor) this.cursor = now;
      return this.rebuild();
    }
    if (now >= this.planTo) return this.rebuild();
    this.fire();
  }

  /** Hand over (or drop, when too late) every reminder due by now, then sleep until the next one. One synchronous pass. */
  private fire(): void {
    const { store, config } = this.options;
    const now = this.clock.now().toMillis();
    let moved = false;
    while (this.running && this.index < this.plan.length && this.plan[this.index].due <= now) {
      const r = this.plan[this.index++];
      if (this.owed.has(r.key) || store.ledger.handled(r.key)) continue;
      moved = true;
      if (now - r.due > (r.graceMs ?? config.graceMs)) this.drop(r, now);
      else this.handOver(r);
    }
    // Looked at up to the next reminder not yet due (or the plan's end); never past one that was not looked at.
    const next = this.index < this.plan.length ? this.plan[this.index].due : this.planTo;
    this.cursor = Math.max(this.cursor, Math.min(now, next));
    // Claims make a re-look harmless, so an idle wake-up need not write: once an hour is plenty.
    this.saveCursor(moved);
    this.arm();
  }

  private drop(r: PlannedReminder, now: number): void {
    if (!this.options.store.ledger.record('dropped', r.key, r.target, now, r.due)) return;
    this.stats.dropped++;
    this.log.warn({ reminder: r.key, target: r.target, lateMinutes: Math.round((now - r.due) / 60_000) }, 'reminder dropped: its time passed longer ago than the grace period');
  }

  private handOver(r: PlannedReminder): void {
    this.owed.set(r.key, r.due);
    const lane = (this.lanes.get(r.target) ?? Promise.resolve())
      .then(() => this.send(r))
      .catch((err: unknown) => this.failed('reminder hand-over failed', err, { reminder: r.key }));
    this.lanes.set(r.target, lane);
    void lane.finally(() => {
      if (this.lanes.get(r.target) === lane) this.lanes.delete(r.target);
    });
  }

  /** Claimed at the instant the adapter hands the text over: too late by then (an outage), it is dropped instead. */
  private claim(r: PlannedReminder): Reply | null {
    if (this.closed) throw new SendAborted('the reminder scheduler has stopped');
    const { store, config } = this.options;
    const now = this.clock.now().toMillis();
    if (now - r.due > (r.graceMs ?? config.graceMs)) {
      this.drop(r, now);
      return null;
    }
    if (!store.ledger.claim(r.key, r.target, now, r.due)) return null;
    this.stats.delays.push(now - r.due);
    return reminderReply(r, DateTime.fromMillis(now, { zone: 'utc' }));
  }

  private async send(r: PlannedReminder): Promise<void> {
    // Stopping: not handed over, so not claimed; it stays owed and holds the cursor for the next start.
    if (!this.running) return;
    const { store } = this.options;
    // What goes out is made by the claim, at hand-over; this only names it.
    const preview = previewReply(r);
    const result = await handOver(this.options.deliver, r.target, preview, () => this.claim(r), { key: r.key });
    if (this.closed) return;
    const outcome = settle(store.ledger, { key: r.key, target: r.target, due: r.due, note: null }, result, this.clock.now().toMillis());
    const said = SAID[outcome];
    if (said) this.log[said.level]({ reminder: r.key, target: r.target, ...('error' in result ? { err: result.error } : {}) }, said.text);
    if (outcome === 'sent') this.stats.sent++;
    if (outcome === 'failed' || outcome === 'refused') this.stats.failed++;
    // Not handed over before the stop: still owed, it holds the cursor and is due again at the next start.
    if (outcome === 'aborted') return;
    this.owed.delete(r.key);
    // A cursor saved late is only a longer re-look after a crash: in a burst, once a second is enough.
    if (this.owed.size === 0 || this.clock.now().toMillis() - this.savedAt >= 1000) this.saveCursor(true);
  }

  /** The cursor as saved never passes a reminder still owed: a crash or a stop leaves those due for the next start. */
  private saveCursor(force: boolean): void {
    let safe = this.cursor;
    for (const due of this.owed.values()) safe = Math.min(safe, due);
    if (!force && Math.abs(safe - this.savedCursor) < 3_600_000) return;
    if (safe === this.savedCursor) return;
    this.options.store.setCursor(safe);
    this.savedCursor = safe;
    this.savedAt = this.clock.now().toMillis();
  }

  private arm(): void {
    this.disarm();
    if (!this.running) return;
    const now = this.clock.now().toMillis();
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
