import assert from 'node:assert/strict';
import { plainWords } from '../../src/language/understand.js';
import { DateTime } from 'luxon';
import { meetingCommands } from '../../commands/meeting/commands.js';
import { remindersCommands } from '../../commands/reminders/commands.js';
import { testdayCommands } from '../../commands/testday/commands.js';
import { fixedClock, Router } from '../../src/core/router.js';
import type { Message, Reply } from '../../src/core/types.js';
import type { Meeting, TestDay } from '../../src/schedule/types.js';
import { said } from './message.js';

/** A router with only the schedule commands, the clock pinned: `await ask('!meeting next')`. */
export function scheduleBot(meetings: Meeting[], testDays: TestDay[], now: string, toggles: string[] = []) {
  const router = new Router({ questions: plainWords, clock: fixedClock(DateTime.fromISO(now, { zone: 'utc' })), defaultZone: 'UTC' });
  router.register(meetingCommands({ meetings: () => meetings, reminders: { setEnabled: (channel, on) => (toggles.push(`${channel} ${on}`), on ? meetings.length : 0) } }));
  router.register(testdayCommands({ testDays: () => testDays }));
  router.register(remindersCommands({}));
  return async (text: string, message: Partial<Message> = {}): Promise<Reply> => {
    const reply = await router.handle(said(text, { network: 'irc', user: { id: 'u', name: 'u', verified: true }, ...message }));
    assert.ok(reply);
    return reply;
  };
}
