import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// A throwaway PostgreSQL server for the tests and the benchmark (npm run bench -- --engine postgres): Debian's
// postgresql binaries, a data folder in /tmp, a Unix socket only (no TCP port to collide on). initdb refuses
// to run as root, so as root it runs as `postgres`. Not part of the app: it never starts a server itself.

export interface PostgresServer {
  /** A connection URL for `database` on this server. */
  url(database: string): string;
  stop(): void;
}

export function postgresBinDir(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], "bin") : undefined;
}

export interface PostgresServerOptions {
  /**
   * Commits wait for the disk, as on a production server (PostgreSQL's defaults; the benchmark, to compare
   * with SQLite's synchronous=FULL). Off by default: the tests' server is thrown away, and the app's own
   * crash tests kill the app, not the server.
   */
  durable?: boolean;
}

export function startPostgresServer({ durable = false }: PostgresServerOptions = {}): PostgresServer {
  const bin = postgresBinDir();
  if (!bin) throw new Error("PostgreSQL is not installed: apt-get install postgresql (bash .ci/run does).");
  const dir = mkdtempSync(join(tmpdir(), "roundtable-pg-"));
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? "postgres" : (process.env.USER ?? "postgres");
  if (asRoot) {
    const ids = execFileSync("id", ["-u", "postgres"]).toString().trim();
    const gid = execFileSync("id", ["-g", "postgres"]).toString().trim();
    chownSync(dir, Number(ids), Number(gid));
  }
  chmodSync(dir, 0o700);
  const run = (program: string, args: string[]) => {
    const command = asRoot ? "runuser" : join(bin, program);
    const argv = asRoot ? ["-u", "postgres", "--", join(bin, program), ...args] : args;
    const result = spawnSync(command, argv, { encoding: "utf8", cwd: "/" });
    if (result.status !== 0)
      throw new Error(`${program} failed (${result.status}): ${result.stderr || result.stdout || result.error}`);
  };
  const data = join(dir, "data");
  run("initdb", ["-D", data, "-U", user, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "-N"]);
  const options = [
    `-k ${dir}`,
    "-c listen_addresses=''",
    "-c max_connections=300",
    ...(durable
      ? []
      : ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off", "-c shared_buffers=64MB"]),
  ].join(" ");
  run("pg_ctl", ["-D", data, "-o", options, "-l", join(dir, "server.log"), "-w", "-t", "60", "start"]);
  return {
    url: (database) => `postgres://${encodeURIComponent(user)}@localhost/${database}?host=${encodeURIComponent(dir)}`,
    stop: () => {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
