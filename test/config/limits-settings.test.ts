import assert from 'node:assert/strict';
import { SOURCE_LIMITS } from '../../src/archive/limits.js';
import { parseBytes, sourceLimitsConfig } from '../../src/config/limits.js';

describe('caps on the sources as settings', () => {
  it('keeps the documented defaults when nothing is set', () => {
    assert.deepEqual(sourceLimitsConfig({}), SOURCE_LIMITS);
    assert.deepEqual(SOURCE_LIMITS, {
      feedMaxBytes: 5 * 1024 * 1024,
      feedMaxItems: 200,
      feedMaxRedirects: 5,
      postMaxBytes: 1024 * 1024,
      definitionMaxBytes: 1024 * 1024,
      meetingMaxSchedules: 50,
      eventsMaxTalks: 2000,
      allowOutsideLinks: false,
    });
  });

  it('reads sizes with units, counts and on/off', () => {
    const limits = sourceLimitsConfig({ RDOBOT_FEED_MAX_BYTES: '512kB', RDOBOT_POST_MAX_BYTES: '2 MB', RDOBOT_MEETING_MAX_SCHEDULES: '500', RDOBOT_FEED_MAX_REDIRECTS: '0', RDOBOT_ALLOW_OUTSIDE_LINKS: 'on' });
    assert.equal(limits.feedMaxBytes, 512 * 1024);
    assert.equal(limits.postMaxBytes, 2 * 1024 * 1024);
    assert.equal(limits.meetingMaxSchedules, 500);
    assert.equal(limits.feedMaxRedirects, 0);
    assert.equal(limits.allowOutsideLinks, true);
    assert.equal(parseBytes('1048576'), 1048576);
    assert.equal(parseBytes('lots'), undefined);
  });

  it('stops at start-up on a bad value, naming the setting, the value and what it expects', () => {
    assert.throws(() => sourceLimitsConfig({ RDOBOT_FEED_MAX_BYTES: 'huge' }), /^ConfigError: config error: RDOBOT_FEED_MAX_BYTES: got 'huge', expected a size such as 5MB or 512kB$/);
    assert.throws(() => sourceLimitsConfig({ RDOBOT_EVENTS_MAX_TALKS: '0' }), /RDOBOT_EVENTS_MAX_TALKS: got '0', expected a number of talks such as 2000/);
    assert.throws(() => sourceLimitsConfig({ RDOBOT_ALLOW_OUTSIDE_LINKS: 'sometimes' }), /RDOBOT_ALLOW_OUTSIDE_LINKS: got 'sometimes', expected on or off/);
  });
});
