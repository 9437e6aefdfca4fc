import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Classifier, type Explanation } from '../archive/classify/classify.js';
import { labelKey, measure, measureLines, parseLabels, type PostLabel } from '../archive/classify/eval.js';
import { evidenceText, verdict } from '../archive/classify/explain.js';
import { POST_KIND_NAMES } from '../archive/classify/post-kinds.js';
import { parsePost } from '../archive/parse-post.js';
import { isPostFile } from '../archive/permalink.js';
import type { Io } from './ask.js';
import { UsageError } from './ask.js';
import { classifyConfig } from '../archive/classify/config.js';
import { loadConfig } from '../config/load.js';

export const CLASSIFY_USAGE = 'usage: rdobot classify FILE|DIR... [--labels LABELS.yaml] [--json]';

interface Classified {
  file: string;
  title: string;
  explanation: Explanation;
}

/** The post files named: files as given, directories by their post files. */
function postFiles(paths: string[], cwd: string): string[] {
  return paths.flatMap((p) => {
    const path = resolve(cwd, p);
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch (err) {
      throw new UsageError(`${p}: cannot read it (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    return isDir ? readdirSync(path).filter(isPostFile).sort().map((name) => join(path, name)) : [path];
  });
}

function postLines(c: Classified): string[] {
  const ex = c.explanation;
  const kinds = ex.kinds.length ? ex.kinds.join(', ') + (ex.person ? ` (person: ${ex.person})` : '') : 'none';
  const lines = [`${basename(c.file)} — ${c.title}`, `  kinds: ${kinds}`];
  for (const s of ex.scores.filter((s) => s.evidence.length > 0)) {
    lines.push(`  ${verdict(s)}`, ...evidenceText(s).map((e) => `    ${e}`));
  }
  return lines;
}

const disagrees = (c: Classified, label: PostLabel | undefined) =>
  !label || POST_KIND_NAMES.some((k) => c.explanation.kinds.includes(k) !== label.kinds.includes(k));

/**
 * `rdobot classify`: each post's kinds with the evidence and scores behind them, under the configured rules
 * (RDOBOT_CONFIG's `classify:`). With --labels, only the posts the labels disagree with, then precision and recall.
 */
export async function classify(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { labels: { type: 'string' }, json: { type: 'boolean', default: false } } });
  if (positionals.length === 0) throw new UsageError(`no post file or directory given\n${CLASSIFY_USAGE}`);
  const config = loadConfig(io.env, io.cwd);
  const classifier = new Classifier(classifyConfig(config));
  let labels: Map<string, PostLabel> | undefined;
  if (values.labels !== undefined) {
    try {
      labels = parseLabels(readFileSync(resolve(io.cwd, values.labels), 'utf8'));
    } catch (err) {
      throw new UsageError(`--labels ${values.labels}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  const permalink = { baseUrl: config.baseUrl, pattern: config.permalink };
  const results: Classified[] = [];
  let failed = 0;
  for (const file of postFiles(positionals, io.cwd)) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      io.stderr.write(`rdobot: ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? 'error'})\n`);
      failed++;
      continue;
    }
    const parsed = parsePost(file, basename(file), text, { permalink, classifier, includeHidden: true });
    if (!('post' in parsed)) {
      const w = 'warning' in parsed ? parsed.warning : { file, reason: 'hidden' };
      io.stderr.write(`rdobot: ${file}${'line' in w && w.line ? ` line ${w.line}` : ''}: ${w.reason}\n`);
      failed++;
      continue;
    }
    results.push({ file, title: parsed.post.title, explanation: classifier.explain(parsed.post) });
  }
  if (values.json) {
    io.stdout.write(`${JSON.stringify(results.map((r) => ({ file: r.file, title: r.title, ...r.explanation })), null, 2)}\n`);
  } else {
    const shown = labels ? results.filter((r) => disagrees(r, labels.get(labelKey(r.file)))) : results;
    for (const r of shown) io.stdout.write(`${postLines(r).join('\n')}\n`);
    if (labels) {
      const predicted = results.map((r) => ({ key: labelKey(r.file), kinds: r.explanation.kinds, person: r.explanation.person }));
      io.stdout.write(`${measureLines('against the labels', measure(predicted, labels), false).join('\n')}\n`);
    }
  }
  return failed ? 1 : 0;
}
