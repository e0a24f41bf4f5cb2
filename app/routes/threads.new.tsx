import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ComposePage } from "~/components/thread/compose-page";
import { handleThreadComposer, loadThreadComposer } from "~/models/thread-composer.server";

export const meta: MetaFunction = () => [{ title: "Start a discussion · Roundtable" }];

export const loader = (args: LoaderFunctionArgs) => loadThreadComposer(args, "discussion");
export const action = (args: ActionFunctionArgs) => handleThreadComposer(args, "discussion");

export default function NewDiscussionPage() {
  return (
    <ComposePage
      heading="Start a discussion"
      intro="Ask your peers a question, or open a conversation about something in your work."
      submitLabel="Publish discussion"
      loaderData={useLoaderData<typeof loader>()}
      actionData={useActionData<typeof action>()}
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
