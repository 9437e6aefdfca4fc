/**
 * The one way rdobot imports zod. zod's every entry imports all its locales (some ninety modules), which cost a
 * one-shot start ≈40–60 ms to resolve and load one by one; `npm run build` (and `npm test`, `npm ci`) replaces this
 * module's output with zod bundled into one file (esbuild, package.json "bundle:zod"), which loads in a fraction of
 * that. Built by `tsc` alone it stays this re-export: the same zod, loaded module by module. Every import goes
 * through here so that one process holds one zod, whichever way it was built (test/architecture/zod.test.ts).
 */
export { z } from 'zod';
