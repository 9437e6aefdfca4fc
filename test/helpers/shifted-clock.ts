/**
 * Preloaded into a child rdobot (`NODE_OPTIONS=--import …/shifted-clock.js`): its wall clock reads SHIFTED_CLOCK_AT
 * when the process starts and runs on at the real pace from there. A test of the real service can so start just
 * before a reminder is due, instead of waiting on the real clock for a minute boundary. Timers are not touched: the
 * process waits as a real one does, only the instant it believes it is has moved.
 */
const at = process.env.SHIFTED_CLOCK_AT;
if (at) {
  const RealDate = Date;
  const realNow = RealDate.now.bind(RealDate);
  const offset = RealDate.parse(at) - realNow();
  if (Number.isNaN(offset)) throw new Error(`SHIFTED_CLOCK_AT: not an instant: ${at}`);
  const now = () => realNow() + offset;
  // new Date() and Date.now() read the shifted clock; Date(…) with arguments, Date.parse and Date.UTC are as ever.
  function ShiftedDate(this: unknown, ...args: unknown[]): Date | string {
    if (!new.target) return new RealDate(now()).toString();
    return args.length === 0 ? new RealDate(now()) : new (RealDate as new (...a: unknown[]) => Date)(...args);
  }
  Object.setPrototypeOf(ShiftedDate, RealDate);
  ShiftedDate.prototype = RealDate.prototype;
  ShiftedDate.now = now;
  globalThis.Date = ShiftedDate as unknown as DateConstructor;
}
