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

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Synthesis: ${data.view.round.title} · Roundtable` : "Synthesis · Roundtable" },
];

async function load({ request, params, context }: LoaderFunctionArgs) {
  const viewer = requireModerator(request, context);
  const roundId = requireId(params.id, "round");
  const view = await getSynthesisComposer(roundId);
  if (!view) throw new Response("There is no such round.", { status: 404 });
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
    return composer(
      { fieldErrors: { form: "The round is still collecting answers. Write the synthesis after it closes." }, source },
      400,
    );
  if (view.published)
    return composer({ fieldErrors: { form: "This round's synthesis is already published." }, source }, 400);
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
      return composer({ source: quoted.source, status: "Quote added at the end of the synthesis." });
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
  return (
    <div className="page synthesis-page">
      <p className="muted">
        <Link to={`/rounds/${round.id}`}>{round.title}</Link>
      </p>
      <h1>Synthesis</h1>
      <ErrorSummary errors={actionData?.fieldErrors} fieldIds={{ synthesisSource: "synthesis-source" }} />
      {view.published ? (
        <>
          <p className="notice" role="note">
            Published {formatDateTime(view.published.at, language)}.{" "}
            {view.published.thread ? (
              <Link to={`/threads/${view.published.thread.id}/${view.published.thread.slug}`}>See its discussion</Link>
            ) : null}
          </p>
          <div className="prose" dangerouslySetInnerHTML={{ __html: view.published.html }} />
        </>
      ) : round.state !== "closed" ? (
        <p className="notice" role="note">
          The round takes answers until the end of {formatDate(lastDay(round.closesAt), language)} (UTC). Write the
          synthesis after it closes.
        </p>
      ) : (
        <>
          <p className="lede">
            Write what the round found. Quote answers with the buttons below: each quote links to its answer and carries
            a name only where its author allowed it. Members you quote are told when you publish, and can reply in the
            synthesis&apos;s discussion.
          </p>
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
