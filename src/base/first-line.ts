/** An error's first line, whatever was thrown (an object whose toString throws too): for a warning about one file. */
export function firstLine(err: unknown): string {
  try {
    return (err instanceof Error ? err.message : String(err)).split('\n')[0].slice(0, 200);
  } catch {
    return 'unknown error';
  }
}
