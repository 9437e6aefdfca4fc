import type { NetworkModule } from '../network.js';
import { createMatrixAdapter, readMatrixOptions } from './index.js';

export const prepare: NetworkModule['prepare'] = ({ env }) => {
  const options = readMatrixOptions(env);
  return (host) => createMatrixAdapter(host.context, options);
};
