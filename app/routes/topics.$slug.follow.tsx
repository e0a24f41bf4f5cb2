import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useRouteError } from "@remix-run/react";
import { requireViewer } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { followTopic, unfollowTopic } from "~/models/follows.server";
import { findTopicBySlug } from "~/models/topics.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { topicName } from "~/lib/seeded-content";
import { tr } from "~/lib/translate";

export async function loader({ params }: ActionFunctionArgs) {
  // Encoded: the slug is whatever the address held (a raw line break would be an invalid Location, a 500).
  return redirect(`/topics/${encodeURIComponent(params.slug ?? "")}`);
}

// Follow or unfollow a topic; back to the topic page.
export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = requireViewer(request, context);
  const slug = params.slug ?? "";
  const topic = await findTopicBySlug(slug);
  if (!topic) throw new Response(tr("browse:topicPage.notFound"), { status: 404 });
  const intent = (await request.formData()).get("intent");
  if (intent === "follow") await followTopic(viewer.id, topic.id);
  else if (intent === "unfollow") await unfollowTopic(viewer.id, topic.id);
  else throw new Response(tr("browse:topicPage.badFollowIntent"), { status: 400 });
  // The topic's name as stored (a seeded one in the reader's language), never the address it was reached by.
  const message = tr(intent === "follow" ? "browse:topicPage.followed" : "browse:topicPage.unfollowed", {
    name: topicName(slug, topic.name),
  });
  return redirectWithFlash(`/topics/${slug}?following=${intent}`, message);
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
