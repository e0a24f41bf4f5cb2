import type { SerializeFrom } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, fieldValue, FormError } from "~/components/form-field";
import { TOPIC_DESCRIPTION_MAX, TOPIC_NAME_MAX, TOPIC_SLUG_MAX, TOPIC_SLUG_MIN } from "~/lib/moderation-schemas";
import type { FieldErrors, Fields } from "~/lib/validation";
import type { TopicDirectoryItem } from "~/models/topics.server";
import { SubmitButton } from "~/components/submit-button";

type TopicItem = SerializeFrom<TopicDirectoryItem>;

interface TopicAdminProps {
  topics: TopicItem[];
  errors: FieldErrors;
  /** What was typed in the form that failed, with its `intent` (and, for an edit, the topic's slug). */
  fields: Fields | undefined;
}

/** What each action says once done (its flash). */
export const TOPIC_STATUS_MESSAGES = {
  created: "moderation:topics.done.created",
  edited: "moderation:topics.done.edited",
  merged: "moderation:topics.done.merged",
} as const;

/** Moderators' topic list: create a topic, rename or describe one, merge one into another. */
export function TopicAdmin({ topics, errors, fields }: TopicAdminProps) {
  const { t } = useTranslation("moderation");
  const failed = fields?.intent;
  const failedEdit = failed === "edit" ? fieldValue(fields, "slug") : null;
  return (
    <div className="page narrow mod-page">
      <h1>{t("topics.title")}</h1>
      <FormError message={errors.form} />

      <section aria-labelledby="new-topic-heading" className="mod-section">
        <h2 id="new-topic-heading">{t("topics.new")}</h2>
        <TopicFields
          idPrefix="new"
          intent="create"
          errors={failed === "create" ? errors : {}}
          fields={failed === "create" ? fields : undefined}
          submitLabel={t("topics.create")}
        />
      </section>

      <section aria-labelledby="topic-list-heading" className="mod-section">
        <h2 id="topic-list-heading">{t("topics.all")}</h2>
        <ul className="mod-topic-list">
          {topics.map((topic) => {
            const failedHere = failedEdit === topic.slug;
            const path = `/topics/${topic.slug}`;
            return (
              <li key={topic.slug}>
                <h3>
                  <Link to={`/topics/${topic.slug}`}>{topic.name}</Link>
                </h3>
                <p className="muted small">
                  {path} · {t("topics.threadCount", { count: topic.threadCount })}
                </p>
                <details open={failedHere}>
                  <summary>
                    {t("topics.edit")}
                    <span className="visually-hidden"> {topic.name}</span>
                  </summary>
                  <TopicFields
                    idPrefix={`edit-${topic.slug}`}
                    intent="edit"
                    topic={topic}
                    errors={failedHere ? errors : {}}
                    fields={failedHere ? fields : undefined}
                    submitLabel={t("topics.save")}
                  />
                </details>
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="merge-heading" className="mod-section">
        <h2 id="merge-heading">{t("topics.merge")}</h2>
        <MergeForm
          topics={topics}
          errors={failed === "merge" ? errors : {}}
          fields={failed === "merge" ? fields : undefined}
        />
      </section>
    </div>
  );
}

interface TopicFieldsProps {
  idPrefix: string;
  intent: "create" | "edit";
  topic?: TopicItem;
  errors: FieldErrors;
  fields: Fields | undefined;
  submitLabel: string;
}

/** Name, (for a new topic) address, and description. An existing topic keeps its address. */
function TopicFields({ idPrefix, intent, topic, errors, fields, submitLabel }: TopicFieldsProps) {
  const { t } = useTranslation("moderation");
  return (
    <Form method="post" action="/mod/topics" noValidate className="stack">
      <input type="hidden" name="intent" value={intent} />
      {topic ? <input type="hidden" name="slug" value={topic.slug} /> : null}
      <Field
        id={`${idPrefix}-name`}
        label={t("topics.name")}
        error={errors.name}
        hint={t("topics.upTo", { max: TOPIC_NAME_MAX })}
      >
        {(describedBy, invalid) => (
          <input
            id={`${idPrefix}-name`}
            name="name"
            required
            defaultValue={fieldValue(fields, "name", topic?.name ?? "")}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </Field>
      {topic ? null : (
        <Field
          id={`${idPrefix}-slug`}
          label={t("topics.address")}
          error={errors.slug}
          hint={t("topics.addressHint", { min: TOPIC_SLUG_MIN, max: TOPIC_SLUG_MAX })}
        >
          {(describedBy, invalid) => (
            <input
              id={`${idPrefix}-slug`}
              name="slug"
              required
              defaultValue={fieldValue(fields, "slug")}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
      )}
      <Field
        id={`${idPrefix}-description`}
        label={t("topics.description")}
        error={errors.description}
        hint={t("topics.upTo", { max: TOPIC_DESCRIPTION_MAX })}
      >
        {(describedBy, invalid) => (
          <textarea
            id={`${idPrefix}-description`}
            name="description"
            rows={2}
            defaultValue={fieldValue(fields, "description", topic?.description ?? "")}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </Field>
      <SubmitButton busyLabel={t("threadPage.saveBusy")}>{submitLabel}</SubmitButton>
    </Form>
  );
}

function MergeForm({
  topics,
  errors,
  fields,
}: {
  topics: TopicItem[];
  errors: FieldErrors;
  fields: Fields | undefined;
}) {
  const { t } = useTranslation("moderation");
  const select = (name: "from" | "into", label: string) => (
    <Field id={`merge-${name}`} label={label} error={errors[name]}>
      {(describedBy, invalid) => (
        <select
          id={`merge-${name}`}
          name={name}
          required
          defaultValue={fieldValue(fields, name)}
          aria-describedby={describedBy}
          aria-invalid={invalid}
        >
          <option value="">{t("topics.chooseTopic")}</option>
          {topics.map((topic) => (
            <option key={topic.slug} value={topic.slug}>
              {topic.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  const from = select("from", t("topics.mergeFrom"));
  const into = select("into", t("topics.mergeInto"));
  return (
    <Form method="post" action="/mod/topics" noValidate className="stack">
      <input type="hidden" name="intent" value="merge" />
      <p className="field-hint">{t("topics.mergeHint")}</p>
      {from}
      {into}
      <SubmitButton busyLabel={t("topics.mergeBusy")}>{t("topics.merge")}</SubmitButton>
    </Form>
  );
}
