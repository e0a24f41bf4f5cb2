import { queueFacilitationSummaries } from "~/models/facilitation-mail.server";
import { runMailQueue } from "~/models/mail-run.server";
import { logError, logInfo } from "./log.server";

// The server's mail sender: a pass over the mail queue every MAIL_WORKER_INTERVAL_SECONDS (30), never two at
// once in this process. MAIL_WORKER=0 turns it off (then run `npm run mail:send` from cron; both together are
// safe too).

function intervalMs(): number {
  const seconds = Number(process.env.MAIL_WORKER_INTERVAL_SECONDS);
  return process.env.MAIL_WORKER_INTERVAL_SECONDS && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 30_000;
}

export interface MailWorker {
  /** Stops the timer and waits for a pass in progress, so the database can close under it. */
  stop(): Promise<void>;
}

export function startMailWorker(origin: string): MailWorker {
  let pass: Promise<void> | null = null;
  const tick = () => {
    if (pass) return;
    // The moderators' weekly summary joins the queue once its week's time has come (a no-op otherwise).
    pass = queueFacilitationSummaries()
      .then(() => runMailQueue({ origin }))
      .then(
        (report) => {
          const { requeued, foundSent, uncertain } = report.recovered;
          for (const failed of report.failed)
            logInfo(`mail: could not send to member ${failed.memberId}: ${failed.error} (retried later)`);
          if (report.sent.length || report.failed.length || requeued + foundSent + uncertain)
            logInfo(
              `mail: ${report.sent.length} sent, ${report.failed.length} failed` +
                (requeued + foundSent + uncertain
                  ? `; after a stopped sender ${requeued} queued again, ${foundSent} found sent, ${uncertain} uncertain`
                  : ""),
            );
        },
        (error: unknown) => logError(error, { path: "mail-worker" }),
      )
      .finally(() => {
        pass = null;
      });
  };
  const timer = setInterval(tick, intervalMs());
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await pass;
    },
  };
}
