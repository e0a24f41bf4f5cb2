// The one summary line .ci/run prints from vitest's JSON report: "N passed, N failed" and ", N skipped" when
// any were. Usage: node .ci/summary.mjs <report.json> [vitest's exit code]
//
// vitest counts only tests. A test file that fails to import, or whose beforeAll/afterAll throws, has no
// failed test (its tests are "skipped" or absent) yet fails the run: each failed file without a failed test
// counts as one failure here. An error outside any test (vitest's "unhandled errors") is not in the report
// at all, only in the exit code: a non-zero exit with nothing else failed counts as one. A red run never
// reads "0 failed".
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

/**
 * @param {{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number;
 *   success: boolean; testResults: Array<{ status: string; assertionResults: Array<{ status: string }> }> }} report
 * @param {number} [exitCode] vitest's exit code, when known
 */
export function summarize(report, exitCode = 0) {
  const failedFilesWithoutFailedTest = report.testResults.filter(
    (file) => file.status === "failed" && !file.assertionResults.some((test) => test.status === "failed"),
  ).length;
  let failed = report.numFailedTests + failedFilesWithoutFailedTest;
  if (failed === 0 && (!report.success || exitCode !== 0)) failed = 1;
  const skipped = report.numPendingTests + report.numTodoTests;
  return `${report.numPassedTests} passed, ${failed} failed` + (skipped > 0 ? `, ${skipped} skipped` : "");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const report = JSON.parse(readFileSync(process.argv[2], "utf8"));
  console.log(summarize(report, Number(process.argv[3] ?? 0)));
}
