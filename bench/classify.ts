import { existsSync, readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { Classifier } from '../src/archive/classify/classify.js';
import { labelKey, lookAlikes, measureLines, measureSplits, parseLabels } from '../src/archive/classify/eval.js';
import { loadPostDirectory } from '../src/archive/loader.js';
import { DEFAULT_PERMALINK } from '../src/archive/permalink.js';
import { PROJECT_ROOT } from '../src/base/paths.js';
import { CORPUS_POSTS } from '../test/helpers/corpus.js';
import { announcedEvents } from '../src/schedule/announced/post-events.js';
import { datesMeasureLines, measureDates, parseDateLabels } from '../src/schedule/announced/eval-dates.js';
import { ms, report } from './stats.js';

export const LABELS_FILE = `${PROJECT_ROOT}test/labels/rdo-blog-labels.yaml`;
/** The dates posts announce, as a human reads them (issue 24). */
export const DATE_LABELS_FILE = `${PROJECT_ROOT}test/labels/rdo-announced-dates.yaml`;

/** The rules were developed on 2013–2015 only; 2016 is the untouched split they are judged on. */
export const SPLITS = [
  { name: 'development (2013-2015)', years: (y: number) => y <= 2015 },
  { name: 'held out (2016)', years: (y: number) => y === 2016 },
];

/** Classify benchmark: precision and recall per kind against the hand labels of the RDO blog. */
export async function main(): Promise<void> {
  if (!existsSync(CORPUS_POSTS)) {
    console.log(`classify: the RDO blog corpus is not at ${CORPUS_POSTS}; set RDOBOT_CORPUS to measure. Nothing measured.`);
    return;
  }
  const labels = parseLabels(readFileSync(LABELS_FILE, 'utf8'));
  const classifier = new Classifier();
  const started = performance.now();
  const { posts, hidden } = await loadPostDirectory(CORPUS_POSTS, { permalink: DEFAULT_PERMALINK, classifier });
  const loadMs = performance.now() - started;
  const predicted = posts.map((p) => ({ key: labelKey(p.source), kinds: p.kinds, person: p.person, year: p.date.year }));
  const results = measureSplits(predicted, labels, SPLITS);
  for (const { split, measure } of results) console.log(measureLines(split, measure).join('\n'));
  const taken = lookAlikes(predicted, labels);
  console.log(`look-alikes taken for interviews: ${taken.map((l) => `${l.note} ${l.taken.length}/${l.posts}`).join(', ')}`);
  for (const l of taken) for (const key of l.taken) console.log(`  ${l.note} taken for an interview: ${key}`);
  if (hidden) console.log(`(${hidden} post marked published: false is not classified)`);
  const heldOut = results[1].measure.kinds.find((k) => k.kind === 'interview')!;
  const pct = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));
  report('classify: 2016 interview precision', pct(heldOut.precision), '>= 0.95');
  report('classify: 2016 interview recall', pct(heldOut.recall), '>= 0.95');
  report('classify: load + classify per post', ms(loadMs / posts.length));

  // Dates announced in the posts' own words (test days, meetups, summits …), per split.
  const dateLabels = parseDateLabels(readFileSync(DATE_LABELS_FILE, 'utf8'));
  const readStarted = performance.now();
  const read = posts.map((p) => ({ key: labelKey(p.source), year: p.date.year, events: announcedEvents(p) }));
  const readMs = performance.now() - readStarted;
  const byDates = [...SPLITS, { name: 'all', years: () => true }].map((s) => ({ split: s.name, measure: measureDates(read.filter((r) => s.years(r.year)), dateLabels) }));
  for (const { split, measure } of byDates) console.log(datesMeasureLines(split, measure).join('\n'));
  report('classify: 2013-2015 announced dates precision', pct(byDates[0].measure.precision));
  report('classify: 2013-2015 announced dates recall', pct(byDates[0].measure.recall));
  report('classify: 2016 announced dates precision', pct(byDates[1].measure.precision), '>= 0.80');
  report('classify: 2016 announced dates recall', pct(byDates[1].measure.recall));
  report('classify: announced dates read per post', ms(readMs / posts.length));
  measureElsewhere();
}

/**
 * Dates read from announcements of other communities, never looked at while the rules were written:
 * `RDOBOT_HELDOUT=DIR[:DIR…]`, each holding `external-posts.json` (`[{key, title, date, body}]`) and `external-labels.yaml` (as
 * test/labels/rdo-announced-dates.yaml). Not kept in the project: the texts are not ours.
 */
function measureElsewhere(): void {
  for (const dir of (process.env.RDOBOT_HELDOUT ?? '').split(':').filter(Boolean)) {
    const raw = JSON.parse(readFileSync(`${dir}/external-posts.json`, 'utf8')) as { key: string; title: string; date: string; body: string }[];
    const labels = parseDateLabels(readFileSync(`${dir}/external-labels.yaml`, 'utf8'));
    const read = raw.map((p) => ({ key: p.key, events: announcedEvents({ title: p.title, body: p.body, date: DateTime.fromISO(p.date, { zone: 'utc' }) }) }));
    const m = measureDates(read, labels);
    console.log(datesMeasureLines(`elsewhere (${dir})`, m).join('\n'));
    report(`classify: ${dir} announced dates precision`, m.precision === null ? 'n/a' : m.precision.toFixed(3));
    report(`classify: ${dir} announced dates recall`, m.recall === null ? 'n/a' : m.recall.toFixed(3));
  }
}
