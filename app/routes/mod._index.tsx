import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireModerator } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { pageTitle } from "~/lib/moderation";
import { isAdmin } from "~/lib/permissions";
import { countOpenFlaggedPosts } from "~/models/flags.server";
import { countWaitingMembers, isMemberApprovalOn } from "~/models/member-approval.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "moderation:home.title") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = requireModerator(request, context);
  const [flaggedPosts, waitingMembers] = await Promise.all([countOpenFlaggedPosts(), countWaitingMembers()]);
  return json({ flaggedPosts, waitingMembers, approvalOn: isMemberApprovalOn(), admin: isAdmin(viewer) });
}

export default function ModerationHome() {
  const { flaggedPosts, waitingMembers, approvalOn, admin } = useLoaderData<typeof loader>();
  const { t } = useTranslation("moderation");
  return (
    <div className="page narrow mod-page">
      <h1>{t("home.title")}</h1>
      <p className="lede">{t("home.lede")}</p>
      <ul className="card-list mod-home">
        <li className="card">
          <h2 className="card-title">
            <Link to="/mod/flags">{t("home.flagQueue")}</Link>
          </h2>
          <p>{flaggedPosts === 0 ? t("home.noFlaggedPosts") : t("home.flaggedPosts", { count: flaggedPosts })}</p>
        </li>
        {approvalOn || waitingMembers > 0 ? (
          <li className="card">
            <h2 className="card-title">
              <Link to="/mod/approvals">{t("home.approvals")}</Link>
            </h2>
            <p>
              {waitingMembers === 0 ? t("home.nobodyWaiting") : t("home.membersWaiting", { count: waitingMembers })}
            </p>
          </li>
        ) : null}
        <li className="card">
          <h2 className="card-title">
            <Link to="/mod/log">{t("home.log")}</Link>
          </h2>
          <p>{t("home.logText")}</p>
        </li>
        <li className="card">
          <h2 className="card-title">
            <Link to="/mod/topics">{t("home.topics")}</Link>
          </h2>
          <p>{t("home.topicsText")}</p>
        </li>
        <li className="card">
          <h2 className="card-title">
            <Link to="/mod/prompts/new">{t("home.prompt")}</Link>
          </h2>
          <p>{t("home.promptText")}</p>
        </li>
        {admin ? (
          <li className="card">
            <h2 className="card-title">
              <Link to="/admin/members">{t("home.members")}</Link>
            </h2>
            <p>{t("home.membersText")}</p>
          </li>
        ) : null}
      </ul>
      <p className="muted">{t("home.suspendHint")}</p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
