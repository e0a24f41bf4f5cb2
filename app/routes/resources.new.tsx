import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ResourceFields } from "~/components/shelf/resource-fields";
import { ComposePage } from "~/components/thread/compose-page";
import { workLanguageNames } from "~/lib/directory";
import { i18nFor, languageOfMatches } from "~/lib/i18n";
import { languageNow } from "~/lib/translate";
import { handleThreadComposer, loadThreadComposer } from "~/models/thread-composer.server";

export const meta: MetaFunction = ({ matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  return [{ title: t("errors:documentTitle", { title: t("shelf:new.title") }) }];
};

export async function loader(args: LoaderFunctionArgs) {
  const composer = await (await loadThreadComposer(args, "resource")).json();
  return json({ ...composer, languageNames: workLanguageNames(languageNow()) });
}

export const action = (args: ActionFunctionArgs) => handleThreadComposer(args, "resource");

export default function NewResourcePage() {
  const { t } = useTranslation("shelf");
  const { languageNames, ...loaderData } = useLoaderData<typeof loader>();
  return (
    <ComposePage
      heading={t("new.heading")}
      intro={t("new.intro")}
      submitLabel={t("new.submit")}
      loaderData={loaderData}
      actionData={useActionData<typeof action>()}
      extraFields={(fields, errors) => <ResourceFields fields={fields} errors={errors} languageNames={languageNames} />}
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
