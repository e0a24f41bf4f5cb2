import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireViewer } from "~/auth/session.server";
import { formatDateTime } from "~/lib/format";
import { usePageLanguage } from "~/components/reader-time";
import { requireId } from "~/lib/params";
import { discardDraft, listDrafts } from "~/models/drafts.server";
import { FLASH, redirectWithFlash } from "~/lib/flash.server";

export const meta: MetaFunction = () => [{ title: "Your drafts · Roundtable" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = requireViewer(request, context);
  return json({ drafts: await listDrafts(viewer.id) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = requireViewer(request, context);
  const formData = await request.formData();
  const draftId = requireId(String(formData.get("draftId") ?? ""), "draft");
  if (!(await discardDraft(draftId, viewer.id))) throw new Response("There is no such draft.", { status: 404 });
  return redirectWithFlash("/drafts", FLASH.draftDeleted);
}

function resumeLink(draft: { id: number; kind: string; parentPostId: number | null }): string {
  if (draft.kind === "reply" && draft.parentPostId) return `/posts/${draft.parentPostId}/reply`;
  return draft.kind === "story" ? `/stories/new?draft=${draft.id}` : `/threads/new?draft=${draft.id}`;
}

export default function DraftsPage() {
  const language = usePageLanguage();
  const { drafts } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow">
      <h1>Your drafts</h1>
      {drafts.length === 0 ? (
        <p>
          No drafts. When you save a draft, or the composer saves one for you, it waits here. Start a{" "}
          <Link to="/stories/new">story</Link> or a <Link to="/threads/new">discussion</Link>.
        </p>
      ) : (
        <ul className="card-list">
          {drafts.map((draft) => (
            <li key={draft.id} className="card">
              <h2 className="card-title">
                <Link to={resumeLink(draft)}>
                  {draft.kind === "reply"
                    ? `Reply in “${draft.threadTitle ?? "a discussion"}”`
                    : draft.title || `Untitled ${draft.kind}`}
                </Link>
              </h2>
              <p className="muted small">
                {draft.kind === "story" ? "Story" : draft.kind === "discussion" ? "Discussion" : "Reply"} · saved{" "}
                {formatDateTime(draft.updatedAt, language)}
              </p>
              <p>
                {draft.bodySource.slice(0, 160)}
                {draft.bodySource.length > 160 ? "…" : ""}
              </p>
              <Form method="post" className="inline-form">
                <input type="hidden" name="draftId" value={draft.id} />
                <button type="submit" className="secondary small-button">
                  Discard draft
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
