import type { Minutes, MinutesItem } from './minutes.js';
import { sectionKind, type PluginSection } from './plugin-additions.js';

/**
 * The sections of the minutes, in order, as one list every writer (text, Markdown, HTML) goes through: MeetBot's,
 * then each plugin's. A section is a title and its entries, which every writer draws the same way; only the few whose
 * shape is their own (the numbered actions carried from last time, the topics with their items, actions grouped by
 * owner) are drawn by each writer itself. A new section is one row here.
 */

/** One entry of a section. */
export interface SectionEntry {
  /** The minutes' own word before it ("AGREED"), never text from the meeting. */
  label?: string;
  /** What was said (its web addresses are links in HTML), or a person's name (`name`: never a link). */
  text: string;
  name?: boolean;
  /** A number after it: the lines a person said. */
  count?: number;
  /** Who said it, when, and on which line of the log (linked from the minutes). */
  said?: Pick<MinutesItem, 'nick' | 'at' | 'line'>;
}

/** The sections each writer draws its own way. */
export type SpecialSection = 'carried' | 'summary' | 'actions';

interface Section {
  /** Its anchor in the HTML minutes. */
  id: string;
  title: string;
}

export type MinutesSection =
  | (Section & { special: SpecialSection })
  | (Section & {
      entries(m: Minutes): SectionEntry[];
      /** With no entry: said so ('none'), or left out ('omit'). */
      empty: 'none' | 'omit';
    });

export const BUILT_IN_SECTIONS: readonly MinutesSection[] = [
  { id: 'carried', title: 'Open from last time', special: 'carried' },
  { id: 'summary', title: 'Meeting summary', special: 'summary' },
  // Decisions, and the results of votes (recorded as AGREED when a vote is closed).
  { id: 'agreed', title: 'Agreed', empty: 'none', entries: (m) => m.agreed.map((a) => ({ label: a.label, text: a.text })) },
  { id: 'actions', title: 'Action items, by person', special: 'actions' },
  { id: 'people', title: 'People present (lines said)', empty: 'none', entries: (m) => m.people.map((p) => ({ text: p.nick, name: true, count: p.lines })) },
];

/** A plugin's section: what its commands recorded, with who said it when; left out of minutes where nothing was. */
export function pluginSection(section: PluginSection): MinutesSection {
  const kind = sectionKind(section);
  return {
    // Plugin names and section ids have no '.': never one of the built-in anchors, nor another plugin's.
    id: `${section.plugin}.${section.id}`,
    title: section.title,
    empty: 'omit',
    entries: (m) => m.topics.flatMap((t) => t.items.filter((i) => i.kind === kind).map((i) => ({ text: i.text, said: i }))),
  };
}

/** Every section of these minutes, in order. */
export const sectionsOf = (m: Minutes): MinutesSection[] => [...BUILT_IN_SECTIONS, ...m.pluginSections.map(pluginSection)];
