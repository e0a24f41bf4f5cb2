import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RoundList } from "~/components/rounds/round-list";
import { canManageRounds } from "~/lib/permissions";
import { listRounds } from "~/models/rounds.server";

export const meta: MetaFunction = () => [
  { title: "Rounds · Roundtable" },
  {
    name: "description",
    content: "The focus group, again and again: rounds of prompts that practitioners answer, and what they found.",
  },
];

export async function loader({ context }: LoaderFunctionArgs) {
  return json({ rounds: await listRounds(), canCreate: canManageRounds(context.viewer) });
}

export default function RoundsPage() {
  const { rounds, canCreate } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow">
      <h1>Rounds</h1>
      <p className="lede">
        Roundtable began as one focus group. A round asks everyone the same few questions for a while; when it closes,
        the moderators write up what practitioners said.
      </p>
      <p className="button-row">
        {canCreate ? (
          <Link to="/rounds/new" className="button-link">
            Start a round
          </Link>
        ) : null}
        <a href="/rounds/feed.atom">Atom feed of rounds as they open</a>
      </p>
      <section aria-labelledby="open-heading">
        <h2 id="open-heading">Open now</h2>
        {rounds.open.length ? (
          <RoundList rounds={rounds.open} />
        ) : (
          <p className="empty-state">No round is open right now.</p>
        )}
      </section>
      {rounds.upcoming.length ? (
        <section aria-labelledby="upcoming-heading">
          <h2 id="upcoming-heading">Coming up</h2>
          <RoundList rounds={rounds.upcoming} />
        </section>
      ) : null}
      <section aria-labelledby="past-heading">
        <h2 id="past-heading">Past rounds</h2>
        {rounds.closed.length ? <RoundList rounds={rounds.closed} /> : <p className="empty-state">None yet.</p>}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
