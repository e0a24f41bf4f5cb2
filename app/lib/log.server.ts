// One line per event on stdout/stderr, JSON so a log collector can read it. Never log cookies or tokens.

export function logRequest(entry: { requestId: string; method: string; path: string; status: number; ms: number }) {
  if (process.env.LOG_REQUESTS === "0") return;
  process.stdout.write(
    `${entry.method} ${redactPath(entry.path)} ${entry.status} ${entry.ms.toFixed(1)}ms id=${entry.requestId}\n`,
  );
}

/** A path with the token of an emailed link (a password reset, a verification) left out. */
export function redactPath(path: string): string {
  return path.replace(/^\/(reset-password|verify-email)\/[^/]+/, "/$1/[token]");
}

export function logError(
  error: unknown,
  where: { requestId?: string; method?: string; path?: string; task?: string } = {},
) {
  const err = error instanceof Error ? error : new Error(String(error));
  process.stderr.write(`${JSON.stringify({ level: "error", ...where, message: err.message, stack: err.stack })}\n`);
}

export function logInfo(message: string) {
  process.stdout.write(`${message}\n`);
}
