import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PLUGIN_API } from '../plugin/api.js';
import { PLUGIN_NAME } from '../plugin/shape.js';
import { UsageError, type Io } from './ask.js';

export const PLUGIN_NEW_USAGE = 'usage: rdobot plugin new <name>   (a plugin folder ./<name>: package.json, index.js with one command, a test, a README)';

/** The files of a new plugin, by path in its folder. The test runs with `node --test` alone: no rdobot needed. */
function files(name: string): Record<string, string> {
  const pkg = {
    name: `rdobot-plugin-${name}`,
    version: '0.1.0',
    description: `rdobot plugin ${name}`,
    type: 'module',
    exports: './index.js',
    files: ['index.js', 'README.md'],
    keywords: ['rdobot-plugin'],
    scripts: { test: 'node --test' },
    peerDependencies: { rdobot: '*' },
    peerDependenciesMeta: { rdobot: { optional: true } },
  };
  const index = `/** @type {import('rdobot/plugin').RdobotPlugin} */
export default {
  name: '${name}',
  version: '0.1.0',
  description: 'says hello to whoever asks',
  api: ${PLUGIN_API},
  settings: {
    greeting: { type: 'string', description: 'the word said before the name', default: 'Hello' },
  },
  commands: ({ settings }) => [
    {
      family: '${name}',
      name: '',
      summary: 'greet the asker',
      examples: ['${name}'],
      intents: [{ phrasings: ['say ${name} to me'], needs: ['${name}'] }],
      handler: (ctx) => ({ kind: 'answer', text: \`\${settings.greeting}, \${ctx.message.user.name}\` }),
    },
  ],
};
`;
  const test = `import assert from 'node:assert/strict';
import { test } from 'node:test';
import plugin from '../index.js';

/** What rdobot hands a plugin at start, with the settings' defaults. */
const settings = Object.fromEntries(Object.entries(plugin.settings ?? {}).map(([key, spec]) => [key, spec.default]));
const commands = plugin.commands({ name: plugin.name, settings, store: undefined, services: undefined, logger: console, clock: undefined });

/** What rdobot hands a command: the message, and how commands are written here. */
const asked = (user) => ({ message: { user: { id: user, name: user } }, args: {}, options: {}, command: (line) => \`!\${line}\` });

test('answers !${name} with the asker\\'s name', async () => {
  const reply = await commands[0].handler(asked('alice'));
  assert.equal(reply.text, 'Hello, alice');
});
`;
  const readme = `# rdobot plugin ${name}

A plugin for [rdobot](https://github.com/rdo-infra/rdobot): \`!${name}\` answers "Hello, <your name>".

Try it on a bot: \`RDOBOT_PLUGINS=/path/to/this/folder rdobot ask "!${name}"\`.

Settings: \`RDOBOT_PLUGIN_${name.toUpperCase().replace(/-/g, '_')}_GREETING\` (default \`Hello\`), or in the config file:

\`\`\`yaml
plugins:
  ${name}:
    greeting: Hi
\`\`\`

Test: \`npm test\` (node --test; rdobot need not be installed). Publish: \`npm publish\`, then on the bot's machine
\`npm install rdobot-plugin-${name}\` in the plugin directory (RDOBOT_PLUGIN_DIR) and list \`rdobot-plugin-${name}\` in RDOBOT_PLUGINS.
`;
  return { 'package.json': `${JSON.stringify(pkg, null, 2)}\n`, 'index.js': index, 'test/plugin.test.js': test, 'README.md': readme };
}

/** `rdobot plugin new <name>`: a plugin folder to start from; an existing folder is never written into. */
export async function pluginCommand(argv: string[], io: Io): Promise<number> {
  const [verb, name, ...rest] = argv;
  if (verb !== 'new' || !name || rest.length) throw new UsageError(PLUGIN_NEW_USAGE);
  if (!PLUGIN_NAME.test(name)) throw new UsageError(`plugin name '${name}': expected lowercase letters, digits and -, starting with a letter`);
  const dir = resolve(io.cwd, name);
  if (existsSync(dir)) throw new UsageError(`${dir} already exists: not overwriting it`);
  for (const [path, text] of Object.entries(files(name))) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text, { flag: 'wx' });
  }
  io.stdout.write(`made ${dir}: try it with RDOBOT_PLUGINS=${dir} rdobot ask "!${name}"; test it with npm test there\n`);
  return 0;
}
