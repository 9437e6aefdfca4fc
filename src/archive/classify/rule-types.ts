import type { PostKind } from './post-kinds.js';

/** Which part of a post a rule looks at. */
export type ClassifyField = 'title' | 'tags' | 'lead' | 'body' | 'media';

/** One piece of evidence for or against a kind. Rules are data: a config file may add or replace them. */
export interface ClassifyRule {
  kind: PostKind;
  /**
   * `title`; `tags` (each tag); `lead`, the opening of the body as plain text (about the first three paragraphs);
   * `body`, the whole Markdown/HTML body (line by line: `^` is a line start); `media`, the kind of each embedded
   * recording (`audio`, `video`, `player`).
   */
  field: ClassifyField;
  /**
   * A regular expression, case-insensitive. `{NAME}`, `{NAMES}`, `{MONTH}` and the other macros of the config are
   * expanded first. A `person` group names who is interviewed; the rule counts only when that group holds a name.
   */
  pattern: string;
  /** Evidence it adds; negative weight argues against the kind. */
  weight: number;
  /** How many matches (or media of that kind) the rule needs before it counts: speaker turns, links of a round-up. */
  min?: number;
  /** What the evidence is, for operators (`rdobot classify`, `!post why`). */
  label?: string;
  /** Rules of one group are one piece of evidence: only the weightiest that matched counts. */
  group?: string;
  /**
   * A cheap pattern the field must match before `pattern` is tried at all: for a rule that starts with a name, which
   * would otherwise be tried at every word of every post.
   */
  hint?: string;
}

export interface ClassifyConfig {
  /** Total weight a kind needs. */
  threshold: number;
  /** Per kind, instead of `threshold`. */
  thresholds?: Partial<Record<PostKind, number>>;
  rules: ClassifyRule[];
  /** Pattern pieces rules refer to as `{KEY}`. */
  macros?: Record<string, string>;
  /** Capitalised words that are never part of a person's name (series words, event and product names). */
  notNames?: string[];
}
