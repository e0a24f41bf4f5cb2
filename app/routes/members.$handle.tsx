import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDate } from "~/lib/format";
import { canEditProfile } from "~/lib/permissions";
import { getMemberProfile } from "~/models/members.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.profile.displayName} (@${data.profile.handle}) · Roundtable` : "Member not found · Roundtable" },
];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const profile = await getMemberProfile(params.handle ?? "");
  if (!profile) throw new Response("There is no member with that handle.", { status: 404 });
  return json({ profile, canEdit: canEditProfile(context.viewer, profile.id) });
}

export default function MemberProfilePage() {
  const { profile, canEdit } = useLoaderData<typeof loader>();
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
        <dd>{formatDate(profile.joinedAt)}</dd>
      </dl>
      {profile.bioHtml ? (
        <section aria-labelledby="bio-heading">
          <h2 id="bio-heading">About</h2>
          <div className="prose" dangerouslySetInnerHTML={{ __html: profile.bioHtml }} />
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
