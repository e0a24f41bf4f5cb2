import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pager, ReplyList, ThreadList, useQueryLink } from "~/components/thread-list";
import { formatDate } from "~/lib/format";
import { usePageLanguage } from "~/components/reader-time";
import { buildShareCard } from "~/lib/share-card.server";
import { shareMeta } from "~/lib/share-meta";
import { canEditProfile, isModerator } from "~/lib/permissions";
import { getMemberProfile, isHandleReserved } from "~/models/members.server";
import { isMemberSection, listMemberActivity, type MemberSection } from "~/models/member-activity.server";
import { listUnreadStates } from "~/models/thread-reads.server";
import { parseCursor } from "~/models/thread-lists.server";
import { i18nFor, languageOfMatches } from "~/lib/i18n";
import { useTranslation } from "react-i18next";
import { tr } from "~/lib/translate";
import { PeopleLikeSection, ProfileDirectoryFacts } from "~/components/directory/profile-directory";
import { loadProfileDirectory } from "~/models/peers.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  return data
    ? [
        {
          title: t("errors:documentTitle", {
            title: t("account:member.title", { name: data.profile.displayName, handle: data.profile.handle }),
          }),
        },
        {
          tagName: "link",
          rel: "alternate",
          type: "application/atom+xml",
          title: t("account:member.feedTitle", { name: data.profile.displayName }),
          href: `/members/${data.profile.handle}/feed.atom`,
        },
        ...shareMeta(data.share),
      ]
    : [{ title: t("errors:documentTitle", { title: t("account:member.notFoundTitle") }) }];
};

// Each tab's label: account:member.tabs.<section>.
const SECTION_TABS: MemberSection[] = ["stories", "discussions", "replies"];

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const search = new URL(request.url).searchParams;
  const section = search.get("section") || "stories";
  if (!isMemberSection(section)) throw new Response(tr("account:member.chooseSection"), { status: 400 });
  const after = search.get("after") || undefined;
  if (after !== undefined && !parseCursor(after)) throw new Response(tr("account:member.badCursor"), { status: 400 });
  const profile = await getMemberProfile(params.handle ?? "");
  if (!profile) {
    const deleted = await isHandleReserved(params.handle ?? "");
    throw new Response(tr(deleted ? "account:member.deleted" : "account:member.notFound"), { status: 404 });
  }
  const activity = await listMemberActivity({ memberId: profile.id, section, after });
  const unread =
    context.viewer && activity.section !== "replies"
      ? await listUnreadStates(
          context.viewer,
          activity.items.map((thread) => thread.id),
        )
      : {};
  const share = buildShareCard(request, {
    path: `/members/${profile.handle}`,
    title: profile.displayName,
    type: "profile",
    html: profile.bioHtml,
    fallback: profile.organization
      ? tr("account:member.shareWithOrganization", { name: profile.displayName, organization: profile.organization })
      : tr("account:member.share", { name: profile.displayName }),
  });
  const directory = await loadProfileDirectory(profile.id, context.viewer);
  return json({
    profile,
    directory,
    share,
    activity,
    unread,
    isFirstPage: !after,
    canEdit: canEditProfile(context.viewer, profile.id),
    canModerate: isModerator(context.viewer),
  });
}

export default function MemberProfilePage() {
  const language = usePageLanguage();
  const { t } = useTranslation("account");
  const { profile, directory, activity, unread, isFirstPage, canEdit, canModerate } = useLoaderData<typeof loader>();
  const link = useQueryLink();
  return (
    <div className="page narrow">
      <header className="profile-header">
        <h1>{profile.displayName}</h1>
        <p className="muted">
          @{profile.handle}
          {profile.role !== "member" ? <span className="badge">{t(`member.role.${profile.role}`)}</span> : null}
        </p>
        {canEdit ? (
          <p>
            <Link to="/settings/profile">{t("member.edit")}</Link>
          </p>
        ) : null}
        {canModerate ? (
          <p>
            <Link to={`/mod/members/${profile.handle}`}>{t("member.moderate")}</Link>
          </p>
        ) : null}
      </header>
      <dl className="profile-facts">
        {profile.organization ? (
          <>
            <dt>{t("member.organization")}</dt>
            <dd>{profile.organization}</dd>
          </>
        ) : null}
        {profile.location ? (
          <>
            <dt>{t("member.location")}</dt>
            <dd>{profile.location}</dd>
          </>
        ) : null}
        {profile.fields.length ? (
          <>
            <dt>{t("member.fields")}</dt>
            <dd>
              <ul className="tag-list">
                {profile.fields.map((field) => (
                  <li key={field.slug}>
                    <Link to={`/topics/${field.slug}`} className="tag">
                      {field.name}
                    </Link>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        <dt>{t("member.joined")}</dt>
        <dd>{formatDate(profile.joinedAt, language)}</dd>
      </dl>
      <ProfileDirectoryFacts displayName={profile.displayName} {...directory} />
      {profile.bioHtml ? (
        <section aria-labelledby="bio-heading">
          <h2 id="bio-heading">{t("member.about")}</h2>
          <div className="prose" dangerouslySetInnerHTML={{ __html: profile.bioHtml }} />
        </section>
      ) : null}
      <section aria-labelledby="activity-heading" className="member-activity">
        <h2 id="activity-heading">{t("member.activity")}</h2>
        <nav aria-label={t("member.activity")} className="choice-links tabs">
          {SECTION_TABS.map((tab) => (
            <Link
              key={tab}
              to={link({ section: tab === "stories" ? null : tab, after: null })}
              aria-current={activity.section === tab ? "page" : undefined}
            >
              {t(`member.tabs.${tab}`)}
            </Link>
          ))}
        </nav>
        {activity.items.length === 0 ? (
          <p className="empty-state">
            {t(`member.${isFirstPage ? "none" : "noMore"}.${activity.section}`, { name: profile.displayName })}
          </p>
        ) : activity.section === "replies" ? (
          <ReplyList replies={activity.items} />
        ) : (
          <ThreadList threads={activity.items} unread={unread} showKind={false} />
        )}
        <Pager nextCursor={activity.nextCursor} label={t(`member.older.${activity.section}`)} />
      </section>
      <PeopleLikeSection displayName={profile.displayName} {...directory} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
