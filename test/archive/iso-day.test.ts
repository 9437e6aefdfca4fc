import assert from 'node:assert/strict';
import { isoDay } from '../../src/archive/archive.js';

describe('isoDay (the UTC day of a post, for its identity)', () => {
  it('gives the day toISOString gives, around midnights, month ends, leap days and centuries', () => {
    const days = ['1900-02-28', '1900-03-01', '1969-12-31', '1970-01-01', '2000-02-29', '2000-03-01', '2013-04-13', '2016-12-31', '2024-02-29', '2100-03-01', '9999-12-31', '0001-01-01', '0400-02-29'];
    for (const day of days) {
      const midnight = Date.parse(`${day}T00:00:00.000Z`);
      for (const ms of [midnight, midnight - 1, midnight + 1, midnight + 86_399_999, midnight + 86_400_000]) {
        assert.equal(isoDay(ms), new Date(ms).toISOString().slice(0, 10), `${ms} (${new Date(ms).toISOString()})`);
      }
    }
  });

  it('gives the same as toISOString on every day from 1600 to 2400, at a time of day that moves', () => {
    for (let ms = Date.parse('1600-01-01T00:00:00Z'); ms < Date.parse('2400-01-01T00:00:00Z'); ms += 86_400_000 + 3_607_001) {
      assert.equal(isoDay(ms), new Date(ms).toISOString().slice(0, 10));
    }
  });

  it('writes years outside 0–9999 as toISOString does', () => {
    for (const ms of [Date.parse('-000001-06-01T00:00:00Z'), Date.parse('+010000-01-01T00:00:00Z')]) assert.equal(isoDay(ms), new Date(ms).toISOString().slice(0, 10));
  });
});
