import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { requireViewer } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { MyAnswer } from "~/components/rounds/my-answers";
import { invalidForm } from "~/lib/http.server";
import { requireId } from "~/lib/params";
import { consentChangeSchema } from "~/lib/round-schemas";
import { formFields, parseForm } from "~/lib/validation";
import { changeConsent } from "~/models/round-answers.server";
import { listMyAnswers } from "~/models/round-export.server";
import { getRoundPage } from "~/models/rounds.server";
import { FLASH, redirectWithFlash } from "~/lib/flash.server";
import { useTranslation } from "react-i18next";
import { pageTitle } from "~/lib/rounds";
import { tr } from "~/lib/translate";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  {
    title: data
      ? pageTitle(matches, "rounds:mine.documentTitle", { title: data.round.title })
      : pageTitle(matches, "rounds:mine.documentTitleBare"),
  },
];

async function load({ request, params, context }: LoaderFunctionArgs) {
  // Consent is the member's to change at any time, suspended or not: it only ever narrows what is shared.
  const viewer = requireViewer(request, context);
  const roundId = requireId(params.id, "round");
  const round = await getRoundPage(roundId, viewer);
  if (!round) throw new Response(tr("rounds:roundPage.noSuchRound"), { status: 404 });
  return { viewer, round };
}

export async function loader(args: LoaderFunctionArgs) {
  const { viewer, round } = await load(args);
  return json({
    round: { id: round.id, title: round.title },
    answers: await listMyAnswers(round.id, viewer.id),
  });
}

export async function action(args: ActionFunctionArgs) {
  const { viewer, round } = await load(args);
  const formData = await args.request.formData();
  const fields = formFields(formData);
  const parsed = parseForm(consentChangeSchema, formData);
  if (!parsed.success) return invalidForm(parsed.fieldErrors, fields);
  const result = await changeConsent({ memberId: viewer.id, postId: parsed.data.postId, consent: parsed.data.consent });
  if (!result.ok) return invalidForm({ consent: result.message }, fields);
  return redirectWithFlash(`/rounds/${round.id}/mine`, FLASH.consentSaved);
}

export default function MyRoundAnswersPage() {
  const { round, answers } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failedPost = actionData?.fields?.postId;
  const { t } = useTranslation("rounds");
  return (
    <div className="page narrow">
      <p className="muted">
        <Link to={`/rounds/${round.id}`}>{round.title}</Link>
      </p>
      <h1>{t("mine.title")}</h1>
      <p className="lede">{t("mine.lede")}</p>
      {actionData?.fieldErrors && !failedPost ? (
        <p className="form-error" role="alert">
          {Object.values(actionData.fieldErrors)[0]}
        </p>
      ) : null}
      {answers.length === 0 ? <p>{t("mine.none")}</p> : null}
      {answers.map((answer) => (
        <MyAnswer
          key={answer.postId}
          answer={answer}
          error={failedPost === String(answer.postId) ? Object.values(actionData?.fieldErrors ?? {})[0] : undefined}
        />
      ))}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
