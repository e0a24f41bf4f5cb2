import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireModerator } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RoundForm } from "~/components/rounds/round-form";
import { newRoundSchema } from "~/lib/round-schemas";
import { dayValue, pageTitle, PROMPTS_MAX } from "~/lib/rounds";
import { tr } from "~/lib/translate";
import { formFields, parseForm, type FieldErrors, type Fields } from "~/lib/validation";
import { createRound } from "~/models/rounds.server";
import { listTopicChoices, resolveTopics } from "~/models/topics.server";
import { FLASH, redirectWithFlash } from "~/lib/flash.server";
import { ErrorSummary } from "~/components/error-summary";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "rounds:newPage.title") }];

const DEFAULT_SLOTS = 3;
const ARRAY_KEYS = ["tagSlugs", "promptTitle", "promptBody"];

/** The form again, with what was typed, its messages, and how many prompt slots to show. */
function formAgain(fieldErrors: FieldErrors, fields: Fields, slots: number, status = 400) {
  return json({ fieldErrors, fields, slots }, { status });
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireModerator(request, context);
  return json({ topics: await listTopicChoices(), today: dayValue(Date.now()) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = requireModerator(request, context);
  const formData = await request.formData();
  const fields = formFields(formData);
  const slots = Math.max(DEFAULT_SLOTS, formData.getAll("promptTitle").length);
  if (formData.get("intent") === "add-prompt") {
    return formAgain({}, fields, Math.min(PROMPTS_MAX, slots + 1), 200);
  }
  const parsed = parseForm(newRoundSchema(Date.now()), formData, ARRAY_KEYS);
  if (!parsed.success) return formAgain(parsed.fieldErrors, fields, slots);
  const topics = await resolveTopics(parsed.data.tagSlugs);
  if (topics.unknown.length)
    return formAgain({ tagSlugs: tr("rounds:form.unknownTopic", { slug: topics.unknown[0] }) }, fields, slots);
  const result = await createRound({ createdBy: viewer.id, ...parsed.data });
  if (!result.ok) return formAgain({ [result.field]: result.message }, fields, slots, result.status);
  return redirectWithFlash(`/rounds/${result.id}`, FLASH.roundCreated);
}

// The round form's field ids, by the name its errors come under (prompt0Title is the first question's).
const ROUND_FIELD_IDS: Record<string, string> = {
  title: "round-title",
  purposeSource: "round-purpose",
  opensOn: "round-opens",
  closesOn: "round-closes",
  ...Object.fromEntries(
    Array.from({ length: 20 }, (_, i) => [
      [`prompt${i}Title`, `prompt-${i}-title`],
      [`prompt${i}Body`, `prompt-${i}-body`],
    ]).flat(),
  ),
};

export default function NewRoundPage() {
  const { topics, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const slots = actionData?.slots ?? DEFAULT_SLOTS;
  const { t } = useTranslation("rounds");
  return (
    <div className="page narrow">
      <h1>{t("newPage.title")}</h1>
      <ErrorSummary errors={actionData?.fieldErrors} fieldIds={ROUND_FIELD_IDS} />
      <p className="lede">{t("newPage.lede")}</p>
      <RoundForm
        fields={actionData?.fields}
        errors={actionData?.fieldErrors ?? {}}
        topics={topics}
        promptSlots={slots}
        today={today}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
