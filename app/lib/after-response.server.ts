import { logError } from "./log.server";

// Work a request leaves for after its answer has gone out: sending email. The answer then costs the same
// whatever the work finds (a password reset must not tell, by its timing, whether an account exists), and a
// slow mail server never slows a page. The server runs each task once the response is finished (app/server.ts);
// a task that fails is logged. Tasks live in memory: a crash before they run loses them, and the person asks
// again (see docs/decisions/0014-account-email.md).

export type AfterResponse = (label: string, task: () => Promise<void>) => void;

const running = new Set<Promise<void>>();

/** Starts a task now, tracked until it ends. */
export function runAfterResponse(label: string, task: () => Promise<void>): void {
  const promise: Promise<void> = Promise.resolve()
    .then(task)
    .catch((error: unknown) => logError(error, { path: label }))
    .finally(() => running.delete(promise));
  running.add(promise);
}

/** Resolves once every task started so far (and any they start) has ended: for shutdown and tests. */
export async function settleAfterResponse(): Promise<void> {
  while (running.size) await Promise.all([...running]);
}
