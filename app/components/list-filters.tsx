import { Link } from "@remix-run/react";
import { useQueryLink } from "./thread-list";

// Pieces of the GET filter forms and numbered pages of the directory and the shelf (issue 19).

/** A labelled select of a filter form: "any" first, then the options; the current value chosen. */
export function FilterSelect({
  id,
  name,
  label,
  anyLabel,
  value,
  options,
}: {
  id: string;
  name: string;
  label: string;
  anyLabel: string;
  value: string | null | undefined;
  options: Array<{ value: string; label: string }>;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""}>
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Previous and next page links for a list paged by number, keeping the other query parameters. */
export function NumberedPager({
  page,
  hasNext,
  labels,
}: {
  page: number;
  hasNext: boolean;
  labels: { nav: string; previous: string; next: string };
}) {
  const link = useQueryLink();
  if (page <= 1 && !hasNext) return null;
  return (
    <nav className="pager list-pager" aria-label={labels.nav}>
      {page > 1 ? <Link to={link({ page: page === 2 ? null : String(page - 1) })}>{labels.previous}</Link> : null}
      {hasNext ? (
        <Link to={link({ page: String(page + 1) })} rel="next">
          {labels.next}
        </Link>
      ) : null}
    </nav>
  );
}
