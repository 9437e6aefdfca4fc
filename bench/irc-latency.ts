/**
 * Round trip of `!interview latest` over a real IRC server on loopback: a user sends the command,
 * the clock stops when the bot's answer arrives. Uses InspIRCd (both in a lax connect class, so the
 * server's own flood limits are not what is measured) or, without it, ngircd with a pause between asks.
 */
import { createIrcAdapter, readIrcOptions } from '../adapters/irc/index.js';
import { fixtureBot } from '../test/helpers/bot.js';
import { hasBinary, INSPIRCD, NGIRCD, startInspircd, startNgircd, TRUSTED_PASS } from '../test/helpers/irc-server.js';
import { IrcUser } from '../test/helpers/irc-user.js';
import { percentile } from './stats.js';


export async function main(rounds = Number(process.env.IRC_BENCH_ROUNDS ?? 200)): Promise<void> {
  const inspircd = hasBinary(INSPIRCD);
  if (!inspircd && !hasBinary(NGIRCD)) {
    console.log('irc-latency: skipped (install inspircd or ngircd)');
    return;
  }
  const server = inspircd ? await startInspircd() : await startNgircd();
  const pass = inspircd ? { password: TRUSTED_PASS } : {};
  // ngircd throttles every client to about 3 lines a second: pace the asks below that.
  const pauseMs = inspircd ? 0 : 1200;
  if (!inspircd) rounds = Math.min(rounds, 20);
  const { context } = await fixtureBot();
  const adapter = createIrcAdapter(
    context,
    readIrcOptions({
      IRC_HOST: server.host,
      IRC_PORT: String(server.port),
      IRC_TLS: 'false',
      IRC_CHANNELS: '#rdo',
      IRC_FLOOD_BURST: '50',
      IRC_FLOOD_INTERVAL_MS: '50',
      ...(inspircd ? { IRC_SERVER_PASS: TRUSTED_PASS } : {}),
    }),
  );
  const user = new IrcUser('bencher');
  try {
    await adapter.start();
    await user.connect(server.host, server.port, pass);
    await user.join('#rdo');
    // Timed on the answer event itself, not by polling.
    let answered: (() => void) | undefined;
    user.client.on('privmsg', (e) => {
      if (e.nick === 'rdobot') answered?.();
    });
    const times: number[] = [];
    for (let i = 0; i < rounds + 5; i++) {
      const started = performance.now();
      const answer = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no answer within 5 s')), 5000);
        answered = () => (clearTimeout(timer), resolve());
      });
      user.say('#rdo', '!interview latest');
      await answer;
      if (i >= 5) times.push(performance.now() - started); // the first few warm up
      answered = undefined;
      await user.settle(pauseMs > 0 ? pauseMs : 50);
    }
    console.log(`irc-latency (${server.kind}, ${times.length} round trips of !interview latest over 127.0.0.1):`);
    console.log(`  p50 ${percentile(times, 50).toFixed(2)} ms   p99 ${percentile(times, 99).toFixed(2)} ms   max ${Math.max(...times).toFixed(2)} ms`);
  } finally {
    user.close();
    await adapter.stop();
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
