import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireModerator } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormError } from "~/components/form-field";
import { FlagQueueEntry } from "~/components/mod/flag-queue-entry";
import { hideAndSuspendSchema, hidePostSchema, postIdSchema, suspensionEnd } from "~/lib/flags";
import { redirectWithFlash } from "~/lib/flash.server";
import { invalidForm } from "~/lib/http.server";
import { describeHideReason, pageTitle } from "~/lib/moderation";
import { tr } from "~/lib/translate";
import { formFields, parseForm } from "~/lib/validation";
import { dismissFlags, listFlagQueue } from "~/models/flags.server";
import { suspendMember } from "~/models/members-moderation.server";
import type { ModResult } from "~/models/moderation.server";
import { moderatePost } from "~/models/post-moderation.server";
import { getPostForEdit } from "~/models/posts.server";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "moderation:flagsPage.documentTitle") },
];

const STATUS_MESSAGES = {
  hidden: "moderation:flagsPage.done.hidden",
  dismissed: "moderation:flagsPage.done.dismissed",
  suspended: "moderation:flagsPage.done.suspended",
} as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireModerator(request, context);
  return json({ queue: await listFlagQueue() });
}

type Handler = (actorId: number, postId: number, formData: FormData) => Promise<Response>;

async function finish(result: ModResult, done: keyof typeof STATUS_MESSAGES, formData: FormData) {
  if (!result.ok) return invalidForm({ form: result.message }, formFields(formData));
  return redirectWithFlash("/mod/flags", tr(STATUS_MESSAGES[done]));
}

const INTENTS: Record<string, Handler> = {
  async hide(actorId, postId, formData) {
    const parsed = parseForm(hidePostSchema, formData);
    if (!parsed.success) return invalidForm(parsed.fieldErrors, parsed.fields);
    return finish(await moderatePost(actorId, postId, parsed.data), "hidden", formData);
  },
  dismiss: async (actorId, postId, formData) => finish(await dismissFlags(actorId, postId), "dismissed", formData),
  async "hide-suspend"(actorId, postId, formData) {
    const parsed = parseForm(hideAndSuspendSchema, formData);
    if (!parsed.success) return invalidForm(parsed.fieldErrors, parsed.fields);
    const { reason, note, length } = parsed.data;
    const post = await getPostForEdit(postId);
    if (!post) return invalidForm({ form: tr("moderation:flagsPage.noSuchPost") }, formFields(formData));
    const hidden = await moderatePost(actorId, postId, { reason, note });
    if (!hidden.ok) return invalidForm({ form: hidden.message }, formFields(formData));
    const suspended = await suspendMember({
      actorId,
      memberId: post.authorId,
      reason: describeHideReason(reason, note || null),
      until: suspensionEnd(length),
    });
    // The post stays hidden either way; say plainly that the suspension did not happen, and why.
    if (!suspended.ok)
      return json({
        fieldErrors: {},
        fields: {},
        warning: tr("moderation:flagsPage.hiddenNotSuspended", { why: suspended.message }),
      });
    return redirectWithFlash("/mod/flags", tr(STATUS_MESSAGES.suspended));
  },
};

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = requireModerator(request, context);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const handler = typeof intent === "string" && Object.hasOwn(INTENTS, intent) ? INTENTS[intent] : undefined;
  if (!handler) return invalidForm({ form: tr("moderation:chooseAction") }, formFields(formData));
  const target = parseForm(postIdSchema, formData);
  if (!target.success) return invalidForm({ form: tr("moderation:flagsPage.choosePost") }, target.fields);
  return handler(viewer.id, target.data.postId, formData);
}

export default function FlagQueuePage() {
  const { queue } = useLoaderData<typeof loader>();
  const { t } = useTranslation("moderation");
  const actionData = useActionData<typeof action>();
  const warning = actionData && "warning" in actionData ? actionData.warning : null;
  const fields = actionData?.fields ?? {};
  const failedPostId = typeof fields.postId === "string" ? Number(fields.postId) : null;
  const failedIntent = typeof fields.intent === "string" ? fields.intent : "";
  const unplaced =
    actionData && !warning && !queue.some((item) => item.post.id === failedPostId)
      ? actionData.fieldErrors.form
      : undefined;
  return (
    <div className="page narrow mod-page">
      <h1>{t("flagsPage.title")}</h1>
      <p className="lede">{t("flagsPage.lede")}</p>
      {warning ? (
        <p className="form-error" role="alert">
          {warning}
        </p>
      ) : null}
      <FormError message={unplaced} />
      {queue.length ? (
        <ol className="flag-queue">
          {queue.map((item) => (
            <li key={item.post.id}>
              <FlagQueueEntry
                item={item}
                failed={
                  actionData && !warning && failedPostId === item.post.id
                    ? { intent: failedIntent, errors: actionData.fieldErrors, fields }
                    : null
                }
              />
            </li>
          ))}
        </ol>
      ) : (
        <p className="flag-queue-empty">{t("flagsPage.empty")}</p>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
