import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { StatusNotice } from "~/components/form-field";
import { requireModerator } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SynthesisComposer } from "~/components/rounds/synthesis-composer";
import { formatDate, formatDateTime } from "~/lib/format";
import { usePageLanguage } from "~/components/reader-time";
import { requireId } from "~/lib/params";
import { synthesisIntentSchema, synthesisSchema } from "~/lib/round-schemas";
import { lastDay } from "~/lib/rounds";
import { formFields, parseForm, type FieldErrors } from "~/lib/validation";
import {
  getSynthesisComposer,
  insertQuote,
  publishSynthesis,
  saveSynthesisDraft,
} from "~/models/round-synthesis.server";
import { previewMarkdown } from "~/models/previews.server";
import { writeRefusal } from "~/models/write-throttle.server";
import { FLASH, redirectWithFlash } from "~/lib/flash.server";
import { ErrorSummary } from "~/components/error-summary";
import { useTranslation } from "react-i18next";
import { pageTitle } from "~/lib/rounds";
import { tr } from "~/lib/translate";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  {
    title: data
      ? pageTitle(matches, "rounds:synthesis.documentTitle", { title: data.view.round.title })
      : pageTitle(matches, "rounds:roundPage.synthesis"),
  },
];

async function load({ request, params, context }: LoaderFunctionArgs) {
  const viewer = requireModerator(request, context);
  const roundId = requireId(params.id, "round");
  const view = await getSynthesisComposer(roundId);
  if (!view) throw new Response(tr("rounds:roundPage.noSuchRound"), { status: 404 });
  return { viewer, view };
}

export async function loader(args: LoaderFunctionArgs) {
  const { view } = await load(args);
  return json({ view });
}

type ComposerData = { fieldErrors: FieldErrors; source: string; preview: string | null; status: string | null };

function composer(data: Partial<ComposerData> & { source: string }, status = 200) {
  return json<ComposerData>({ fieldErrors: {}, preview: null, status: null, ...data }, { status });
}

export async function action(args: ActionFunctionArgs) {
  const { viewer, view } = await load(args);
  const formData = await args.request.formData();
  const parsed = parseForm(synthesisSchema, formData);
  const typed = String(formFields(formData).synthesisSource ?? "");
  if (!parsed.success) return composer({ fieldErrors: parsed.fieldErrors, source: typed }, 400);
  const source = parsed.data.synthesisSource;
  if (view.round.state !== "closed")
    return composer({ fieldErrors: { form: tr("rounds:synthesis.stillOpen") }, source }, 400);
  if (view.published) return composer({ fieldErrors: { form: tr("rounds:synthesis.alreadyPublished") }, source }, 400);
  try {
    return await handleIntent(synthesisIntentSchema.parse(formData.get("intent") ?? undefined), {
      viewer,
      view,
      source,
    });
  } catch (error) {
    const refused = writeRefusal(error, "synthesisSource");
    if (!refused) throw error;
    return composer({ fieldErrors: refused.fieldErrors, source }, refused.status);
  }
}

type SynthesisIntent = ReturnType<typeof synthesisIntentSchema.parse>;
type Loaded = Awaited<ReturnType<typeof load>>;

async function handleIntent(intent: SynthesisIntent, { viewer, view, source }: Loaded & { source: string }) {
  switch (intent.kind) {
    case "quote": {
      const quoted = await insertQuote(view.round.id, intent.answerId, source);
      if (!quoted.ok) return composer({ fieldErrors: { form: quoted.message }, source }, 400);
      return composer({ source: quoted.source, status: tr("rounds:synthesis.quoteAdded") });
    }
    case "preview":
      return composer({ source, preview: await previewMarkdown({ memberId: viewer.id, source }) });
    case "save":
      await saveSynthesisDraft(view.round.id, source);
      return redirectWithFlash(`/rounds/${view.round.id}/synthesis`, FLASH.synthesisSaved);
    case "publish": {
      const published = await publishSynthesis({ roundId: view.round.id, actorId: viewer.id, source });
      if (!published.ok) return composer({ fieldErrors: { form: published.message }, source }, 400);
      return redirectWithFlash(`/rounds/${view.round.id}`, FLASH.synthesisPublished);
    }
  }
}

export default function SynthesisPage() {
  const language = usePageLanguage();
  const { view } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { round } = view;
  const status = actionData?.status ?? null;
  const { t } = useTranslation("rounds");
  return (
    <div className="page synthesis-page">
      <p className="muted">
        <Link to={`/rounds/${round.id}`}>{round.title}</Link>
      </p>
      <h1>{t("roundPage.synthesis")}</h1>
      <ErrorSummary errors={actionData?.fieldErrors} fieldIds={{ synthesisSource: "synthesis-source" }} />
      {view.published ? (
        <>
          <p className="notice" role="note">
            {t("synthesis.published", { when: formatDateTime(view.published.at, language) })}{" "}
            {view.published.thread ? (
              <Link to={`/threads/${view.published.thread.id}/${view.published.thread.slug}`}>
                {t("synthesis.seeDiscussion")}
              </Link>
            ) : null}
          </p>
          <div className="prose" dangerouslySetInnerHTML={{ __html: view.published.html }} />
        </>
      ) : round.state !== "closed" ? (
        <p className="notice" role="note">
          {t("synthesis.notClosed", { date: formatDate(lastDay(round.closesAt), language) })}
        </p>
      ) : (
        <>
          <p className="lede">{t("synthesis.lede")}</p>
          <StatusNotice message={status} />
          <SynthesisComposer
            preview={actionData?.preview ?? null}
            source={actionData?.source ?? view.draft}
            prompts={view.prompts}
            errors={actionData?.fieldErrors ?? {}}
          />
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
