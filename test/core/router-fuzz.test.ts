import assert from 'node:assert/strict';
import { renderLines } from '../../src/present/render-text.js';
import { fixtureBot, type TestBot } from '../helpers/bot.js';

/** A small deterministic PRNG, so a failure can be replayed from its seed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  '!', 'rdobot:', 'rdobot,', 'interview', 'latest', 'list', 'search', 'random', 'post', 'tag', 'stats', 'help', 'about',
  'version', '--tz', 'Europe/Paris', '--tz=', '--', '"', "'", '“', '\r\n', '\n', '\r', '\u0000', '\u0003', '\u0002bold\u0002',
  '\u001f', '\u202e', '\u2066', '\ud800', '\udfff', '😀', 'é', '@channel', '<!here>', '<b>', '&amp;', '%s', '${x}', '\\',
  '999999999', '-1', '0', 'ä'.repeat(300), 'x'.repeat(2000), ' ', '\t', 'PRIVMSG #rdo :pwned',
];

function randomLine(rand: () => number): string {
  const n = Math.floor(rand() * 12);
  let line = rand() < 0.7 ? '!' : '';
  for (let i = 0; i < n; i++) {
    line += rand() < 0.85 ? PIECES[Math.floor(rand() * PIECES.length)] : String.fromCharCode(Math.floor(rand() * 0xffff));
    if (rand() < 0.6) line += ' ';
  }
  return line;
}

describe('router under random and adversarial input', () => {
  let t: TestBot;
  before(async () => {
    t = await fixtureBot();
  });

  it('survives 50,000 random command lines: no exception escapes, replies stay bounded and single-line', async function () {
    this.timeout(120_000);
    const rand = prng(20261125);
    let answered = 0;
    for (let i = 0; i < 50_000; i++) {
      const line = randomLine(rand);
      const reply = await t.ask(line);
      if (!reply) continue;
      answered++;
      assert.notEqual(reply.code, 'INTERNAL', `internal error for ${JSON.stringify(line)}`);
      for (const out of renderLines(reply)) {
        assert.doesNotMatch(out, /[\r\n\u0000-\u001f]/, `control character in reply to ${JSON.stringify(line)}`);
        assert.ok(out.length <= 1200, `line of ${out.length} characters for ${JSON.stringify(line)}`);
      }
    }
    assert.ok(answered > 10_000, `only ${answered} lines were answered`);
  });
});
