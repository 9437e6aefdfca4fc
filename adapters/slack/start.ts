import type { NetworkModule } from '../network.js';
import { createSlackAdapter, readSlackOptions } from './index.js';

export const prepare: NetworkModule['prepare'] = ({ env, sharedHttp }) => {
  const options = readSlackOptions(env);
  // Without a port of its own, the Slack receiver shares the bot's HTTP endpoint.
  const shared = options.connection.mode === 'http' && sharedHttp && !env.SLACK_PORT;
  if (shared && options.connection.mode === 'http') options.connection.listen = false;
  return (host) => {
    const adapter = createSlackAdapter(host.context, options);
    const handler = shared ? adapter.requestHandler() : undefined;
    if (handler && options.connection.mode === 'http') host.mount?.(options.connection.path, handler);
    return adapter;
  };
};
