import { DateTime } from 'luxon';
import { addressing } from '../adapters/addressing.js';
import { createBot } from '../src/main/compose.js';
import { fixedClock } from '../src/core/router.js';
import { communitySite } from '../src/web/bot-site.js';
import { percentile } from './stats.js';

/**
 * One archive size's answer times, in a process of its own (so each size's memory is its own): `!post search` over
 * varied words and the community page `/`, from a bot started on the archive with its post cache (argv: posts
 * directory, cache file). Prints one JSON line.
 */
const SEARCHES = 400;
const PAGES = 200;
const WORDS = ['neutron', 'packstack', 'tripleo', 'ceph storage', 'test day', 'keystone mitaka', 'tempest', 'centos', 'delorean', 'summit', 'kilo release', 'openstack on fedora', 'puppet', 'ansible', 'heat template', 'nova compute', 'swift', 'meetup', 'doc day', 'liberty'];

const [dir, cacheFile] = process.argv.slice(2);
const clock = fixedClock(DateTime.fromISO('2026-12-01T12:00:00Z', { zone: 'utc' }));
const bot = await createBot({ archiveDirs: [dir], postCache: cacheFile, clock, rateLimits: false });
const ask = (text: string) => bot.handle({ network: 'bench', room: '#rdo', isPrivate: false, user: { id: 'u', name: 'u', verified: true }, text, addressed: addressing(text, { prefix: '!', names: ['rdobot'] }, false), syntax: '!', time: new Date() });
const index = performance.now();
await ask('!post search warm up');
const indexMs = performance.now() - index;
const search: number[] = [];
for (let i = 0; i < SEARCHES; i++) {
  const t = performance.now();
  await ask(`!post search ${WORDS[i % WORDS.length]}`);
  search.push(performance.now() - t);
}
const site = communitySite(bot);
site.respond({ url: '/', host: '127.0.0.1:8080' });
const page: number[] = [];
for (let i = 0; i < PAGES; i++) {
  const t = performance.now();
  site.respond({ url: '/', host: '127.0.0.1:8080' });
  page.push(performance.now() - t);
}
const p = (xs: number[], q: number) => Number(percentile(xs, q).toFixed(2));
console.log(JSON.stringify({ posts: bot.archive.size, indexMs: Math.round(indexMs), search50: p(search, 50), search99: p(search, 99), page50: p(page, 50), page99: p(page, 99), rssMb: Math.round(process.memoryUsage().rss / 1048576) }));
await bot.stop();
bot.close();
