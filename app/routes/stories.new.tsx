import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { i18nFor, languageOfMatches } from "~/lib/i18n";
import { ComposePage } from "~/components/thread/compose-page";
import { handleThreadComposer, loadThreadComposer } from "~/models/thread-composer.server";

export const meta: MetaFunction = ({ matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  return [{ title: t("errors:documentTitle", { title: t("threads:newStory.title") }) }];
};

export const loader = (args: LoaderFunctionArgs) => loadThreadComposer(args, "story");
export const action = (args: ActionFunctionArgs) => handleThreadComposer(args, "story");

export default function NewStoryPage() {
  const { t } = useTranslation("threads");
  return (
    <ComposePage
      heading={t("newStory.heading")}
      intro={t("newStory.intro")}
      submitLabel={t("newStory.submit")}
      loaderData={useLoaderData<typeof loader>()}
      actionData={useActionData<typeof action>()}
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
