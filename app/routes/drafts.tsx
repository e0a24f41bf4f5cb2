import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireViewer } from "~/auth/session.server";
import { formatDateTime } from "~/lib/format";
import { usePageLanguage } from "~/components/reader-time";
import { requireId } from "~/lib/params";
import { i18nFor, languageOfMatches } from "~/lib/i18n";
import { tr } from "~/lib/translate";
import { discardDraft, listDrafts } from "~/models/drafts.server";
import { FLASH, redirectWithFlash } from "~/lib/flash.server";

export const meta: MetaFunction = ({ matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  return [{ title: t("errors:documentTitle", { title: t("threads:draftsPage.title") }) }];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = requireViewer(request, context);
  return json({ drafts: await listDrafts(viewer.id) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = requireViewer(request, context);
  const formData = await request.formData();
  const draftId = requireId(String(formData.get("draftId") ?? ""), "draft");
  if (!(await discardDraft(draftId, viewer.id)))
    throw new Response(tr("threads:draftsPage.noSuchDraft"), { status: 404 });
  return redirectWithFlash("/drafts", FLASH.draftDeleted);
}

function resumeLink(draft: { id: number; kind: string; parentPostId: number | null }): string {
  if (draft.kind === "reply" && draft.parentPostId) return `/posts/${draft.parentPostId}/reply`;
  return draft.kind === "story" ? `/stories/new?draft=${draft.id}` : `/threads/new?draft=${draft.id}`;
}

export default function DraftsPage() {
  const language = usePageLanguage();
  const { t } = useTranslation("threads");
  const { drafts } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow">
      <h1>{t("draftsPage.title")}</h1>
      {drafts.length === 0 ? (
        <p>
          <Trans
            t={t}
            i18nKey="draftsPage.empty"
            components={{ story: <Link to="/stories/new" />, discussion: <Link to="/threads/new" /> }}
          />
        </p>
      ) : (
        <ul className="card-list">
          {drafts.map((draft) => (
            <li key={draft.id} className="card">
              <h2 className="card-title">
                <Link to={resumeLink(draft)}>
                  {draft.kind === "reply"
                    ? draft.threadTitle
                      ? t("draftsPage.replyIn", { title: draft.threadTitle })
                      : t("draftsPage.replyInUnknown")
                    : draft.title ||
                      (draft.kind === "story" ? t("draftsPage.untitledStory") : t("draftsPage.untitledDiscussion"))}
                </Link>
              </h2>
              <p className="muted small">
                {t("draftsPage.saved", {
                  kind:
                    draft.kind === "story"
                      ? t("kind.label.story")
                      : draft.kind === "discussion"
                        ? t("kind.label.discussion")
                        : t("draftsPage.reply"),
                  when: formatDateTime(draft.updatedAt, language),
                })}
              </p>
              <p>
                {draft.bodySource.slice(0, 160)}
                {draft.bodySource.length > 160 ? "…" : ""}
              </p>
              <Form method="post" className="inline-form">
                <input type="hidden" name="draftId" value={draft.id} />
                <button type="submit" className="secondary small-button">
                  {t("draftsPage.discard")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
