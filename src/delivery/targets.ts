import { NETWORKS, type NetworkEntry } from '../../adapters/index.js';

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
