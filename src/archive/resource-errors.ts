/**
 * Errors that say the bot ran short of something (descriptors, memory, disk or inotify watches), not that a file is
 * bad or gone: what failed with one of them is tried again until it works, and said once.
 */
const RESOURCE_CODES = new Set(['EMFILE', 'ENFILE', 'ENOSPC', 'ENOMEM', 'EAGAIN']);

export const lackOfResource = (err: unknown): boolean => RESOURCE_CODES.has((err as NodeJS.ErrnoException | null)?.code ?? '');

/** The warning for a file not read for lack of a resource. */
export const resourceReason = (err: unknown): string =>
  `cannot read it for lack of a resource (${(err as NodeJS.ErrnoException).code}); it is read again until it loads`;
