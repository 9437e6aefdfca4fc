/**
 * A state store found missing, emptied or corrupt (set aside, perhaps restored from a snapshot: src/base/state-keeper.ts)
 * leaves /healthz `degraded` until the operator has looked and removed its note from `set-aside/`: the bot runs, but
 * something it held may be gone. `stores` is what the bot adds to /healthz: `{ count, first: [...] }`.
 */
export function storesDegraded(facts: Record<string, unknown>): boolean {
  const stores = facts.stores as { count?: unknown } | undefined;
  return typeof stores?.count === 'number' && stores.count > 0;
}
