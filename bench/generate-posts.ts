import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { DateTime } from 'luxon';

const RELEASES = ['austin', 'bexar', 'cactus', 'diablo', 'essex', 'folsom', 'grizzly', 'havana', 'icehouse', 'juno', 'kilo', 'liberty', 'mitaka'];
const TOPICS = ['packaging', 'keystone', 'neutron', 'tempest', 'tripleo', 'ceph', 'ci', 'documentation', 'nova', 'swift'];

/** The title of the newest interview among `count` generated posts (the answer to `!interview latest`). */
export function latestInterviewTitle(count: number): string {
  const i = Math.floor((count - 1) / 10) * 10;
  return `What did you do in ${RELEASES[i % RELEASES.length]}? Person Number${i}`;
}

/** Write `count` Middleman posts from a template into `dir`; every tenth one an interview. */
export function generatePosts(dir: string, count: number): void {
  mkdirSync(dir, { recursive: true });
  const start = DateTime.fromISO('2010-01-01T08:00:00Z', { zone: 'utc' });
  for (let i = 0; i < count; i++) {
    const date = start.plus({ hours: 7 * i });
    const release = RELEASES[i % RELEASES.length];
    const topic = TOPICS[i % TOPICS.length];
    const interview = i % 10 === 0;
    const title = interview ? `What did you do in ${release}? Person Number${i}` : `Post ${i} about ${topic} in ${release}`;
    const body = [
      `This is post number ${i}, about ${topic} during the ${release} cycle. It has a [link](https://example.org/${i}) and *emphasis*.`,
      interview
        ? `<audio controls><source src="https://media.example.org/${i}.mp3" type="audio/mpeg"></audio>\n\n**Host**: Welcome, and thanks for joining us.\n\n**Guest**: Thanks for having me on the show.\n\n**Host**: What did you work on in ${release}?\n\n**Guest**: Mostly ${topic}, and the tests around it.`
        : '',
      `## Details\n\n${`Some more text about ${topic} and ${release} with several words to index. `.repeat(12)}`,
      `- item one\n- item two\n- item three`,
    ].join('\n\n');
    const fileName = `${date.toFormat('yyyy-MM-dd')}-post-${i}.html.md`;
    const zone = i % 3 === 0 ? ' UTC' : '';
    writeFileSync(
      join(dir, fileName),
      `---\ntitle: '${title}'\nauthor: author${i % 17}\ndate: ${date.toFormat('yyyy-MM-dd HH:mm:ss')}${zone}\ntags: ${topic}, ${release}${interview ? ', podcast' : ''}\n---\n\n${body}\n`,
    );
  }
}

/** Generate in a child process, so the benchmark's own memory holds only what the bot keeps. */
export function generatePostsApart(dir: string, count: number): void {
  execFileSync(process.execPath, [fileURLToPath(import.meta.url), dir, String(count)], { stdio: 'inherit' });
}

if (import.meta.url === `file://${process.argv[1]}`) generatePosts(process.argv[2], Number(process.argv[3]));
