import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import type { ThreadKind } from "~db/schema";
import { requireWriter } from "~/auth/guards.server";
import { composerResponse } from "~/lib/http.server";
import {
  composeStoryBody,
  readStorySections,
  sectionFieldName,
  splitStoryBody,
  STORY_SECTIONS,
} from "~/lib/story-sections";
import { composerIntentSchema, draftSchema, formFields, parseForm, threadSchema } from "~/lib/validation";
import { readComposerForm } from "./composer-attachments.server";
import { getDraft, saveDraft } from "./drafts.server";
import { previewMarkdown } from "./previews.server";
import { PostingRefused, postingRefusalStatus } from "./publishing.server";
import { createThread } from "./threads.server";
import { listTopicChoices, resolveTopics } from "./topics.server";
import { writeRefusal } from "./write-throttle.server";
import { FLASH, redirectWithFlash } from "~/lib/flash.server";
import { readPostLanguage } from "~/lib/post-language-schemas";
import { languageNow, tr } from "~/lib/translate";
import { readResourceForm } from "./shelf-composer.server";

// The loader and action behind /threads/new and /stories/new: one composer, two kinds of thread. They live
// beside the thread model they serve because two routes share them (a route folder would hold only one, and
// lib/ holds no route handlers); the rules of publishing are createThread's, inside its transaction.

type ComposableKind = Extract<ThreadKind, "discussion" | "story" | "resource">;

export async function loadThreadComposer({ request, context }: LoaderFunctionArgs, kind: ComposableKind) {
  const viewer = await requireWriter(request, context);
  const url = new URL(request.url);
  const draftParam = url.searchParams.get("draft");
  const draft =
    draftParam && /^[1-9][0-9]{0,15}$/.test(draftParam) ? await getDraft(Number(draftParam), viewer.id) : null;
  if (draftParam && !draft) throw new Response(tr("threads:draftsPage.noSuchDraft"), { status: 404 });
  const topic = url.searchParams.get("topic");
  const bodySource = draft?.bodySource ?? "";
  return json({
    topics: await listTopicChoices(),
    draftId: draft?.id ?? null,
    values: {
      title: draft?.title ?? "",
      bodySource,
      tagSlugs: draft?.tagSlugs ?? (topic ? [topic] : []),
      // A story's draft is stored as its one body; its sections come back from that body's headings.
      ...(kind === "story" ? { sections: splitStoryBody(bodySource) } : {}),
    },
  });
}

const FIRST_SECTION_FIELD = sectionFieldName(STORY_SECTIONS[0].key);
/** Where a story's picture or file may go: any of its sections. */
const STORY_FIELDS = STORY_SECTIONS.map((section) => sectionFieldName(section.key)) as [string, ...string[]];
const EMPTY_STORY_MESSAGE = "composer:story.empty";

/**
 * A story's sections become its one Markdown body before anything else reads the form, so drafts, previews,
 * limits and publishing treat it as any body. A form without section fields (an older page, a script) sends
 * its body whole. Returns the field where a problem with the body is shown.
 */
function composeStoryForm(formData: FormData): string {
  const sections = readStorySections(formData);
  if (!sections) return "bodySource";
  formData.set("bodySource", composeStoryBody(sections));
  return FIRST_SECTION_FIELD;
}

/** A problem with a story's body, moved next to its first section (the body itself is not a field there). */
function placeBodyError(
  fieldErrors: Record<string, string | undefined>,
  bodyField: string,
  body: FormDataEntryValue | null,
) {
  if (bodyField === "bodySource" || !fieldErrors.bodySource) return fieldErrors;
  const { bodySource: message, ...rest } = fieldErrors;
  return { ...rest, [bodyField]: typeof body === "string" && body.trim() === "" ? tr(EMPTY_STORY_MESSAGE) : message };
}

export async function handleThreadComposer({ request, context }: ActionFunctionArgs, kind: ComposableKind) {
  const viewer = await requireWriter(request, context);
  const composed = await readComposerForm(request, viewer.id, kind === "story" ? STORY_FIELDS : ["bodySource"]);
  const { formData } = composed;
  const bodyField = kind === "story" ? composeStoryForm(formData) : "bodySource";
  const fields = formFields(formData);
  if (!composed.ok) return composerResponse({ fieldErrors: composed.fieldErrors, fields }, composed.status);
  const intent = formData.get("intent");
  const invalid = (fieldErrors: Record<string, string | undefined>) =>
    composerResponse({ fieldErrors: placeBodyError(fieldErrors, bodyField, formData.get("bodySource")), fields }, 400);
  // A resource's own fields (link, type, audience, cost, language) are judged with the rest of the form.
  const resource = kind === "resource" ? readResourceForm(formData) : null;
  if (resource && !resource.success) return invalid(resource.fieldErrors);
  if (composerIntentSchema.catch("publish").parse(intent ?? undefined) === "save-draft") {
    if (kind === "resource") return invalid({ form: tr("shelf:form.noDrafts") });
    const parsed = parseForm(draftSchema, formData, ["tagSlugs"]);
    if (!parsed.success) return invalid(parsed.fieldErrors);
    const savedDraftId = await saveDraft({ memberId: viewer.id, kind, ...parsed.data });
    return composerResponse({ savedDraftId, fields });
  }
  const parsed = parseForm(threadSchema, formData, ["tagSlugs"]);
  if (!parsed.success) return invalid(parsed.fieldErrors);
  const postLanguage = readPostLanguage(formData);
  if (!postLanguage.ok) return invalid(postLanguage.fieldErrors);
  const topics = await resolveTopics(parsed.data.tagSlugs);
  if (topics.unknown.length) {
    return composerResponse(
      { fieldErrors: { tagSlugs: tr("threads:editPage.unknownTopicChoose", { name: topics.unknown[0] }) }, fields },
      400,
    );
  }
  const { title, bodySource, tagSlugs, draftId } = parsed.data;
  try {
    if (intent === "preview")
      return composerResponse({ preview: await previewMarkdown({ memberId: viewer.id, source: bodySource }), fields });
    const afterInsert = resource?.success ? resource.insert(bodySource) : undefined;
    if (afterInsert && "fieldErrors" in afterInsert) return invalid(afterInsert.fieldErrors);
    const language = postLanguage.language ?? languageNow();
    const thread = await createThread({
      authorId: viewer.id,
      kind,
      title,
      bodySource,
      tagSlugs,
      draftId,
      language,
      afterInsert,
    });
    return redirectWithFlash(
      `/threads/${thread.id}/${thread.slug}`,
      kind === "story"
        ? FLASH.storyPublished
        : kind === "resource"
          ? tr("shelf:flash.published")
          : FLASH.threadPublished,
    );
  } catch (error) {
    // A new thread is refused by the author's standing (an unverified address, approval) or the new-member limit.
    if (error instanceof PostingRefused)
      return composerResponse({ fieldErrors: { form: error.message }, fields }, postingRefusalStatus(error.reason));
    const refused = writeRefusal(error, bodyField);
    if (!refused) throw error;
    return composerResponse({ fieldErrors: refused.fieldErrors, fields }, refused.status);
  }
}
