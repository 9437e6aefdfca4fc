import { ConfigError } from '../src/base/errors.js';
import { NETWORKS, type NetworkEntry } from './index.js';

type Networks = readonly Pick<NetworkEntry, 'name' | 'target'>[];

/** Where a reminder or announcement goes: `network:room`, the network one of the manifest's, the room as it writes them. */
export function isTarget(target: string, networks: Networks = NETWORKS): boolean {
  const colon = target.indexOf(':');
  if (colon <= 0) return false;
  const network = networks.find((n) => n.name === target.slice(0, colon));
  return network !== undefined && network.target.room.test(target.slice(colon + 1));
}

/** Examples of targets for error messages: `irc:#rdo, matrix:!room:server or slack:C123`. */
export function targetExamples(networks: Networks = NETWORKS): string {
  const examples = networks.filter((n) => n.name !== 'shell').map((n) => n.target.example);
  return examples.length > 1 ? `${examples.slice(0, -1).join(', ')} or ${examples.at(-1)}` : (examples[0] ?? '');
}

/**
 * What is wrong with a reminder, digest or announcement target (undefined: nothing), as the end of an error that
 * names the setting: `got 'dicsord:#rdo' ('dicsord' is no network rdobot knows: …), expected network:room such as …`.
 */
export function targetProblem(value: unknown, networks: Networks = NETWORKS): string | undefined {
  const target = typeof value === 'string' ? value.trim() : '';
  if (isTarget(target, networks)) return undefined;
  const network = target.includes(':') ? target.slice(0, target.indexOf(':')) : '';
  const unknown = network && !networks.some((n) => n.name === network) ? ` ('${network}' is no network rdobot knows: ${networks.map((n) => n.name).join(', ')})` : '';
  return `got '${String(value)}'${unknown}, expected network:room such as ${targetExamples(networks)}`;
}

/**
 * The one check of a target given in a setting, made at start so that a typo (`dicsord:#rdo`) stops the bot there
 * rather than failing at send time. Returns the target trimmed.
 */
export function checkTarget(value: unknown, setting: string, networks: Networks = NETWORKS): string {
  const problem = targetProblem(value, networks);
  if (problem) throw new ConfigError(`config error: ${setting}: ${problem}`);
  return (value as string).trim();
}
