import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["tests/**/*.test.{ts,tsx}"],
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/per-file.ts"],
    // Each test file gets its own module graph, so its own database file (see tests/setup/per-file.ts).
    isolate: true,
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
