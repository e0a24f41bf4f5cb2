import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useRouteError } from "@remix-run/react";
import { requireViewer } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireId } from "~/lib/params";
import { tr } from "~/lib/translate";
import { setThreadFollow } from "~/models/follows.server";
import { getThreadSlug } from "~/models/threads.server";
import { FLASH, redirectWithFlash } from "~/lib/flash.server";

const LEVELS = { follow: "following", stop: "stopped", mute: "muted" } as const;
const FOLLOW_MESSAGES = {
  follow: FLASH.threadFollowed,
  stop: FLASH.threadUnfollowed,
  mute: FLASH.threadMuted,
} as const;

export async function loader({ params }: ActionFunctionArgs) {
  return redirect(`/threads/${requireId(params.id, "discussion")}`);
}

// Follow, stop following or mute a thread; back to the thread.
export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = requireViewer(request, context);
  const threadId = requireId(params.id, "discussion");
  const slug = await getThreadSlug(threadId, viewer);
  if (!slug) throw new Response(tr("threads:threadPage.noSuchThread"), { status: 404 });
  const intent = String((await request.formData()).get("intent") ?? "");
  // hasOwn, not `in`: "constructor" is in every object.
  if (!Object.hasOwn(LEVELS, intent)) throw new Response(tr("threads:threadTools.chooseIntent"), { status: 400 });
  await setThreadFollow(viewer.id, threadId, LEVELS[intent as keyof typeof LEVELS]);
  return redirectWithFlash(
    `/threads/${threadId}/${slug}?following=${intent}`,
    FOLLOW_MESSAGES[intent as keyof typeof LEVELS],
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
