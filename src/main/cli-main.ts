import { readFileSync } from 'node:fs';
import { ask, ASK_USAGE, calendar, CALENDAR_USAGE, reportFailure, type Io } from './ask.js';
import { PROJECT_ROOT } from '../base/paths.js';

const USAGE = `rdobot — the RDO community bot

usage:
  rdobot run                 start the bot with the adapters in RDOBOT_ADAPTERS (default: this terminal)
  rdobot ask "<command>"     answer one command and exit (--archive, --events, --meetings, --now, --tz, --json)
  rdobot calendar > rdo.ics  every meeting and test day as an iCal feed (--meetings, --events, --archive, --now)
  rdobot classify FILE|DIR…  each post's kinds with the evidence and scores (--labels LABELS.yaml, --json)
  rdobot plugins             the plugins RDOBOT_PLUGINS would load: version, folder, commands, settings, problems
  rdobot plugin new <name>   a new plugin folder ./<name> to start from (docs/plugins.md)
  rdobot help                this text (rdobot <command> --help: that command's)
  rdobot --version           the version

Configuration: environment variables or .env (see .env.example), optionally RDOBOT_CONFIG=<file.yml>.`;

const COMMANDS: Record<string, (argv: string[], io: Io) => Promise<number>> = {
  // Each command's own modules (the service's HTTP, announcements and reminders; the classifier's evaluation) are
  // loaded only for it: `rdobot ask` starts faster.
  run: async (argv, io) => (await import('./run.js')).run(argv, io),
  ask,
  calendar,
  classify: async (argv, io) => (await import('./classify.js')).classify(argv, io),
  plugins: async (argv, io) => (await import('./plugins-list.js')).listPlugins(argv, io),
  plugin: async (argv, io) => (await import('./plugins-scaffold.js')).pluginCommand(argv, io),
  help: async (_argv, io) => {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  },
};

/** Each command's own usage, for `rdobot <command> --help`. */
const USAGES: Record<string, () => Promise<string>> = {
  run: async () => 'usage: rdobot run   (the adapters, sources and limits come from the environment or .env: see .env.example)',
  ask: async () => ASK_USAGE,
  calendar: async () => CALENDAR_USAGE,
  classify: async () => (await import('./classify.js')).CLASSIFY_USAGE,
  plugins: async () => (await import('./plugins-list.js')).PLUGINS_USAGE,
  plugin: async () => (await import('./plugins-scaffold.js')).PLUGIN_NEW_USAGE,
  help: async () => USAGE,
};

const version = (): string => (JSON.parse(readFileSync(`${PROJECT_ROOT}package.json`, 'utf8')) as { version: string }).version;

const isHelp = (arg: string) => arg === '--help' || arg === '-h';
const isVersion = (arg: string) => arg === '--version' || arg === '-V';

async function main(): Promise<void> {
  const [name = 'run', ...argv] = process.argv.slice(2);
  const io: Io = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
  if (isVersion(name) || (name in USAGES && argv.some(isVersion))) {
    process.stdout.write(`rdobot ${version()}\n`);
    return;
  }
  if (name in USAGES && argv.some(isHelp)) {
    process.stdout.write(`${await USAGES[name]()}\n`);
    return;
  }
  const command = COMMANDS[isHelp(name) ? 'help' : name];
  if (!command) {
    process.stderr.write(`rdobot: unknown command '${name}'\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  try {
    process.exitCode = await command(argv, io);
  } catch (err) {
    process.exitCode = reportFailure(err, process.stderr);
  }
  // After a service run everything that matters is stopped and saved; network SDKs can leave timers
  // (matrix-js-sdk's long-poll timeouts) that would keep the process alive for minutes.
  if (name === 'run') process.exit();
}

await main();
