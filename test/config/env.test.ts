/** `.env` as people write it, and `.env.example` read back with every setting turned on. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readIrcOptions } from '../../adapters/irc/config.js';
import { readMatrixOptions } from '../../adapters/matrix/config.js';
import { parseDotenv } from '../../src/base/dotenv.js';
import { loadConfig, readEnv } from '../../src/config/load.js';

const EXAMPLE = fileURLToPath(new URL('../../../.env.example', import.meta.url));

/** The example with every `#KEY=value` line turned on, and what each line says the value is. */
function enabledExample(): { text: string; written: Map<string, string> } {
  const written = new Map<string, string>();
  const text = readFileSync(EXAMPLE, 'utf8')
    .split('\n')
    .map((line) => {
      const m = /^#([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
      if (!m) return line;
      const [, key, value] = m;
      // The value as the comment shows it, quotes removed.
      written.set(key, value.replace(/^'(.*)'$/, '$1').replace(/^"(.*)"$/, '$1'));
      return `${key}=${value}`;
    })
    .join('\n');
  return { text, written };
}

function withDotenv(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'rdobot-env-'));
  writeFileSync(join(dir, '.env'), text);
  return dir;
}

describe('.env files', () => {
  it('reads .env.example, every commented setting enabled, back as written', () => {
    const { text, written } = enabledExample();
    assert.ok(written.size > 60, `${written.size} settings in .env.example`);
    const env = readEnv(withDotenv(text), {});
    for (const [key, value] of written) assert.equal(env[key] ?? '', value, key);
    assert.equal(env.IRC_CHANNELS, '#rdo,#rdo-team sesame');
    assert.equal(env.MATRIX_ROOMS, '#rdo:example.org');
    assert.equal(env.RDOBOT_ANNOUNCE_POSTS, 'irc:#rdo');
    assert.equal(env.RDOBOT_REMINDER_TARGETS, 'irc:#rdo,matrix:!abc:example.org,slack:C123');
  });

  it('shows every channel and room value quoted in .env.example', () => {
    for (const line of readFileSync(EXAMPLE, 'utf8').split('\n')) {
      const m = /^#([A-Z][A-Z0-9_]*)=(.*#.*)$/.exec(line);
      if (m) assert.match(m[2], /^'.*'$/, `${m[1]} should be quoted`);
    }
  });

  it('loads the enabled example through the core schema, and its channels through the IRC and Matrix ones', () => {
    const { text } = enabledExample();
    const dir = withDotenv(text);
    writeFileSync(join(dir, 'rdobot.yml'), '# RDOBOT_CONFIG of the example\n');
    const config = loadConfig({}, dir);
    assert.equal(config.timezone, 'UTC');
    const irc = readIrcOptions({ IRC_HOST: config.env.IRC_HOST, IRC_CHANNELS: config.env.IRC_CHANNELS });
    assert.deepEqual(irc.channels, [{ name: '#rdo' }, { name: '#rdo-team', key: 'sesame' }]);
    const matrix = readMatrixOptions({ MATRIX_HOMESERVER_URL: config.env.MATRIX_HOMESERVER_URL, MATRIX_ACCESS_TOKEN: 'x', MATRIX_ROOMS: config.env.MATRIX_ROOMS });
    assert.deepEqual(matrix.rooms, ['#rdo:example.org']);
  });

  it("reads IRC_CHANNELS=#rdo as '#rdo', as a shell would", () => {
    const env = parseDotenv(
      ['IRC_CHANNELS=#rdo', 'MATRIX_ROOMS=#rdo:server', 'RDOBOT_ANNOUNCE_POSTS=irc:#rdo # where posts go', 'A=#x,#y key', '# a comment', 'B=plain # note', "C='quoted # kept'", 'D="a\nb"'].join('\n'),
    );
    assert.deepEqual(env, { IRC_CHANNELS: '#rdo', MATRIX_ROOMS: '#rdo:server', RDOBOT_ANNOUNCE_POSTS: 'irc:#rdo', A: '#x,#y key', B: 'plain', C: 'quoted # kept', D: 'a\nb' });
  });

  it('refuses a value that would read as a comment, naming the key and the fix', () => {
    assert.throws(() => parseDotenv('IRC_CHANNELS= #rdo\n', '/srv/rdobot/.env'), {
      message: "config error: /srv/rdobot/.env line 1: IRC_CHANNELS is read as empty (a '#' after a space starts a comment); write IRC_CHANNELS='#rdo'",
    });
  });

  it('takes off the quotes `docker run --env-file` leaves on, but never touches a secret', () => {
    const env = readEnv(mkdtempSync(join(tmpdir(), 'rdobot-env-')), { IRC_CHANNELS: "'#rdo'", MATRIX_ROOMS: '"#rdo:server"', IRC_SASL_PASS: "'p'" });
    assert.equal(env.IRC_CHANNELS, '#rdo');
    assert.equal(env.MATRIX_ROOMS, '#rdo:server');
    assert.equal(env.IRC_SASL_PASS, "'p'");
  });

  it('reads zone abbreviations in RDOBOT_TIMEZONE from the table, and refuses an ambiguous one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdobot-env-'));
    assert.equal(loadConfig({ RDOBOT_TIMEZONE: 'BST' }, dir).timezone, 'Europe/London');
    assert.equal(loadConfig({ RDOBOT_TIMEZONE: 'Asia/Kolkata' }, dir).timezone, 'Asia/Kolkata');
    assert.throws(() => loadConfig({ RDOBOT_TIMEZONE: 'CST' }, dir), /RDOBOT_TIMEZONE: got 'CST', expected an IANA time zone .*CST is ambiguous/);
  });
});
