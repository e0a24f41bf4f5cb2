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

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: `${data.profile.displayName} (@${data.profile.handle}) · Roundtable` },
        {
          tagName: "link",
          rel: "alternate",
          type: "application/atom+xml",
          title: `Threads by ${data.profile.displayName}`,
          href: `/members/${data.profile.handle}/feed.atom`,
        },
        ...shareMeta(data.share),
      ]
    : [{ title: "Member not found · Roundtable" }];

const SECTION_TABS: Array<{ value: MemberSection; label: string }> = [
  { value: "stories", label: "Stories" },
  { value: "discussions", label: "Discussions" },
  { value: "replies", label: "Replies" },
];

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const search = new URL(request.url).searchParams;
  const section = search.get("section") || "stories";
  if (!isMemberSection(section)) throw new Response("Choose stories, discussions or replies.", { status: 400 });
  const after = search.get("after") || undefined;
  if (after !== undefined && !parseCursor(after))
    throw new Response("That page link is not valid. Start again from the first page.", { status: 400 });
  const profile = await getMemberProfile(params.handle ?? "");
  if (!profile) {
    const deleted = await isHandleReserved(params.handle ?? "");
    throw new Response(deleted ? "This account was deleted." : "There is no member with that handle.", { status: 404 });
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
    fallback: `${profile.displayName}${profile.organization ? `, ${profile.organization},` : ""} on Roundtable: their stories, discussions and replies.`,
  });
  return json({
    profile,
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
  const { profile, activity, unread, isFirstPage, canEdit, canModerate } = useLoaderData<typeof loader>();
  const link = useQueryLink();
  return (
    <div className="page narrow">
      <header className="profile-header">
        <h1>{profile.displayName}</h1>
        <p className="muted">
          @{profile.handle}
          {profile.role !== "member" ? <span className="badge">{profile.role}</span> : null}
        </p>
        {canEdit ? (
          <p>
            <Link to="/settings/profile">Edit your profile</Link>
          </p>
        ) : null}
        {canModerate ? (
          <p>
            <Link to={`/mod/members/${profile.handle}`}>Moderate this member</Link>
          </p>
        ) : null}
      </header>
      <dl className="profile-facts">
        {profile.organization ? (
          <>
            <dt>Organization</dt>
            <dd>{profile.organization}</dd>
          </>
        ) : null}
        {profile.location ? (
          <>
            <dt>Location</dt>
            <dd>{profile.location}</dd>
          </>
        ) : null}
        {profile.fields.length ? (
          <>
            <dt>Fields of practice</dt>
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
        <dt>Joined</dt>
        <dd>{formatDate(profile.joinedAt, language)}</dd>
      </dl>
      {profile.bioHtml ? (
        <section aria-labelledby="bio-heading">
          <h2 id="bio-heading">About</h2>
          <div className="prose" dangerouslySetInnerHTML={{ __html: profile.bioHtml }} />
        </section>
      ) : null}
      <section aria-labelledby="activity-heading" className="member-activity">
        <h2 id="activity-heading">Activity</h2>
        <nav aria-label="Activity" className="choice-links tabs">
          {SECTION_TABS.map((tab) => (
            <Link
              key={tab.value}
              to={link({ section: tab.value === "stories" ? null : tab.value, after: null })}
              aria-current={activity.section === tab.value ? "page" : undefined}
            >
              {tab.label}
            </Link>
          ))}
        </nav>
        {activity.items.length === 0 ? (
          <p className="empty-state">
            {profile.displayName} has no {activity.section} {isFirstPage ? "yet" : "beyond these"}.
          </p>
        ) : activity.section === "replies" ? (
          <ReplyList replies={activity.items} />
        ) : (
          <ThreadList threads={activity.items} unread={unread} showKind={false} />
        )}
        <Pager
          nextCursor={activity.nextCursor}
          label={activity.section === "replies" ? "Older replies" : `Older ${activity.section}`}
        />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
