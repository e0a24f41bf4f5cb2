import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

// Two runs: every test on SQLite (the embedded default), and the model, route, security, db and reliability
// suites again on a throwaway PostgreSQL server (tests/setup/global-setup-postgres.ts). The browser journeys
// stay on SQLite: what they add over the route tests is the browser, not the engine.
const ENGINE_NEUTRAL = ["models", "routes", "security", "db", "reliability", "lib"].map(
  (d) => `tests/${d}/**/*.test.ts`,
);
// What exists on SQLite alone (the raw driver, file backups, the file-level scrub).
const SQLITE_ONLY = [
  "tests/db/sqlite-driver.test.ts",
  "tests/db/fts5-search.test.ts",
  "tests/reliability/backup.test.ts",
];

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    setupFiles: ["tests/setup/per-file.ts"],
    // Each test file gets its own module graph, so its own database (see tests/setup/per-file.ts).
    isolate: true,
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: "sqlite",
          include: ["tests/**/*.test.{ts,tsx}"],
          // db:copy copies SQLite into PostgreSQL: it needs the PostgreSQL run's server. Several instances on
          // one database is what PostgreSQL serves; on SQLite one process serves.
          exclude: ["tests/db/copy.test.ts", "tests/instances/**"],
          globalSetup: ["tests/setup/global-setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "postgres",
          // tests/instances: several app instances on one database, which only PostgreSQL serves.
          include: [...ENGINE_NEUTRAL, "tests/instances/**/*.test.ts"],
          exclude: SQLITE_ONLY,
          globalSetup: ["tests/setup/global-setup-postgres.ts"],
        },
      },
    ],
  },
});
