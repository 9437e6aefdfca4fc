import { z } from '../../base/zod.js';
import { Classifier, DEFAULT_CLASSIFY, type ClassifyConfig } from './classify.js';
import { POST_KIND_NAMES } from './post-kinds.js';
import { ConfigError } from '../../base/errors.js';
import type { CoreConfig } from '../../config/load.js';

const kind = z.enum(POST_KIND_NAMES);

const ruleSchema = z.strictObject({
  kind,
  field: z.enum(['title', 'tags', 'lead', 'body', 'media']),
  pattern: z.string().min(1),
  weight: z.number(),
  min: z.number().int().positive().optional(),
  label: z.string().optional(),
  group: z.string().optional(),
});

/** `classify:` in RDOBOT_CONFIG: rules added to the built-in ones (or, with `replace: true`, instead of them). */
const classifySchema = z.strictObject({
  replace: z.boolean().default(false),
  threshold: z.number().optional(),
  thresholds: z.partialRecord(kind, z.number()).optional(),
  rules: z.array(ruleSchema).default([]),
  macros: z.record(z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'expected macro names in capitals, such as NAME'), z.string()).optional(),
  not_names: z.array(z.string()).optional(),
});

/** The classify rules the configuration asks for: the built-in ones unless the YAML file's `classify:` changes them. */
export function classifyConfig(config: CoreConfig): ClassifyConfig {
  const raw = config.file.classify;
  if (raw === undefined) return DEFAULT_CLASSIFY;
  const where = (path: PropertyKey[]) => {
    const line = config.lineOf(['classify', ...path]);
    return `config error: ${config.filePath}${line ? ` line ${line}` : ''}: ${['classify', ...path].map(String).join('.')}`;
  };
  const parsed = classifySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${where(issue.path)}: ${issue.message}`);
  }
  const c = parsed.data;
  const base = c.replace ? { ...DEFAULT_CLASSIFY, rules: [] } : DEFAULT_CLASSIFY;
  const result: ClassifyConfig = {
    threshold: c.threshold ?? base.threshold,
    thresholds: { ...base.thresholds, ...c.thresholds },
    macros: { ...base.macros, ...c.macros },
    notNames: [...(base.notNames ?? []), ...(c.not_names ?? [])],
    rules: [...base.rules, ...c.rules],
  };
  // Each added rule is compiled now, so a bad pattern stops start-up with its line.
  c.rules.forEach((rule, i) => {
    try {
      new Classifier({ ...result, rules: [rule] });
    } catch (err) {
      throw new ConfigError(`${where(['rules', i, 'pattern'])}: ${(err as Error).message.replace(/^classify rule for \w+ on \w+: /, '')}`);
    }
  });
  return result;
}
