import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Runs every benchmark module of bench/ that exports main(), one after the other. */
const here = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
/** Run only when named (`npm run bench -- reminder-soak`): they take minutes. */
const ON_REQUEST = ['reminder-soak', 'fuzz-readers', 'growth'];
for (const file of readdirSync(here).sort()) {
  if (!file.endsWith('.js') || ['run-all.js', 'stats.js', 'generate-posts.js', 'bench-bots.js', 'peak-rss.js', 'real-shaped.js', 'profile-summary.js', 'growth-probe.js', 'meeting-run.js'].includes(file)) continue;
  const name = file.replace(/\.js$/, '');
  if (only.length ? !only.includes(name) : ON_REQUEST.includes(name)) continue;
  const mod = (await import(`./${file}`)) as { main?: () => Promise<void> };
  if (typeof mod.main !== 'function') continue;
  console.log(`\n== ${name}`);
  await mod.main();
}
