import { useRouteError } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";

// Any address no other route claims: a 404 in the site's layout.
export async function loader() {
  throw new Response("That page does not exist.", { status: 404 });
}

export async function action() {
  throw new Response("That page does not exist.", { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
