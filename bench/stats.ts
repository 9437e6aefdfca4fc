/** Percentile of a list of durations (ms), nearest-rank. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const ms = (n: number) => `${n.toFixed(3)} ms`;

/** One benchmark result line, easy to grep: `name: value (target …)`. */
export function report(name: string, value: string, target?: string): void {
  console.log(`${name.padEnd(42)} ${value}${target ? `   (target ${target})` : ''}`);
}
