import { fileURLToPath } from 'node:url';

/** The project's root (compiled code runs from dist/src/, two levels down). */
export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The sample archive `npm start` serves when nothing else is configured. */
export const SAMPLE = {
  posts: `${PROJECT_ROOT}examples/posts`,
  events: `${PROJECT_ROOT}examples/events`,
  meetings: `${PROJECT_ROOT}examples/meetings`,
};
