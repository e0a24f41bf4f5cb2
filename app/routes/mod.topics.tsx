import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { requireModerator } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TOPIC_STATUS_MESSAGES, TopicAdmin } from "~/components/mod/topic-admin";
import { invalidForm } from "~/lib/http.server";
import { createTopicSchema, editTopicSchema, mergeTopicSchema } from "~/lib/moderation-schemas";
import { formFields, parseForm } from "~/lib/validation";
import { createTopic, editTopic, mergeTopic, type TopicAdminResult } from "~/models/topic-admin.server";
import { listTopicDirectory } from "~/models/topics.server";
import { redirectWithFlash } from "~/lib/flash.server";

import { pageTitle } from "~/lib/moderation";
import { tr } from "~/lib/translate";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "moderation:topics.documentTitle") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireModerator(request, context);
  return json({ topics: await listTopicDirectory() });
}

type Handler = (actorId: number, formData: FormData) => Promise<Response>;

async function finish(result: TopicAdminResult, done: keyof typeof TOPIC_STATUS_MESSAGES, formData: FormData) {
  if (!result.ok) return invalidForm({ [result.field]: result.message }, formFields(formData));
  return redirectWithFlash("/mod/topics", tr(TOPIC_STATUS_MESSAGES[done]));
}

const INTENTS: Record<string, Handler> = {
  async create(actorId, formData) {
    const parsed = parseForm(createTopicSchema, formData);
    if (!parsed.success) return invalidForm(parsed.fieldErrors, parsed.fields);
    return finish(await createTopic(actorId, parsed.data), "created", formData);
  },
  async edit(actorId, formData) {
    const parsed = parseForm(editTopicSchema, formData);
    if (!parsed.success) return invalidForm(parsed.fieldErrors, parsed.fields);
    const { slug, ...input } = parsed.data;
    return finish(await editTopic(actorId, slug, input), "edited", formData);
  },
  async merge(actorId, formData) {
    const parsed = parseForm(mergeTopicSchema, formData);
    if (!parsed.success) return invalidForm(parsed.fieldErrors, parsed.fields);
    return finish(await mergeTopic(actorId, parsed.data.from, parsed.data.into), "merged", formData);
  },
};

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = requireModerator(request, context);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const handler = typeof intent === "string" && Object.hasOwn(INTENTS, intent) ? INTENTS[intent] : undefined;
  if (!handler) return invalidForm({ form: tr("moderation:chooseAction") }, formFields(formData));
  return handler(viewer.id, formData);
}

export default function TopicsAdminPage() {
  const { topics } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return <TopicAdmin topics={topics} errors={actionData?.fieldErrors ?? {}} fields={actionData?.fields} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
