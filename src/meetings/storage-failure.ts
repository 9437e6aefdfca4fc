/**
 * A write that failed for lack of a resource — the disk full, no file descriptor left, an I/O error — rather than
 * for what was written: it can succeed later, so the work is kept and tried again instead of dropped.
 */
export function isStorageFailure(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code && ['ENOSPC', 'EMFILE', 'ENFILE', 'EIO', 'EDQUOT', 'EFBIG', 'EAGAIN', 'ENOMEM', 'EROFS'].includes(code)) return true;
  const message = (err as Error | undefined)?.message ?? '';
  return code === 'ERR_SQLITE_ERROR' && /disk is full|disk I\/O error|unable to open|out of memory|database is locked|busy|readonly|too many open files/i.test(message);
}
