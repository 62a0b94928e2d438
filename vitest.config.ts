import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // The workflow parser imports its JSON schemas without import attributes; let vite load it.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'lcov', 'json-summary'],
    },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/actions/**/*.test.ts', 'test/*.test.ts'],
        },
      },
      {
        // Integration tests share one Docker engine, registry and proxies: scripts/test.sh runs
        // this project on its own with --no-file-parallelism, one file at a time.
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 300_000,
        },
      },
    ],
  },
});
