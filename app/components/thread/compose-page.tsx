import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { MarkdownPreview } from "~/components/markdown-preview";
import type { ComposerActionData } from "~/lib/http.server";
import { STORY_TEMPLATE } from "~/lib/story-template";
import type { TopicChoice } from "~/models/topics.server";
import { ThreadComposer, type ThreadComposerValues } from "./thread-composer";
import { ErrorSummary } from "~/components/error-summary";

interface ComposePageProps {
  heading: string;
  intro: string;
  submitLabel: string;
  loaderData: { topics: TopicChoice[]; draftId: number | null; values: ThreadComposerValues };
  actionData: SerializeFrom<ComposerActionData> | undefined;
  templateControls?: boolean;
}

/** The page around the thread composer: what was typed survives previews, drafts and errors. */
export function ComposePage({
  heading,
  intro,
  submitLabel,
  loaderData,
  actionData,
  templateControls,
}: ComposePageProps) {
  const fields = actionData?.fields;
  const values: ThreadComposerValues = fields
    ? {
        title: typeof fields.title === "string" ? fields.title : "",
        bodySource: typeof fields.bodySource === "string" ? fields.bodySource : "",
        tagSlugs: ([] as string[]).concat(fields.tagSlugs ?? []),
      }
    : loaderData.values;
  // Clearing or restoring the template changes the body on the server's side: a new key remounts the form
  // so its uncontrolled fields show that body; otherwise the form keeps what the browser already has.
  const formKey = values.bodySource === "" ? "empty" : values.bodySource === STORY_TEMPLATE ? "template" : "typed";
  return (
    <div className="page narrow">
      <h1>{heading}</h1>
      <ErrorSummary errors={actionData?.fieldErrors} order={["title", "bodySource", "tagSlugs"]} />
      <p className="lede">{intro}</p>
      {actionData?.savedDraftId ? (
        <p className="notice" role="status">
          Draft saved. It waits for you under <Link to="/drafts">your drafts</Link>.
        </p>
      ) : null}
      {actionData?.preview ? <MarkdownPreview html={actionData.preview} /> : null}
      <ThreadComposer
        key={formKey}
        values={values}
        topics={loaderData.topics}
        errors={actionData?.fieldErrors ?? {}}
        draftId={actionData?.savedDraftId ?? loaderData.draftId}
        submitLabel={submitLabel}
        templateControls={templateControls}
      />
    </div>
  );
}
