import { describe, expect, it } from "vitest";
import { workerHeapFlags } from "~/lib/cluster.server";

// The V8 heap limits a primary gives its workers (docs/decisions/0034).
describe("workers' heap flags", () => {
  it("hold each worker's heap in by default", () => {
    expect(workerHeapFlags({}, [])).toEqual(["--max-old-space-size=512", "--max-semi-space-size=8"]);
  });

  it("take their sizes from the environment, and 0 leaves V8's own", () => {
    expect(workerHeapFlags({ WORKER_OLD_SPACE_MB: "384", WORKER_SEMI_SPACE_MB: "0" }, [])).toEqual([
      "--max-old-space-size=384",
    ]);
    // Not a whole number of MB: the default.
    expect(workerHeapFlags({ WORKER_OLD_SPACE_MB: "lots" }, [])).toContain("--max-old-space-size=512");
  });

  it("leave a flag given on node's command line or in NODE_OPTIONS as it is", () => {
    expect(workerHeapFlags({}, ["--max-old-space-size=2048"])).toEqual(["--max-semi-space-size=8"]);
    expect(workerHeapFlags({ NODE_OPTIONS: "--max_semi_space_size=16" }, [])).toEqual(["--max-old-space-size=512"]);
  });
});
