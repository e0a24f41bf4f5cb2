import { useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState, type ButtonHTMLAttributes, type ReactNode } from "react";

type SubmitButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, "type"> & {
  /** What the button says while its form is on its way ("Posting…"). */
  busyLabel: string;
  children: ReactNode;
  /** For a fetcher's form: the fetcher's state (useNavigation does not see fetchers). */
  fetcherState?: "idle" | "submitting" | "loading";
};

/**
 * A submit button that says what is happening while its own form is sent: only the form it belongs to,
 * noticed by that form's submit event (a page with several forms to the same action keeps the others calm),
 * and only this button when the form has several. Without JavaScript it is a plain button.
 */
export function SubmitButton({ busyLabel, children, fetcherState, ...props }: SubmitButtonProps) {
  const ref = useRef<HTMLButtonElement>(null);
  const navigation = useNavigation();
  const state = fetcherState ?? navigation.state;
  const [sent, setSent] = useState(false);

  useEffect(() => {
    const button = ref.current;
    const form = button?.form;
    if (!button || !form) return;
    const onSubmit = (event: SubmitEvent) => {
      // With several submit buttons, the one pressed (or the first, for Enter in a field) is the submitter.
      const submitter = event.submitter ?? form.querySelector('button[type="submit"], button:not([type])');
      if (submitter === button) setSent(true);
    };
    form.addEventListener("submit", onSubmit);
    return () => form.removeEventListener("submit", onSubmit);
  }, []);

  useEffect(() => {
    if (state === "idle") setSent(false);
  }, [state]);

  const busy = sent && state !== "idle";
  return (
    // Disabled while on its way, so a second press does not send the form twice.
    <button ref={ref} type="submit" aria-busy={busy || undefined} {...props} disabled={busy || props.disabled}>
      {busy ? busyLabel : children}
    </button>
  );
}
