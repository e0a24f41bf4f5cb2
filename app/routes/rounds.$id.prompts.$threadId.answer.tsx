import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireWriter } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AnswerForm } from "~/components/rounds/answer-form";
import { RoundDates } from "~/components/rounds/round-list";
import { requireId } from "~/lib/params";
import { answerSchema } from "~/lib/round-schemas";
import { pageTitle } from "~/lib/rounds";
import { tr } from "~/lib/translate";
import { formFields, parseForm, type FieldErrors, type Fields } from "~/lib/validation";
import { postingRefusalStatus } from "~/models/publishing.server";
import { readComposerForm } from "~/models/composer-attachments.server";
import { previewMarkdown } from "~/models/previews.server";
import { answerPrompt, getAnswerPage } from "~/models/round-answers.server";
import { writeRefusal } from "~/models/write-throttle.server";
import { FLASH, redirectWithFlash } from "~/lib/flash.server";
import { ErrorSummary } from "~/components/error-summary";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  {
    title: data
      ? pageTitle(matches, "rounds:answerPage.documentTitle", { title: data.page.prompt.title })
      : pageTitle(matches, "rounds:answerPage.documentTitleBare"),
  },
];

async function load({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireWriter(request, context);
  const roundId = requireId(params.id, "round");
  const threadId = requireId(params.threadId, "prompt");
  const page = await getAnswerPage(roundId, threadId, viewer);
  if (!page) throw new Response(tr("rounds:answerPage.noSuchPrompt"), { status: 404 });
  return { viewer, roundId, threadId, page };
}

export async function loader(args: LoaderFunctionArgs) {
  const { page } = await load(args);
  return json({ page });
}

function formAgain(fieldErrors: FieldErrors, fields: Fields, status = 400, preview: string | null = null) {
  return json({ fieldErrors, fields, preview }, { status });
}

export async function action(args: ActionFunctionArgs) {
  const { viewer, roundId, threadId, page } = await load(args);
  const composed = await readComposerForm(args.request, viewer.id, ["bodySource"]);
  const { formData } = composed;
  const fields = formFields(formData);
  if (!composed.ok) return formAgain(composed.fieldErrors, fields, composed.status);
  const parsed = parseForm(answerSchema, formData);
  if (!parsed.success) return formAgain(parsed.fieldErrors, fields);
  try {
    if (formData.get("intent") === "preview") {
      const preview = await previewMarkdown({ memberId: viewer.id, source: parsed.data.bodySource });
      return formAgain({}, fields, 200, preview);
    }
    const result = await answerPrompt({ roundId, threadId, memberId: viewer.id, ...parsed.data });
    if (!result.ok)
      return formAgain(
        { [result.field]: result.message },
        fields,
        result.reason ? postingRefusalStatus(result.reason) : 400,
      );
    return redirectWithFlash(`/threads/${threadId}/${page.prompt.slug}#post-${result.postId}`, FLASH.answerPosted);
  } catch (error) {
    const refused = writeRefusal(error, "bodySource");
    if (!refused) throw error;
    return formAgain(refused.fieldErrors, fields, refused.status);
  }
}

export default function AnswerPage() {
  const { page } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { round, prompt } = page;
  const { t } = useTranslation("rounds");
  const formAction = `/rounds/${round.id}/prompts/${prompt.threadId}/answer`;
  return (
    <div className="page narrow">
      <p className="muted">
        <Trans
          t={t}
          i18nKey="answerPage.promptOf"
          values={{ position: prompt.position, title: round.title }}
          components={{ go: <Link to={`/rounds/${round.id}`} /> }}
        />{" "}
        · <RoundDates round={round} />
      </p>
      <h1>{prompt.title}</h1>
      <ErrorSummary
        errors={actionData?.fieldErrors}
        fieldIds={{ bodySource: "answer-body", pseudonym: "answer-pseudonym" }}
      />
      <div className="prose" dangerouslySetInnerHTML={{ __html: prompt.html }} />
      {page.existingAnswerId ? (
        <p className="notice" role="note">
          <Trans
            t={t}
            i18nKey="answerPage.alreadyAnswered"
            components={{
              answer: <Link to={`/posts/${page.existingAnswerId}`} />,
              mine: <Link to={`/rounds/${round.id}/mine`} />,
            }}
          />
        </p>
      ) : round.state === "upcoming" ? (
        <p className="notice" role="note">
          {t("answerPage.upcoming")}
        </p>
      ) : round.state === "closed" ? (
        <p className="notice" role="note">
          <Trans
            t={t}
            i18nKey="answerPage.closed"
            components={{ go: <Link to={`/threads/${prompt.threadId}/${prompt.slug}`} /> }}
          />
        </p>
      ) : (
        <>
          <AnswerForm
            preview={actionData?.preview ?? null}
            action={formAction}
            fields={actionData?.fields}
            errors={actionData?.fieldErrors ?? {}}
            suggestedPseudonym={page.suggestedPseudonym}
            answerFirst={round.answerFirst}
            threadId={prompt.threadId}
          />
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
