import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { FieldErrors } from "~/lib/validation";

// Keys of fieldErrors that belong to the whole form rather than to one field.
const FORM_LEVEL = new Set(["form", "_form"]);

interface ErrorSummaryProps {
  errors: FieldErrors | undefined;
  /** The id of a field's input when it is not the field's name (`{ body: "reply-body" }`). */
  fieldIds?: Partial<Record<string, string>>;
  /** Where each field's error is in the form, top to bottom; fields not listed follow in the order given. */
  order?: string[];
}

/** "There are 2 problems with what you sent": the problems at the top of a form, each linking to its field. */
export function ErrorSummary({ errors, fieldIds = {}, order = [] }: ErrorSummaryProps) {
  const { t } = useTranslation("forms");
  const ref = useRef<HTMLDivElement>(null);
  const problems = Object.entries(errors ?? {})
    .filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1].length > 0)
    .sort(([a], [b]) => rank(order, a) - rank(order, b));

  // With JavaScript the answer arrives without a page load, so focus is moved here when it does (each new
  // answer is a new errors object). Without JavaScript, autoFocus on the server-rendered summary does it.
  useEffect(() => {
    if (errors && ref.current) ref.current.focus();
  }, [errors]);

  if (!problems.length) return null;
  const heading = t("summary.heading", { count: problems.length });
  return (
    <div ref={ref} className="error-summary" tabIndex={-1} autoFocus aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{heading}</h2>
      <ul>
        {problems.map(([name, message]) => (
          <li key={name}>
            {FORM_LEVEL.has(name) ? message : <FieldLink id={fieldIds[name] ?? name} message={message} />}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A link to a field; with JavaScript it also makes sure the field itself gets focus, label in view. */
function FieldLink({ id, message }: { id: string; message: string }) {
  return (
    <a
      href={`#${id}`}
      onClick={(event) => {
        // A group of choices (a fieldset) gets its first control focused.
        const target = document.getElementById(id) ?? document.getElementsByName(id)[0];
        if (!target) return;
        const field = target.matches("input, select, textarea, button")
          ? target
          : (target.querySelector<HTMLElement>("input, select, textarea") ?? target);
        event.preventDefault();
        (target.closest(".field") ?? target).scrollIntoView({ block: "start" });
        field.focus({ preventScroll: true });
      }}
    >
      {message}
    </a>
  );
}

function rank(order: string[], name: string): number {
  if (FORM_LEVEL.has(name)) return -1;
  const at = order.indexOf(name);
  return at === -1 ? order.length : at;
}
