import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useRouteError } from "@remix-run/react";
import { requireWriter } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireId } from "~/lib/params";
import { tr } from "~/lib/translate";
import { setStoryRepliesClosed } from "~/models/moderation.server";
import { getThreadSlug } from "~/models/threads.server";
import { FLASH, redirectWithFlash } from "~/lib/flash.server";

// A story's author closes replies on their own story, or reopens them (a moderator's lock stays theirs).

export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/threads/${requireId(params.id, "discussion")}`);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireWriter(request, context);
  const threadId = requireId(params.id, "discussion");
  const intent = (await request.formData()).get("intent");
  if (intent !== "close" && intent !== "reopen")
    throw new Response(tr("threads:threadTools.chooseCloseIntent"), { status: 400 });
  const result = await setStoryRepliesClosed(viewer.id, threadId, intent === "close");
  if (!result.ok) throw new Response(result.message, { status: 403 });
  const slug = await getThreadSlug(threadId, viewer);
  return redirectWithFlash(
    slug ? `/threads/${threadId}/${slug}` : "/",
    intent === "close" ? FLASH.threadClosed : FLASH.threadReopened,
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
