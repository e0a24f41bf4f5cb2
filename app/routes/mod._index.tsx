import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { PlacesModCard } from "~/components/directory/places-mod-card";
import { requireModerator } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { isAdmin } from "~/lib/permissions";
import { countOpenFlaggedPosts } from "~/models/flags.server";
import { countWaitingMembers, isMemberApprovalOn } from "~/models/member-approval.server";

export const meta: MetaFunction = () => [{ title: "Moderation · Roundtable" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = requireModerator(request, context);
  const [flaggedPosts, waitingMembers] = await Promise.all([countOpenFlaggedPosts(), countWaitingMembers()]);
  return json({ flaggedPosts, waitingMembers, approvalOn: isMemberApprovalOn(), admin: isAdmin(viewer) });
}

export default function ModerationHome() {
  const { flaggedPosts, waitingMembers, approvalOn, admin } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow mod-page">
      <h1>Moderation</h1>
      <p className="lede">
        Keep Roundtable a good place to talk. Everything you do here is written to the moderation log.
      </p>
      <ul className="card-list mod-home">
        <li className="card">
          <h2 className="card-title">
            <Link to="/mod/flags">Flag queue</Link>
          </h2>
          <p>
            {flaggedPosts === 0
              ? "No posts are waiting for review."
              : `${flaggedPosts} ${flaggedPosts === 1 ? "post is" : "posts are"} waiting for review.`}
          </p>
        </li>
        {approvalOn || waitingMembers > 0 ? (
          <li className="card">
            <h2 className="card-title">
              <Link to="/mod/approvals">New members waiting</Link>
            </h2>
            <p>
              {waitingMembers === 0
                ? "Nobody is waiting for approval."
                : `${waitingMembers} new ${waitingMembers === 1 ? "member is" : "members are"} waiting for approval.`}
            </p>
          </li>
        ) : null}
        <li className="card">
          <h2 className="card-title">
            <Link to="/mod/log">Moderation log</Link>
          </h2>
          <p>Who did what, when and why; filter by moderator, action, member or date.</p>
        </li>
        <li className="card">
          <h2 className="card-title">
            <Link to="/mod/topics">Topics</Link>
          </h2>
          <p>Create, rename and describe topics, or merge one into another.</p>
        </li>
        <PlacesModCard />
        <li className="card">
          <h2 className="card-title">
            <Link to="/mod/prompts/new">Open a prompt</Link>
          </h2>
          <p>Start a conversation for everyone, and pin it to lead the home page.</p>
        </li>
        {admin ? (
          <li className="card">
            <h2 className="card-title">
              <Link to="/admin/members">Members and roles</Link>
            </h2>
            <p>Find members and make them moderators or admins.</p>
          </li>
        ) : null}
      </ul>
      <p className="muted">
        To suspend a member or keep a private note about them, open their profile and choose “Moderate this member”, or
        follow their name in the log.
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
