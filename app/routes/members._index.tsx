import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useRouteError } from "@remix-run/react";
import { DirectoryPage } from "~/components/directory/directory-page";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { readDirectoryQuery, workLanguageNames } from "~/lib/directory";
import { i18nFor, languageOfMatches } from "~/lib/i18n";
import { languageNow } from "~/lib/translate";
import { listDirectory } from "~/models/directory.server";
import { listPlaces } from "~/models/places.server";
import { listTopicChoices } from "~/models/topics.server";

export const meta: MetaFunction = ({ matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  return [{ title: t("errors:documentTitle", { title: t("directory:page.title") }) }];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { filters, page } = readDirectoryQuery(new URL(request.url).searchParams);
  const [directory, places, topics] = await Promise.all([
    listDirectory({ reader: context.viewer, filters, page }),
    listPlaces(),
    listTopicChoices(),
  ]);
  return json({
    directory,
    filters,
    places,
    topics,
    signedIn: context.viewer !== null,
    languageNames: workLanguageNames(languageNow()),
  });
}

export default function MembersDirectoryPage() {
  return <DirectoryPage {...useLoaderData<typeof loader>()} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
