import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The web's pure modules are tested here too, in Node: they touch no DOM.
    include: ['src/**/*.test.ts', 'web/src/**/*.test.ts'],
    // Each test file gets its own database; files run in parallel on the two cores.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { VOUCH_LOG: 'silent', BETTER_AUTH_TELEMETRY: '0' },
  },
});
