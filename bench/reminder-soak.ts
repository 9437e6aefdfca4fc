/**
 * Soak of the reminder guarantees, black-box: `rdobot run` on a real ngircd (loopback) reminds #rdo of bursts of test
 * days while it is killed (SIGKILL) every few seconds, or stopped (SIGTERM) as in a redeploy, and started again at once
 * on the same data directory; a listening client counts what reaches the channel. Prints delivered / duplicated / lost,
 * and the reminders the logs name as interrupted (the only ones allowed to be missing).
 *
 * `npm run bench -- reminder-soak` (not part of the default run: it takes minutes). Settings: SOAK_RUNS (1),
 * SOAK_REMINDERS (48), SOAK_CLUSTER (8 due at the same second), SOAK_EVERY_S (25 s between clusters), SOAK_KILL_MIN_S /
 * SOAK_KILL_MAX_S (5–20 s between kills), SOAK_TERM_EVERY (every 4th stop is a SIGTERM).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { burstEnv, burstEvents, tally } from '../test/helpers/burst.js';
import { hasBinary, NGIRCD, startNgircd, type IrcServer } from '../test/helpers/irc-server.js';
import { IrcUser } from '../test/helpers/irc-user.js';
import { spawnBot, type RunningBot } from '../test/helpers/spawn-bot.js';
import { until } from '../test/helpers/wait.js';

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface RunResult {
  reminders: number;
  sigkill: number;
  sigterm: number;
  delivered: number;
  duplicated: number;
  lost: string[];
  interrupted: string[];
  seconds: number;
}

async function soak(server: IrcServer, run: number): Promise<RunResult> {
  const started = Date.now();
  const reminders = num('SOAK_REMINDERS', 48);
  const cluster = num('SOAK_CLUSTER', 8);
  const every = num('SOAK_EVERY_S', 25) * 1000;
  const [killMin, killMax] = [num('SOAK_KILL_MIN_S', 5) * 1000, num('SOAK_KILL_MAX_S', 20) * 1000];
  const termEvery = num('SOAK_TERM_EVERY', 4);
  const first = Date.now() + 15_000;
  const starts = Array.from({ length: reminders }, (_, i) => new Date(first + Math.floor(i / cluster) * every));
  const lastDue = starts[starts.length - 1]!.getTime();
  const burst = burstEvents(starts);
  const dataDir = mkdtempSync(join(tmpdir(), 'rdobot-soak-'));
  const env = {
    ...burstEnv(burst),
    RDOBOT_ADAPTERS: 'irc',
    RDOBOT_DATA_DIR: dataDir,
    RDOBOT_STANDBY: 'true',
    LOG_LEVEL: 'info',
    IRC_HOST: server.host,
    IRC_PORT: String(server.port),
    IRC_TLS: 'false',
    IRC_CHANNELS: '#rdo',
  };
  const listener = new IrcUser(`counter${run}`);
  await listener.connect(server.host, server.port);
  await listener.join('#rdo');
  const fromBot = () => listener.heard.filter((h) => h.from.startsWith('rdobot') && h.target === '#rdo');

  const bots: RunningBot[] = [spawnBot(env)];
  let sigkill = 0;
  let sigterm = 0;
  try {
    // Kill or stop the running bot every few seconds until the last cluster is due (and a little after).
    while (Date.now() < lastDue + 10_000) {
      await sleep(killMin + Math.random() * (killMax - killMin));
      const current = bots[bots.length - 1]!;
      if ((sigkill + sigterm + 1) % termEvery === 0) {
        sigterm++;
        current.child.kill('SIGTERM');
        // A redeploy: the new bot starts at once and takes over when the old one has let go of the data directory.
        bots.push(spawnBot(env));
        const exit = await current.exited;
        if (exit.code !== 0) console.log(`  run ${run}: a SIGTERM stop exited with ${exit.code ?? exit.signal}`);
      } else {
        sigkill++;
        current.child.kill('SIGKILL');
        await current.exited;
        bots.push(spawnBot(env));
      }
      process.stdout.write(`\r  run ${run}: ${sigkill} SIGKILL, ${sigterm} SIGTERM, ${tally(burst, fromBot()).delivered}/${reminders} heard `);
    }
    // The last bot runs on until everything due is out (late ones included), then stops cleanly.
    await until(() => tally(burst, fromBot()).delivered === reminders, 60_000, 'every reminder').catch(() => undefined);
    await listener.settle(3000, 30_000);
    const last = bots[bots.length - 1]!;
    last.child.kill('SIGTERM');
    await last.exited;
  } finally {
    bots.forEach((b) => b.kill());
    listener.close();
  }
  process.stdout.write('\n');
  const t = tally(burst, fromBot());
  const interrupted = [...new Set(bots.flatMap((b) => b.logs().filter((l) => String(l.msg).includes('interrupted')).map((l) => String(l.reminder))))];
  rmSync(dataDir, { recursive: true, force: true });
  return { reminders, sigkill, sigterm, delivered: t.delivered, duplicated: t.duplicated, lost: t.lost, interrupted, seconds: Math.round((Date.now() - started) / 1000) };
}

export async function main(): Promise<void> {
  if (!hasBinary(NGIRCD)) {
    console.log('reminder-soak: skipped (apt-get install ngircd)');
    return;
  }
  const runs = num('SOAK_RUNS', 1);
  const server = await startNgircd();
  const totals = { reminders: 0, sigkill: 0, sigterm: 0, delivered: 0, duplicated: 0, lost: 0, interrupted: 0, unexplained: 0 };
  try {
    for (let run = 1; run <= runs; run++) {
      const r = await soak(server, run);
      // A lost reminder is allowed only if a log line names it as interrupted (claimed as it was being written).
      const unexplained = r.lost.filter((title) => !r.interrupted.some((key) => keyTitle(key) === title));
      console.log(
        `reminder-soak run ${run} (${r.seconds} s, ${r.sigkill} SIGKILL, ${r.sigterm} SIGTERM): ${r.reminders} reminders, ` +
          `delivered ${r.delivered}, duplicated ${r.duplicated}, lost ${r.lost.length}${r.lost.length ? ` (${r.lost.join(', ')})` : ''}, ` +
          `interrupted (named in the log) ${r.interrupted.length}, lost and not named ${unexplained.length}`,
      );
      totals.reminders += r.reminders;
      totals.sigkill += r.sigkill;
      totals.sigterm += r.sigterm;
      totals.delivered += r.delivered;
      totals.duplicated += r.duplicated;
      totals.lost += r.lost.length;
      totals.interrupted += r.interrupted.length;
      totals.unexplained += unexplained.length;
    }
  } finally {
    await server.close();
  }
  if (runs > 1) console.log(`reminder-soak total: ${JSON.stringify(totals)}`);
}

/** `testday:burst-20261125-3@…` → the title of the 3rd talk of burst.yaml, `Burst 02 test day`. */
function keyTitle(key: string): string | undefined {
  const n = /^testday:burst-\d{8}-(\d+)@/.exec(key)?.[1];
  return n === undefined ? undefined : `Burst ${String(Number(n) - 1).padStart(2, '0')} test day`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
