import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useRouteError } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { statusDocumentTitle } from "~/lib/error-pages";
import { DEFAULT_LANGUAGE, i18nFor, languageOfMatches } from "~/lib/i18n";

export const meta: MetaFunction = ({ matches }) => [
  { title: statusDocumentTitle(404, i18nFor(languageOfMatches(matches)).t) },
];

// Any address no other route claims: a 404 in the site's layout.
function notFound({ context }: LoaderFunctionArgs | ActionFunctionArgs): never {
  const { t } = i18nFor(context.language ?? DEFAULT_LANGUAGE);
  throw new Response(t("pageDoesNotExist", { ns: "errors" }), { status: 404 });
}

export async function loader(args: LoaderFunctionArgs) {
  notFound(args);
}

export async function action(args: ActionFunctionArgs) {
  notFound(args);
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
