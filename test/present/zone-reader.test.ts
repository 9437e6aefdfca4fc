import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import { resolveZone } from '../../src/core/zones.js';
import { digestConfig } from '../../src/schedule/reminders/digest.js';
import { ApiError, zoneParam } from '../../src/web/api.js';
import { fixtureBot } from '../helpers/bot.js';

const CST = 'CST is ambiguous: say America/Chicago (US Central) or Asia/Shanghai (China).';

/** What each entry point says to a zone: --tz, !tz set, ?tz=, RDOBOT_TIMEZONE and plain words read it alike. */
describe('one zone reader for every entry point', () => {
  const api = (tz: string): string => {
    try {
      return zoneParam(new URLSearchParams({ tz }));
    } catch (err) {
      return (err as ApiError).message;
    }
  };
  const env = (tz: string): string => {
    try {
      return loadConfig({ RDOBOT_TIMEZONE: tz }, mkdtempSync(join(tmpdir(), 'rdobot-zone-'))).timezone;
    } catch (err) {
      return (err as Error).message;
    }
  };

  it('explains that CST is ambiguous in !tz set, --tz, ?tz= and RDOBOT_TIMEZONE alike', async () => {
    const { ask } = await fixtureBot();
    assert.equal((await ask('!tz set CST'))!.text, CST);
    assert.equal((await ask('!meeting next --tz CST'))!.text, CST);
    assert.equal(api('CST'), CST);
    assert.ok(env('CST').includes(CST), env('CST'));
    assert.throws(() => digestConfig({ RDOBOT_DIGEST_TARGETS: 'irc:#rdo', RDOBOT_DIGEST_TIMEZONE: 'CST' }, undefined, 'UTC'), (err: Error) => err.message.includes(CST));
  });

  it('takes a city or a country wherever a zone is asked for', async () => {
    const { ask } = await fixtureBot();
    assert.match((await ask('!tz set Bangalore'))!.text, /^Your time zone is now Asia\/Kolkata/);
    assert.match((await ask('!meeting next gantry --tz Bangalore'))!.text, /19:30 Asia\/Kolkata \(14:00 UTC\)/);
    assert.equal(api('new york'), 'America/New_York');
    assert.equal(env('India'), 'Asia/Kolkata');
    assert.deepEqual(resolveZone('paris'), { zone: 'Europe/Paris' });
  });

  it('refuses what is no zone with the same words everywhere', async () => {
    const { ask } = await fixtureBot();
    const refusal = "Unknown time zone 'Atlantis': use a place name such as Europe/Paris, Asia/Kolkata or America/New_York, a city such as Bangalore, or UTC.";
    assert.equal((await ask('!tz set Atlantis'))!.text, refusal);
    assert.equal((await ask('!meeting next --tz Atlantis'))!.text, refusal);
    assert.equal(api('Atlantis'), refusal);
  });
});
