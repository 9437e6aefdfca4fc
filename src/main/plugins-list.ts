import { silentLogger } from '../base/log.js';
import { botOptionsFrom } from './bot-options.js';
import { loadConfig } from '../config/load.js';
import { systemClock } from '../core/router.js';
import { externalHosting, hostPlugins } from '../plugin/host.js';
import { settingEnvKey, shownSetting } from '../plugin/settings.js';
import type { Io } from './ask.js';
import { createBot } from './compose.js';
import { configuredPlugins, pluginTimeout } from './plugins-load.js';

export const PLUGINS_USAGE = 'usage: rdobot plugins   (what RDOBOT_PLUGINS would load: name, version, folder, commands, settings, problems)';

/**
 * `rdobot plugins`: what a start would load, as it would load it (imported, settings checked, commands built beside
 * the built-in families), without starting anything. Secrets are only said to be set. Exit code 1 when one is left out.
 */
export async function listPlugins(_argv: string[], io: Io): Promise<number> {
  const config = loadConfig(io.env, io.cwd);
  const logger = silentLogger();
  const { loaded, skipped } = await configuredPlugins(config, io.cwd, logger);
  const problems = skipped.map((s) => ({ given: s.name ? `${s.name} (${s.source ?? s.given})` : s.given, why: s.why }));
  const out: string[] = [];
  if (loaded.length + skipped.length === 0) {
    io.stdout.write('No plugins: RDOBOT_PLUGINS lists none (see docs/plugins.md).\n');
    return 0;
  }
  if (loaded.length) {
    // The built-in families, with nothing loaded from outside: a plugin's commands are checked against them as at start.
    const bot = await createBot({ ...botOptionsFrom(config), clock: systemClock, logger, scheduleWhenNeeded: true });
    const hosted = hostPlugins(
      loaded.map((l) => l.plugin),
      {
        services: bot.services,
        logger,
        ...externalHosting(loaded, (word) => bot.router.registry.family(word) !== undefined, pluginTimeout(config.env)),
        skipped: (name, why) => problems.push({ given: `${name} (${loaded.find((l) => l.plugin.name === name)?.source})`, why }),
      },
    );
    bot.close();
    for (const h of hosted) {
      const { plugin, settings, source } = loaded.find((l) => l.plugin.name === h.name)!;
      out.push(`${h.name} ${h.version}${h.description ? ` — ${h.description}` : ''}`);
      out.push(`  from: ${source}`);
      const words = [...new Set(h.commands.map((c) => `${config.prefix}${`${c.family} ${c.name}`.trim()}`))];
      out.push(`  commands: ${words.join(', ') || '(none)'}`);
      if (h.meetingCommands.length) out.push(`  meeting commands: ${h.meetingCommands.map((m) => `#${m.word}`).join(', ')}`);
      for (const [key, spec] of Object.entries(plugin.settings ?? {})) {
        out.push(`  setting ${key} = ${shownSetting(spec, settings[key])}   (${settingEnvKey(h.name, key)}; ${spec.description})`);
      }
    }
  }
  if (problems.length) {
    out.push('not loaded:');
    for (const p of problems) out.push(`  ${p.given}: ${p.why}`);
  }
  io.stdout.write(`${out.join('\n')}\n`);
  return problems.length ? 1 : 0;
}
