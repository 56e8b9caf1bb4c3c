import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property tests and end-to-end tests spawn processes and do real work; on a loaded 2-core CI machine the
    // default 5 s is too tight. Speed is measured by bench/, never by timeouts here.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
