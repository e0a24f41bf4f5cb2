import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireWriter } from "~/auth/guards.server";
import { requireViewer } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CommunityRulesNote } from "~/components/composer/community-rules";
import { MarkdownField } from "~/components/composer/markdown-field";
import { FormError } from "~/components/form-field";
import { WithPreview } from "~/components/markdown-preview";
import { ThreadComposer } from "~/components/thread/thread-composer";
import { AttachmentField } from "~/components/composer/attachment-field";
import type { Viewer } from "~/auth/viewer";
import { composerResponse } from "~/lib/http.server";
import { requireId } from "~/lib/params";
import { i18nFor, languageOfMatches } from "~/lib/i18n";
import { tr } from "~/lib/translate";
import { canEditPost } from "~/lib/permissions";
import { formFields, parseForm, replySchema, threadSchema } from "~/lib/validation";
import { editPost, getPostForEdit } from "~/models/posts.server";
import { readComposerForm } from "~/models/composer-attachments.server";
import { previewMarkdown } from "~/models/previews.server";
import { getThreadSlug } from "~/models/threads.server";
import { listTopicChoices, resolveTopics } from "~/models/topics.server";
import { writeRefusal } from "~/models/write-throttle.server";
import { FLASH, redirectWithFlash } from "~/lib/flash.server";
import { ErrorSummary } from "~/components/error-summary";
import { SubmitButton } from "~/components/submit-button";
import { PostLanguageField } from "~/components/composer/post-language-field";
import { readPostLanguage } from "~/lib/post-language-schemas";

export const meta: MetaFunction = ({ matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  return [{ title: t("errors:documentTitle", { title: t("threads:editPage.title") }) }];
};

async function loadEditablePost(viewer: Viewer, id: string | undefined) {
  const post = await getPostForEdit(requireId(id, "post"));
  // Nor one in a thread moderators hid from this viewer: the page would name it.
  if (!post || post.deleted || !(await getThreadSlug(post.threadId, viewer)))
    throw new Response(tr("threads:post.noSuchPost"), { status: 404 });
  if (!canEditPost(viewer, post.authorId)) throw new Response(tr("threads:editPage.onlyAuthor"), { status: 403 });
  return post;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const post = await loadEditablePost(requireViewer(request, context), params.id);
  return json({ post, topics: post.depth === 0 ? await listTopicChoices() : [] });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireWriter(request, context);
  const post = await loadEditablePost(viewer, params.id);
  const composed = await readComposerForm(request, viewer.id, ["bodySource"]);
  const { formData } = composed;
  const fields = formFields(formData);
  if (!composed.ok) return composerResponse({ fieldErrors: composed.fieldErrors, fields }, composed.status);
  // A reply changes its words; an opening post its words, its thread's title and its topics.
  let change: { bodySource: string; title?: string; tagIds?: number[]; language?: string };
  if (post.depth > 0) {
    const parsed = parseForm(replySchema, formData);
    if (!parsed.success) return composerResponse({ fieldErrors: parsed.fieldErrors, fields }, 400);
    change = { bodySource: parsed.data.bodySource };
  } else {
    const parsed = parseForm(threadSchema, formData, ["tagSlugs"]);
    if (!parsed.success) return composerResponse({ fieldErrors: parsed.fieldErrors, fields }, 400);
    const topics = await resolveTopics(parsed.data.tagSlugs);
    if (topics.unknown.length) {
      return composerResponse(
        { fieldErrors: { tagSlugs: tr("threads:editPage.unknownTopic", { name: topics.unknown[0] }) }, fields },
        400,
      );
    }
    change = { bodySource: parsed.data.bodySource, title: parsed.data.title, tagIds: topics.ids };
  }
  const postLanguage = readPostLanguage(formData);
  if (!postLanguage.ok) return composerResponse({ fieldErrors: postLanguage.fieldErrors, fields }, 400);
  change.language = postLanguage.language;
  try {
    if (formData.get("intent") === "preview") {
      const preview = await previewMarkdown({ memberId: viewer.id, source: change.bodySource });
      return composerResponse({ preview, fields });
    }
    const result = await editPost({ post, editorId: viewer.id, ...change });
    if (!result.ok) throw new Response(result.message, { status: result.reason === "missing" ? 404 : 403 });
    return redirectWithFlash(`/posts/${post.id}`, FLASH.postEdited);
  } catch (error) {
    const refused = writeRefusal(error, "bodySource");
    if (!refused) throw error;
    return composerResponse({ fieldErrors: refused.fieldErrors, fields }, refused.status);
  }
}

export default function EditPostPage() {
  const { t } = useTranslation("threads");
  const { post, topics } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const fields = actionData?.fields;
  const preview = actionData?.preview ?? null;
  const text = (key: string, fallback: string) =>
    typeof fields?.[key] === "string" ? (fields[key] as string) : fallback;
  return (
    <div className="page narrow">
      <h1>{post.depth === 0 ? t("editPage.headingPost") : t("editPage.headingReply")}</h1>
      <ErrorSummary errors={actionData?.fieldErrors} order={["title", "bodySource", "tagSlugs"]} />
      <p className="lede">{t("editPage.lede")}</p>
      {post.depth === 0 ? (
        <ThreadComposer
          preview={actionData?.preview ?? null}
          values={{
            title: text("title", post.title ?? ""),
            bodySource: text("bodySource", post.bodySource),
            tagSlugs: fields ? ([] as string[]).concat(fields.tagSlugs ?? []) : post.tagSlugs,
            language: post.language,
          }}
          topics={topics}
          errors={actionData?.fieldErrors ?? {}}
          draftId={null}
          submitLabel={t("editPage.save")}
          drafts={false}
          threadId={post.threadId}
          attachments={{ fields }}
        />
      ) : (
        <Form method="post" encType="multipart/form-data" className="composer stack">
          <FormError message={actionData?.fieldErrors?.form} />
          <CommunityRulesNote />
          <WithPreview sourceId="bodySource" html={preview}>
            <MarkdownField
              id="bodySource"
              name="bodySource"
              label={t("replyComposer.label")}
              error={actionData?.fieldErrors?.bodySource}
              defaultValue={text("bodySource", post.bodySource)}
              rows={8}
              threadId={post.threadId}
            />
          </WithPreview>
          <AttachmentField fields={fields} errors={actionData?.fieldErrors ?? {}} />
          <PostLanguageField current={post.language} fields={fields} errors={actionData?.fieldErrors} />
          <div className="button-row">
            <SubmitButton name="intent" value="publish" busyLabel={t("threadTools.saving")}>
              {t("editPage.save")}
            </SubmitButton>
            <button type="submit" name="intent" value="preview" className="secondary">
              {t("replyComposer.preview")}
            </button>
          </div>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
