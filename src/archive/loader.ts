import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parsePost, type ParseOptions } from './parse-post.js';
import { isPostFile } from './permalink.js';
import type { LoadWarning, Post } from './post.js';

const READ_BATCH = 64;

export interface LoadResult {
  posts: Post[];
  warnings: LoadWarning[];
  /** Posts marked `published: false`. */
  hidden: number;
}

/** Every post file of a directory (not recursive, as Middleman's source/blog). Broken files become warnings. */
export async function loadPostDirectory(dir: string, options: ParseOptions): Promise<LoadResult> {
  const result: LoadResult = { posts: [], warnings: [], hidden: 0 };
  let names: string[];
  try {
    names = (await readdir(dir)).filter(isPostFile).sort();
  } catch (err) {
    result.warnings.push({ file: dir, reason: `cannot read directory: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` });
    return result;
  }
  // Read in small batches: all files at once would hold the whole archive's text in memory at the peak.
  for (let from = 0; from < names.length; from += READ_BATCH) {
    const batch = names.slice(from, from + READ_BATCH);
    const texts = await Promise.all(batch.map((name) => readFile(join(dir, name), 'utf8').then((t) => t, (e: Error) => e)));
    batch.forEach((name, i) => {
      const file = join(dir, name);
      const text = texts[i];
      if (text instanceof Error) {
        result.warnings.push({ file, reason: `cannot read file: ${(text as NodeJS.ErrnoException).code ?? text.message}` });
        return;
      }
      const parsed = parsePost(file, name, text, options);
      if ('post' in parsed) result.posts.push(parsed.post);
      else if ('hidden' in parsed) result.hidden++;
      else result.warnings.push(parsed.warning);
    });
  }
  return result;
}
