import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useRouteError } from "@remix-run/react";
import { requireViewer } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { redirectWithFlash } from "~/lib/flash.server";
import { tr } from "~/lib/translate";
import { setTopicByEmail } from "~/models/list-mail.server";
import { findTopicBySlug } from "~/models/topics.server";

export async function loader({ params }: ActionFunctionArgs) {
  return redirect(`/topics/${encodeURIComponent(params.slug ?? "")}`);
}

// Follow a topic by email (mailing-list mode, issue 20), or stop; following it on the site stays as it was
// (turning email on follows the topic too). Back to the topic page.
export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = requireViewer(request, context);
  const slug = params.slug ?? "";
  const topic = await findTopicBySlug(slug);
  if (!topic) throw new Response(null, { status: 404 });
  const intent = (await request.formData()).get("intent");
  if (intent !== "on" && intent !== "off") throw new Response(null, { status: 400 });
  await setTopicByEmail(viewer.id, topic.id, intent === "on");
  const message = tr(intent === "on" ? "mail:list.follow.turnedOn" : "mail:list.follow.turnedOff", {
    topic: topic.name,
  });
  return redirectWithFlash(`/topics/${slug}`, message);
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
