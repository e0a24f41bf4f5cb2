import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ComposePage } from "~/components/thread/compose-page";
import { handleThreadComposer, loadThreadComposer } from "~/models/thread-composer.server";

export const meta: MetaFunction = () => [{ title: "Share a story · Roundtable" }];

export const loader = (args: LoaderFunctionArgs) => loadThreadComposer(args, "story");
export const action = (args: ActionFunctionArgs) => handleThreadComposer(args, "story");

export default function NewStoryPage() {
  return (
    <ComposePage
      heading="Share a story from the field"
      intro="Tell peers what happened, in as many of the sections below as fit. The questions under each heading are there to help; they are not published."
      submitLabel="Publish story"
      loaderData={useLoaderData<typeof loader>()}
      actionData={useActionData<typeof action>()}
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
