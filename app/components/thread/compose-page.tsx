import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import type { ComposerActionData } from "~/lib/http.server";
import { fieldValue } from "~/components/form-field";
import { sectionFieldName, STORY_SECTIONS, type StorySections } from "~/lib/story-sections";
import type { TopicChoice } from "~/models/topics.server";
import { ThreadComposer, type ThreadComposerValues } from "./thread-composer";
import { ErrorSummary } from "~/components/error-summary";

interface ComposePageProps {
  heading: string;
  intro: string;
  submitLabel: string;
  loaderData: { topics: TopicChoice[]; draftId: number | null; values: ThreadComposerValues };
  actionData: SerializeFrom<ComposerActionData> | undefined;
}

/** The page around the thread composer: what was typed survives previews, drafts and errors. */
export function ComposePage({ heading, intro, submitLabel, loaderData, actionData }: ComposePageProps) {
  const { t } = useTranslation("threads");
  const fields = actionData?.fields;
  const values: ThreadComposerValues = fields
    ? {
        title: typeof fields.title === "string" ? fields.title : "",
        bodySource: typeof fields.bodySource === "string" ? fields.bodySource : "",
        tagSlugs: ([] as string[]).concat(fields.tagSlugs ?? []),
        // Every section as typed, so an error or a preview loses none of them.
        sections: loaderData.values.sections
          ? (Object.fromEntries(
              STORY_SECTIONS.map((s) => [s.key, fieldValue(fields, sectionFieldName(s.key))]),
            ) as StorySections)
          : null,
      }
    : loaderData.values;
  return (
    <div className="page narrow">
      <h1>{heading}</h1>
      <ErrorSummary errors={actionData?.fieldErrors} order={["title", "bodySource", "tagSlugs"]} />
      <p className="lede">{intro}</p>
      {actionData?.savedDraftId ? (
        <p className="notice" role="status">
          <Trans t={t} i18nKey="composePage.draftSaved" components={{ go: <Link to="/drafts" /> }} />
        </p>
      ) : null}
      <ThreadComposer
        preview={actionData?.preview ?? null}
        values={values}
        topics={loaderData.topics}
        errors={actionData?.fieldErrors ?? {}}
        draftId={actionData?.savedDraftId ?? loaderData.draftId}
        submitLabel={submitLabel}
        attachments={{ fields }}
      />
    </div>
  );
}
