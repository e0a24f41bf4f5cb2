import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useRouteError } from "@remix-run/react";
import { requireViewer } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { tr } from "~/lib/translate";

// Profiles are edited at /settings/profile, and only by their owner.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = requireViewer(request, context);
  if (viewer.handle !== params.handle?.toLowerCase()) {
    throw new Response(tr("settings:profile.onlyOwn"), { status: 403 });
  }
  return redirect("/settings/profile");
}

export async function action(args: LoaderFunctionArgs) {
  return loader(args);
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
