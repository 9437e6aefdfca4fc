import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDuration } from '../../src/base/duration.js';
import { loadConfig } from '../../src/config/load.js';
import { sourcesConfig } from '../../src/archive/sources/config.js';

function withFile(yaml: string, env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'rdobot-srcconf-'));
  writeFileSync(join(dir, 'rdobot.yml'), yaml);
  return loadConfig({ RDOBOT_CONFIG: 'rdobot.yml', ...env }, dir);
}

describe('archive sources and announcement configuration', () => {
  it('reads directories, git checkouts, feeds and announcement targets', () => {
    const config = withFile(
      'sources:\n  - dir: posts\n  - git: /srv/website\n    pull_every: 10m\n  - feed: https://blogs.example.org/feed/\n    every: 30m\n    timeout: 5s\nannounce:\n  posts: [irc:#rdo]\n  interviews: ["matrix:!pod:example.org"]\n',
      { RDOBOT_FEEDS: 'https://planet.example.org/rss', RDOBOT_FEED_INTERVAL: '1h', RDOBOT_ANNOUNCE_POSTS: 'slack:C123' },
    );
    const s = sourcesConfig(config, '/work');
    assert.deepEqual(s.extraDirs, ['/work/posts']);
    assert.deepEqual(s.gitSources, [{ repo: '/srv/website', path: 'source/blog', pullEveryMs: 600_000 }]);
    assert.deepEqual(s.feeds, [
      { url: 'https://planet.example.org/rss', intervalMs: 3_600_000 },
      { url: 'https://blogs.example.org/feed/', intervalMs: 1_800_000, timeoutMs: 5000 },
    ]);
    assert.deepEqual(s.announce, { posts: ['slack:C123', 'irc:#rdo'], interviews: ['matrix:!pod:example.org'] });
  });

  it('names the file, line and key of a bad entry', () => {
    const config = withFile('sources:\n  - dir: posts\n  - feed: https://x.example.org/feed\n    every: often\n');
    assert.throws(() => sourcesConfig(config), /rdobot\.yml line 4: sources\.1\.every: expected a duration for every, such as 30s, 15m or 1h/);
    const badTarget = withFile('announce:\n  posts: ["#rdo"]\n');
    assert.throws(() => sourcesConfig(badTarget), /line 2: announce\.posts\.0: got '#rdo', expected network:room such as irc:#rdo/);
  });

  it('rejects a bad feed list in the environment, naming the variable', () => {
    assert.throws(() => sourcesConfig(loadConfig({ RDOBOT_FEEDS: 'not a url' }, tmpdir())), /config error: RDOBOT_FEEDS: got 'not a url'/);
  });

  it('reads durations', () => {
    assert.equal(parseDuration('15m'), 900_000);
    assert.equal(parseDuration('1h30m'), 5_400_000);
    assert.equal(parseDuration('500ms'), 500);
    assert.equal(parseDuration(30), 30_000);
    assert.equal(parseDuration('soon'), null);
  });
});
