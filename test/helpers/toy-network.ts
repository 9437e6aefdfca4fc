import { addressing } from '../../adapters/addressing.js';
import type { NetworkEntry } from '../../adapters/index.js';
import { ConfigError } from '../../src/base/errors.js';

/** What people say on the toy network (a test calls `say`) and what the bot said there. */
export const toyChat = { say: async (_who: string, _text: string) => {}, heard: [] as string[] };

export const TOY: NetworkEntry = {
  name: 'toy',
 
  target: { room: /^~\w+$/, example: 'toy:~lobby' },
  load: async () => ({
    prepare: ({ env }) => {
      const room = env.TOY_ROOM;
      if (!room) throw new ConfigError('config error: TOY_ROOM is required');
      return ({ context: ctx }) => {
        toyChat.say = async (who, text) => {
          const addressed = addressing(text, { prefix: ctx.prefix, names: [ctx.nick] }, false);
          const user = { id: who, name: who, verified: false };
          const reply = await ctx.handle({ network: 'toy', room, isPrivate: false, user, text, addressed, syntax: ctx.prefix, time: new Date() });
          if (reply) toyChat.heard.push(reply.text);
        };
        return { name: 'toy', start: async () => {}, stop: async () => {}, send: async (to, reply) => void toyChat.heard.push(`${to}: ${reply.text}`) };
      };
    },
  }),
};
