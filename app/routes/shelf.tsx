import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useRouteError } from "@remix-run/react";
import { requireModerator } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ShelfPage } from "~/components/shelf/shelf-page";
import { workLanguageNames } from "~/lib/directory";
import { redirectWithFlash } from "~/lib/flash.server";
import { i18nFor, languageOfMatches } from "~/lib/i18n";
import { isModerator } from "~/lib/permissions";
import { readShelfQuery } from "~/lib/shelf";
import { languageNow, tr } from "~/lib/translate";
import { listShelf, markResourceChecked } from "~/models/shelf.server";
import { listTopicChoices } from "~/models/topics.server";

export const meta: MetaFunction = ({ matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  return [{ title: t("errors:documentTitle", { title: t("shelf:page.title") }) }];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const query = readShelfQuery(new URL(request.url).searchParams);
  const [shelf, topics] = await Promise.all([listShelf(query), listTopicChoices()]);
  return json({
    shelf,
    query,
    topics,
    canCheck: isModerator(context.viewer),
    signedIn: context.viewer !== null,
    languageNames: workLanguageNames(languageNow()),
  });
}

/** A moderator marks a resource checked: still there, still free, still relevant. */
export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = requireModerator(request, context);
  const formData = await request.formData();
  const threadId = Number(formData.get("threadId"));
  if (formData.get("intent") !== "check" || !Number.isInteger(threadId) || threadId < 1)
    throw new Response(tr("shelf:check.noSuchResource"), { status: 400 });
  const result = await markResourceChecked(viewer.id, threadId);
  if (!result.ok) throw new Response(result.message, { status: 404 });
  return redirectWithFlash("/shelf", tr("shelf:check.done"));
}

export default function ShelfRoute() {
  return <ShelfPage {...useLoaderData<typeof loader>()} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
