import type { MetaFunction } from "@remix-run/node";
import { useRouteError } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NOT_FOUND_TITLE } from "~/lib/error-pages";

export const meta: MetaFunction = () => [{ title: NOT_FOUND_TITLE }];

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
