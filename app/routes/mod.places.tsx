import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { requireModerator } from "~/auth/guards.server";
import { PlaceAdmin } from "~/components/directory/place-admin";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { placeNameSchema } from "~/lib/directory";
import { redirectWithFlash } from "~/lib/flash.server";
import { invalidForm } from "~/lib/http.server";
import { i18nFor, languageOfMatches } from "~/lib/i18n";
import { tr } from "~/lib/translate";
import { formFields, parseForm } from "~/lib/validation";
import { addPlace, listPlaces, removePlace, type PlaceResult } from "~/models/places.server";

export const meta: MetaFunction = ({ matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  return [{ title: t("errors:documentTitle", { title: t("directory:places.title") }) }];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireModerator(request, context);
  return json({ places: await listPlaces() });
}

function finish(result: PlaceResult, done: string, formData: FormData) {
  if (!result.ok) return invalidForm({ [result.field]: result.message }, formFields(formData));
  return redirectWithFlash("/mod/places", tr(done));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = requireModerator(request, context);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "add") {
    const parsed = parseForm(placeNameSchema, formData);
    if (!parsed.success) return invalidForm(parsed.fieldErrors, parsed.fields);
    return finish(await addPlace(viewer.id, parsed.data.name), "directory:places.added", formData);
  }
  const placeId = Number(formData.get("placeId"));
  if (intent === "remove" && Number.isInteger(placeId) && placeId > 0)
    return finish(await removePlace(viewer.id, placeId), "directory:places.removed", formData);
  return invalidForm({ form: tr("directory:places.unknownAction") }, formFields(formData));
}

export default function PlacesAdminPage() {
  const { places } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return <PlaceAdmin places={places} errors={actionData?.fieldErrors ?? {}} fields={actionData?.fields} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
