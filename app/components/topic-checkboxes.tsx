import type { TopicChoice } from "~/models/topics.server";

interface TopicCheckboxesProps {
  /** The form field: several checked boxes post several values. */
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  topics: TopicChoice[];
  chosen: Iterable<string>;
}

/** A fieldset of topic checkboxes with its hint and error announced, for every form that picks topics. */
export function TopicCheckboxes({ name, legend, hint, error, topics, chosen }: TopicCheckboxesProps) {
  const checked = new Set(chosen);
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  return (
    <fieldset id={name} className="field" aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <ul className="checkbox-grid">
        {topics.map((topic) => (
          <li key={topic.slug}>
            <label>
              <input type="checkbox" name={name} value={topic.slug} defaultChecked={checked.has(topic.slug)} />{" "}
              {topic.name}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
