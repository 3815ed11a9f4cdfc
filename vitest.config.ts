import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20000,
    hookTimeout: 60000,
    // CLI tests spawn the built binary; build once before any test file runs.
    globalSetup: ['test/global-setup.ts'],
  },
});
