import type { NetworkModule } from '../network.js';
import { createIrcAdapter, readIrcOptions } from './index.js';

export const prepare: NetworkModule['prepare'] = ({ env }) => {
  const options = readIrcOptions(env);
  return (host) => createIrcAdapter(host.context, options);
};
