import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { requireViewer } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { describeFlagOutcome, flagReasonLabel } from "~/lib/flags";
import { formatDateTime, isoDate } from "~/lib/format";
import { usePageLanguage } from "~/components/reader-time";
import { listMemberFlags } from "~/models/flags.server";

export const meta: MetaFunction = () => [{ title: "Your flags · Roundtable" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = requireViewer(request, context);
  const flags = (await listMemberFlags(viewer.id)).map((flag) => ({
    ...flag,
    reasonText: flagReasonLabel(flag.reason),
    outcomeText: describeFlagOutcome(flag.outcome),
  }));
  return json({ flags });
}

export default function YourFlagsPage() {
  const language = usePageLanguage();
  const { flags } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow">
      <h1>Your flags</h1>
      <p className="lede">
        Posts you flagged for moderators, newest first, and what they decided. Only moderators see who flagged a post.
      </p>
      {flags.length ? (
        <ul className="card-list flag-list">
          {flags.map((flag) => (
            <li key={flag.id} className="card">
              <h2 className="card-title">
                {flag.thread ? (
                  <Link to={`/threads/${flag.thread.id}/${flag.thread.slug}`}>{flag.thread.title}</Link>
                ) : (
                  "A thread you can no longer see"
                )}
              </h2>
              <dl className="profile-facts small">
                <dt>Reason</dt>
                <dd>{flag.reasonText}</dd>
                <dt>Flagged</dt>
                <dd>
                  <time dateTime={isoDate(flag.createdAt)}>{formatDateTime(flag.createdAt, language)}</time> ·{" "}
                  <Link to={`/posts/${flag.postId}`}>the post</Link>
                </dd>
                <dt>Outcome</dt>
                <dd>
                  <strong className={flag.outcome === null ? "flag-outcome pending" : "flag-outcome"}>
                    {flag.outcomeText}
                  </strong>
                  {flag.resolvedAt ? (
                    <>
                      {" "}
                      on <time dateTime={isoDate(flag.resolvedAt)}>{formatDateTime(flag.resolvedAt, language)}</time>
                    </>
                  ) : null}
                </dd>
              </dl>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">
          You haven't flagged anything. If a post breaks the community's guidelines, use “Flag” under it to tell the
          moderators.
        </p>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
