import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useRouteError } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireId } from "~/lib/params";
import { tr } from "~/lib/translate";
import { getThreadSlug } from "~/models/threads.server";

// /threads/:id without its slug: send to the canonical address.
export async function loader({ params, context }: LoaderFunctionArgs) {
  const threadId = requireId(params.id, "discussion");
  const slug = await getThreadSlug(threadId, context.viewer);
  if (!slug) throw new Response(tr("threads:threadPage.noSuchThread"), { status: 404 });
  return redirect(`/threads/${threadId}/${slug}`, 301);
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
