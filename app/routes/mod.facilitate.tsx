import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { requireModerator } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FacilitatorView } from "~/components/mod/facilitator-view";
import { redirectWithFlash } from "~/lib/flash.server";
import { invalidForm } from "~/lib/http.server";
import { tr } from "~/lib/translate";
import { formFields } from "~/lib/validation";
import { i18nFor, languageOfMatches } from "~/lib/i18n";
import { facilitationView, markFacilitationReviewed } from "~/models/facilitation.server";

// The facilitator's view (issue 19, docs/decisions/0045): where a reply, a welcome or a nudge helps most.

export const meta: MetaFunction = ({ matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  return [{ title: t("errors:documentTitle", { title: t("facilitate:documentTitle") }) }];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireModerator(request, context);
  return json({ view: await facilitationView() });
}

/** The one action: "I worked through this list", so the page (and the other moderators) know when. */
export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = requireModerator(request, context);
  const formData = await request.formData();
  if (formData.get("intent") !== "reviewed")
    return invalidForm({ form: tr("forms:unknownAction") }, formFields(formData));
  await markFacilitationReviewed(viewer.id);
  return redirectWithFlash("/mod/facilitate", "facilitate:reviewedFlash");
}

export default function FacilitatePage() {
  const { view } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return <FacilitatorView view={view} formError={actionData?.fieldErrors.form} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
