import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { requireModerator } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { THREAD_STATUS_MESSAGES, ThreadCuration } from "~/components/mod/thread-curation";
import { invalidForm } from "~/lib/http.server";
import { hideThreadSchema, lockThreadSchema, threadTopicsSchema } from "~/lib/moderation-schemas";
import { requireId } from "~/lib/params";
import { formFields, parseForm } from "~/lib/validation";
import {
  setThreadFlag,
  setThreadHidden,
  setThreadLock,
  setThreadTopics,
  type ModResult,
} from "~/models/moderation.server";
import { getThreadHeader } from "~/models/thread-page.server";
import { listTopicChoices, resolveTopics } from "~/models/topics.server";
import { redirectWithFlash } from "~/lib/flash.server";

import { pageTitle } from "~/lib/moderation";
import { tr } from "~/lib/translate";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  {
    title: data
      ? pageTitle(matches, "moderation:threadPage.title", { title: data.thread.title })
      : pageTitle(matches, "moderation:threadPage.documentTitleBare"),
  },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = requireModerator(request, context);
  const threadId = requireId(params.id, "thread");
  const [thread, topics] = await Promise.all([getThreadHeader(threadId, viewer), listTopicChoices()]);
  if (!thread) throw new Response(tr("moderation:noSuchThread"), { status: 404 });
  return json({ thread, topics });
}

type Handler = (actorId: number, threadId: number, formData: FormData) => Promise<Response>;

type Done = keyof typeof THREAD_STATUS_MESSAGES;

async function finish(result: ModResult, threadId: number, done: Done, formData: FormData) {
  if (!result.ok) return invalidForm({ form: result.message }, formFields(formData));
  return redirectWithFlash(`/mod/threads/${threadId}`, tr(THREAD_STATUS_MESSAGES[done]));
}

const toggle =
  (change: "pin" | "unpin" | "feature" | "unfeature", done: Done): Handler =>
  async (actorId, threadId, formData) =>
    finish(await setThreadFlag(actorId, threadId, change), threadId, done, formData);

const INTENTS: Record<string, Handler> = {
  pin: toggle("pin", "pinned"),
  unpin: toggle("unpin", "unpinned"),
  feature: toggle("feature", "featured"),
  unfeature: toggle("unfeature", "unfeatured"),
  async lock(actorId, threadId, formData) {
    const parsed = parseForm(lockThreadSchema, formData);
    if (!parsed.success) return invalidForm(parsed.fieldErrors, parsed.fields);
    return finish(
      await setThreadLock(actorId, threadId, { reason: parsed.data.lockReason }),
      threadId,
      "locked",
      formData,
    );
  },
  unlock: async (actorId, threadId, formData) =>
    finish(await setThreadLock(actorId, threadId, null), threadId, "unlocked", formData),
  async topics(actorId, threadId, formData) {
    const parsed = parseForm(threadTopicsSchema, formData, ["tagSlugs"]);
    if (!parsed.success) return invalidForm(parsed.fieldErrors, parsed.fields);
    const topics = await resolveTopics(parsed.data.tagSlugs);
    if (topics.unknown.length) {
      return invalidForm(
        { tagSlugs: tr("moderation:unknownTopic", { slug: topics.unknown[0] }) },
        formFields(formData),
      );
    }
    return finish(await setThreadTopics(actorId, threadId, topics.ids), threadId, "topics", formData);
  },
  async hide(actorId, threadId, formData) {
    const parsed = parseForm(hideThreadSchema, formData);
    if (!parsed.success) return invalidForm(parsed.fieldErrors, parsed.fields);
    return finish(await setThreadHidden(threadId, { actorId, ...parsed.data }), threadId, "hidden", formData);
  },
  restore: async (actorId, threadId, formData) =>
    finish(await setThreadHidden(threadId, null, actorId), threadId, "restored", formData),
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = requireModerator(request, context);
  const threadId = requireId(params.id, "thread");
  const formData = await request.formData();
  const intent = formData.get("intent");
  const handler = typeof intent === "string" && Object.hasOwn(INTENTS, intent) ? INTENTS[intent] : undefined;
  if (!handler) return invalidForm({ form: tr("moderation:chooseAction") }, formFields(formData));
  if (!(await getThreadHeader(threadId, viewer))) throw new Response(tr("moderation:noSuchThread"), { status: 404 });
  return handler(viewer.id, threadId, formData);
}

export default function ModerateThreadPage() {
  const { thread, topics } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <ThreadCuration
      thread={thread}
      topics={topics}
      errors={actionData?.fieldErrors ?? {}}
      fields={actionData?.fields}
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
