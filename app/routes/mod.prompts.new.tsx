import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pageTitle } from "~/lib/moderation";
import { tr } from "~/lib/translate";
import { requireModerator } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ThreadComposer } from "~/components/thread/thread-composer";
import { composerResponse } from "~/lib/http.server";
import { promptSchema } from "~/lib/moderation-schemas";
import { formFields, parseForm } from "~/lib/validation";
import { openPrompt } from "~/models/moderation.server";
import { previewMarkdown } from "~/models/previews.server";
import { listTopicChoices, resolveTopics } from "~/models/topics.server";
import { writeRefusal } from "~/models/write-throttle.server";
import { FLASH, redirectWithFlash } from "~/lib/flash.server";
import { ErrorSummary } from "~/components/error-summary";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "moderation:home.prompt") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireModerator(request, context);
  return json({ topics: await listTopicChoices() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = requireModerator(request, context);
  const formData = await request.formData();
  const fields = formFields(formData);
  const parsed = parseForm(promptSchema, formData, ["tagSlugs"]);
  if (!parsed.success) return composerResponse({ fieldErrors: parsed.fieldErrors, fields }, 400);
  const topics = await resolveTopics(parsed.data.tagSlugs);
  if (topics.unknown.length) {
    return composerResponse(
      { fieldErrors: { tagSlugs: tr("moderation:unknownTopic", { slug: topics.unknown[0] }) }, fields },
      400,
    );
  }
  try {
    if (formData.get("intent") === "preview") {
      const preview = await previewMarkdown({ memberId: viewer.id, source: parsed.data.bodySource });
      return composerResponse({ preview, fields });
    }
    const thread = await openPrompt(viewer.id, parsed.data);
    return redirectWithFlash(`/threads/${thread.id}/${thread.slug}`, FLASH.promptPublished);
  } catch (error) {
    const refused = writeRefusal(error, "bodySource");
    if (!refused) throw error;
    return composerResponse({ fieldErrors: refused.fieldErrors, fields }, refused.status);
  }
}

export default function NewPromptPage() {
  const { topics } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const fields = actionData?.fields;
  const { t } = useTranslation("moderation");
  const values = {
    title: typeof fields?.title === "string" ? fields.title : "",
    bodySource: typeof fields?.bodySource === "string" ? fields.bodySource : "",
    tagSlugs: ([] as string[]).concat(fields?.tagSlugs ?? []),
  };
  return (
    <div className="page narrow">
      <h1>{t("home.prompt")}</h1>
      <ErrorSummary errors={actionData?.fieldErrors} order={["title", "bodySource", "tagSlugs"]} />
      <p className="lede">{t("promptPage.lede")}</p>
      <ThreadComposer
        preview={actionData?.preview ?? null}
        values={values}
        topics={topics}
        errors={actionData?.fieldErrors ?? {}}
        draftId={null}
        drafts={false}
        submitLabel={t("promptPage.submit")}
        extraFields={
          <div className="field">
            <label className="checkbox-label">
              <input type="checkbox" name="pinned" value="yes" defaultChecked={Boolean(fields?.pinned)} />{" "}
              {t("promptPage.pin")}
            </label>
          </div>
        }
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
