import { describe, expect, it } from "vitest";
import { summarize } from "../../.ci/summary.mjs";

// Shapes taken from vitest's JSON reports of throwaway files (a beforeAll that throws, a missing import).
const passed = { status: "passed" };
const failed = { status: "failed" };
const skipped = { status: "skipped" };
const report = (
  files: Array<{ status: string; tests: Array<{ status: string }> }>,
  counts: { passed: number; failed: number; pending: number },
  success: boolean,
) => ({
  numPassedTests: counts.passed,
  numFailedTests: counts.failed,
  numPendingTests: counts.pending,
  numTodoTests: 0,
  success,
  testResults: files.map((f) => ({ status: f.status, assertionResults: f.tests })),
});

describe(".ci/run's summary line", () => {
  it("counts a file whose beforeAll threw as a failure, its tests as skipped", () => {
    const hookFailed = { status: "failed", tests: [skipped, skipped, passed, passed] };
    expect(summarize(report([hookFailed], { passed: 2, failed: 0, pending: 2 }, false), 1)).toBe(
      "2 passed, 1 failed, 2 skipped",
    );
  });

  it("counts a file that failed to import as a failure", () => {
    const importFailed = { status: "failed", tests: [] };
    expect(summarize(report([importFailed], { passed: 0, failed: 0, pending: 0 }, false), 1)).toBe(
      "0 passed, 1 failed",
    );
  });

  it("counts failed tests once, not their file again", () => {
    const file = { status: "failed", tests: [failed, passed, failed] };
    const ok = { status: "passed", tests: [passed] };
    expect(summarize(report([file, ok], { passed: 2, failed: 2, pending: 0 }, false), 1)).toBe("2 passed, 2 failed");
  });

  it("counts a failed exit with nothing else failed (an unhandled error) as one failure", () => {
    const ok = { status: "passed", tests: [passed, passed] };
    expect(summarize(report([ok], { passed: 2, failed: 0, pending: 0 }, true), 1)).toBe("2 passed, 1 failed");
    expect(summarize(report([ok], { passed: 2, failed: 0, pending: 0 }, true), 0)).toBe("2 passed, 0 failed");
  });
});
