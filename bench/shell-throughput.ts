import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { botEnv, CLI, machine, median, pipedThroughput, type ThroughputResult } from './bench-bots.js';
import { realShapedArchive } from './real-shaped.js';
import { report } from './stats.js';

const POSTS = 10_000;
const ANSWERS = Number(process.env.BENCH_ANSWERS ?? 50_000);
const ROUNDS = 3;
const QUESTION = '!interview latest';
const HUBOT = 'hubot@14.1.0';
/** Hubot 14 through its shell adapter on the machine of the README's table, when it cannot be installed here. */
const HUBOT_BASELINE = 'about 27,000 answers/s on the 2-core machine of the README\'s table';

/**
 * The Hubot script that answers the same question over the same archive, as a Hubot user would write it: the posts
 * are read once at start (front matter by regular expression), the answer is the same two lines rdobot prints.
 */
const HUBOT_SCRIPT = String.raw`
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
const dir = process.env.BENCH_ARCHIVE;
const posts = [];
for (const name of readdirSync(dir)) {
  if (!/\.(md|markdown)$/.test(name)) continue;
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(readFileSync(join(dir, name), 'utf8'));
  if (!m) continue;
  const front = {};
  for (const line of m[1].split(/\r?\n/)) {
    const kv = /^(\w+):\s*(.*)$/.exec(line);
    if (kv) front[kv[1]] = kv[2].replace(/^'(.*)'$/, '$1');
  }
  const date = new Date(front.date.replace(' ', 'T').replace(/ [A-Z]{3,4}$/, '') + 'Z');
  const tags = (front.tags ?? '').split(',').map((t) => t.trim().toLowerCase());
  const slug = name.replace(/^\d{4}-\d{2}-\d{2}-/, '').replace(/(\.html)?\.(md|markdown)$/, '');
  const summary = m[2].trim().split(/\n\s*\n/)[0].replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_` + '`' + String.raw`]/g, '').replace(/\s+/g, ' ');
  const url = 'https://www.rdoproject.org/blog/' + name.slice(0, 4) + '/' + name.slice(5, 7) + '/' + slug + '/';
  posts.push({ title: front.title, author: front.author, date, summary, url, interview: tags.includes('podcast') || tags.includes('interview') || /^what did you do in|\binterview/i.test(front.title) });
}
posts.sort((a, b) => b.date - a.date);
export default (robot) => {
  robot.respond(/!?interview latest$/i, (res) => {
    const p = posts.find((x) => x.interview);
    const when = p.date.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
    res.send(p.title + ' — ' + when + ' by ' + p.author + ' — ' + p.url, p.summary);
  });
};
`;

/** Hubot and its shell adapter, installed from npm into a temporary folder with the script above; null when npm cannot. */
function installHubot(): { dir: string; reason?: undefined } | { dir?: undefined; reason: string } {
  if (process.env.BENCH_HUBOT === 'off') return { reason: 'BENCH_HUBOT=off' };
  const dir = mkdtempSync(join(tmpdir(), 'rdobot-bench-hubot-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'hubot-bench', private: true }));
  const npm = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', HUBOT], { cwd: dir, encoding: 'utf8', timeout: 300_000 });
  if (npm.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return { reason: `npm install ${HUBOT} failed: ${(npm.stderr || npm.error?.message || '').trim().split('\n')[0]}` };
  }
  mkdirSync(join(dir, 'scripts'));
  writeFileSync(join(dir, 'scripts', 'interview.mjs'), HUBOT_SCRIPT);
  return { dir };
}

const summary = (results: ThroughputResult[]): ThroughputResult => {
  const perCpu = results.map((r) => r.answersPerCpuSecond).filter((v): v is number => v !== null);
  return { answersPerSecond: median(results.map((r) => r.answersPerSecond)), answersPerCpuSecond: perCpu.length ? median(perCpu) : null, firstLine: results[0].firstLine };
};

const rate = (r: ThroughputResult) => `${Math.round(r.answersPerSecond).toLocaleString('en')} answers/s${r.answersPerCpuSecond ? ` (${Math.round(r.answersPerCpuSecond).toLocaleString('en')} per CPU-second)` : ''}`;

/**
 * Answers per second through the shell adapter fed by a pipe, `!interview latest` over 10,000 real-shaped posts, as
 * people run the bot (`rdobot run`, default settings and logging); and Hubot, through its own shell adapter, answering
 * the same question over the same archive.
 */
export async function main(): Promise<void> {
  const archive = realShapedArchive(POSTS);
  const root = mkdtempSync(join(tmpdir(), 'rdobot-bench-shell-'));
  const data = join(root, 'data');
  const rdobotRound = () =>
    pipedThroughput({
      command: [process.execPath, '--max-old-space-size=384', CLI, 'run'],
      env: botEnv({ RDOBOT_ADAPTERS: 'shell', RDOBOT_ARCHIVE: archive.dir, RDOBOT_DATA_DIR: data, HTTP_PORT: 'off' }),
      question: QUESTION,
      count: ANSWERS,
    });
  try {
    report('machine', machine());
    report('load average (1 min) before', loadavg()[0].toFixed(2));
    // A service restarts over its data directory: a first start (not counted) builds the post cache and the dates read
    // from posts, which every round after finds, as a restarted service does. Hubot keeps nothing between starts.
    const priming = await rdobotRound();
    report('shell: rdobot, first start building its caches (not counted)', rate(priming));
    const first = await rdobotRound();
    report('shell: the answer counted', first.firstLine);
    const hubot = installHubot();
    if (!hubot.dir) {
      const rest = [first];
      for (let i = 1; i < ROUNDS; i++) rest.push(await rdobotRound());
      report(`shell: rdobot, ${ANSWERS.toLocaleString('en')} × ${QUESTION} (median of ${ROUNDS})`, rate(summary(rest)));
      report('shell: Hubot', `skipped (${hubot.reason}); documented baseline: ${HUBOT_BASELINE}`);
      return;
    }
    try {
      const hubotRound = () =>
        pipedThroughput({
          command: [process.execPath, join(hubot.dir, 'node_modules/hubot/bin/Hubot.mjs'), '--adapter', 'Shell', '--disable-httpd', '--name', 'hubot'],
          env: { ...process.env, BENCH_ARCHIVE: archive.dir },
          cwd: hubot.dir,
          question: QUESTION,
          count: ANSWERS,
          // The same first line as rdobot's: Hubot must give the same answer to be counted.
          marker: first.firstLine,
          timeoutMs: 300_000,
        });
      // Rounds alternate, so that both bots meet the same machine (other work on it comes and goes).
      const ours: ThroughputResult[] = [];
      const theirs: ThroughputResult[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        ours.push(i === 0 ? first : await rdobotRound());
        theirs.push(await hubotRound());
      }
      report(`shell: rdobot, ${ANSWERS.toLocaleString('en')} × ${QUESTION} (median of ${ROUNDS})`, rate(summary(ours)));
      report(`shell: ${HUBOT}, same question and archive`, rate(summary(theirs)));
      const ratios = ours.map((r, i) => r.answersPerSecond / theirs[i].answersPerSecond);
      report('shell: rdobot / Hubot (median of the rounds)', `${median(ratios).toFixed(1)}× (rounds: ${ratios.map((r) => r.toFixed(1)).join(', ')})`, '≥ 5×');
      // Per CPU-second of each bot's own process: moves less than wall time when other work shares the cores.
      const perCpu = ours.flatMap((r, i) => (r.answersPerCpuSecond && theirs[i].answersPerCpuSecond ? [r.answersPerCpuSecond / theirs[i].answersPerCpuSecond] : []));
      if (perCpu.length) report('shell: rdobot / Hubot per CPU-second (median of the rounds)', `${median(perCpu).toFixed(1)}× (rounds: ${perCpu.map((r) => r.toFixed(1)).join(', ')})`);
      report('load average (1 min) after', loadavg()[0].toFixed(2));
    } finally {
      rmSync(hubot.dir, { recursive: true, force: true });
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
