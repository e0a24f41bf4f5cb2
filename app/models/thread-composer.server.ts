import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import type { ThreadKind } from "~db/schema";
import { requireWriter } from "~/auth/guards.server";
import { composerResponse } from "~/lib/http.server";
import { STORY_TEMPLATE } from "~/lib/story-template";
import { composerIntentSchema, draftSchema, formFields, parseForm, threadSchema } from "~/lib/validation";
import { getDraft, saveDraft } from "./drafts.server";
import { previewMarkdown } from "./previews.server";
import { PostingRefused, postingRefusalStatus } from "./publishing.server";
import { createThread } from "./threads.server";
import { listTopicChoices, resolveTopics } from "./topics.server";
import { writeRefusal } from "./write-throttle.server";
import { FLASH, redirectWithFlash } from "~/lib/flash.server";

// The loader and action behind /threads/new and /stories/new: one composer, two kinds of thread. They live
// beside the thread model they serve because two routes share them (a route folder would hold only one, and
// lib/ holds no route handlers); the rules of publishing are createThread's, inside its transaction.

type ComposableKind = Extract<ThreadKind, "discussion" | "story">;

export async function loadThreadComposer({ request, context }: LoaderFunctionArgs, kind: ComposableKind) {
  const viewer = await requireWriter(request, context);
  const url = new URL(request.url);
  const draftParam = url.searchParams.get("draft");
  const draft =
    draftParam && /^[1-9][0-9]{0,15}$/.test(draftParam) ? await getDraft(Number(draftParam), viewer.id) : null;
  if (draftParam && !draft) throw new Response("There is no such draft.", { status: 404 });
  const topic = url.searchParams.get("topic");
  return json({
    topics: await listTopicChoices(),
    draftId: draft?.id ?? null,
    values: {
      title: draft?.title ?? "",
      bodySource: draft?.bodySource ?? (kind === "story" ? STORY_TEMPLATE : ""),
      tagSlugs: draft?.tagSlugs ?? (topic ? [topic] : []),
    },
  });
}

export async function handleThreadComposer({ request, context }: ActionFunctionArgs, kind: ComposableKind) {
  const viewer = await requireWriter(request, context);
  const formData = await request.formData();
  const fields = formFields(formData);
  const intent = formData.get("intent");
  if (intent === "clear-template" || intent === "use-template") {
    return composerResponse({ fields: { ...fields, bodySource: intent === "use-template" ? STORY_TEMPLATE : "" } });
  }
  if (composerIntentSchema.catch("publish").parse(intent ?? undefined) === "save-draft") {
    const parsed = parseForm(draftSchema, formData, ["tagSlugs"]);
    if (!parsed.success) return composerResponse({ fieldErrors: parsed.fieldErrors, fields }, 400);
    const savedDraftId = await saveDraft({ memberId: viewer.id, kind, ...parsed.data });
    return composerResponse({ savedDraftId, fields });
  }
  const parsed = parseForm(threadSchema, formData, ["tagSlugs"]);
  if (!parsed.success) return composerResponse({ fieldErrors: parsed.fieldErrors, fields }, 400);
  const topics = await resolveTopics(parsed.data.tagSlugs);
  if (topics.unknown.length) {
    return composerResponse(
      { fieldErrors: { tagSlugs: `There is no topic called “${topics.unknown[0]}”. Choose from the list.` }, fields },
      400,
    );
  }
  const { title, bodySource, tagSlugs, draftId } = parsed.data;
  try {
    if (intent === "preview")
      return composerResponse({ preview: await previewMarkdown({ memberId: viewer.id, source: bodySource }), fields });
    const thread = await createThread({ authorId: viewer.id, kind, title, bodySource, tagSlugs, draftId });
    return redirectWithFlash(
      `/threads/${thread.id}/${thread.slug}`,
      kind === "story" ? FLASH.storyPublished : FLASH.threadPublished,
    );
  } catch (error) {
    // A new thread is refused by the author's standing (an unverified address, approval) or the new-member limit.
    if (error instanceof PostingRefused)
      return composerResponse({ fieldErrors: { form: error.message }, fields }, postingRefusalStatus(error.reason));
    const refused = writeRefusal(error, "bodySource");
    if (!refused) throw error;
    return composerResponse({ fieldErrors: refused.fieldErrors, fields }, refused.status);
  }
}
