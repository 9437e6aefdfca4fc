/** Who holds a plugin's name already: a built-in family, or a plugin listed before it (`by` says which). */
export type NameHolder = { builtIn: true } | { builtIn: false; by: string };

/**
 * Why a plugin cannot have its name, if it cannot: the same words whether the clash is found when RDOBOT_PLUGINS is
 * loaded (against the built-in names and the plugins loaded so far) or when the plugins are hosted.
 */
export function nameClash(name: string, holder: NameHolder | undefined): string | undefined {
  if (!holder) return undefined;
  return holder.builtIn ? `the name ${name} is a built-in family's; the built-in wins` : `the name ${name} is taken by ${holder.by}, listed first; the first listed wins`;
}
