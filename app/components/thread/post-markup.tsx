import { useFetcher, useSubmit } from "@remix-run/react";
import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type FormEvent,
  type MouseEvent,
  type ReactNode,
  type RefObject,
} from "react";
import { createPortal } from "react-dom";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { formatRelativeTime } from "~/lib/format";
import { usePageLanguage, useReaderClock } from "~/components/reader-time";
import { useServerMarkup } from "~/components/server-markup";
import { composerRegionId, InPlaceComposerBody, replyLinkId, useReplyInPlace } from "./reply-in-place";
import type { SaveActionData } from "./save-button";

// A page's replies arrive as server markup (docs/decisions/0030, 0031): post cards rendered once on the server,
// never hydrated, not in the loader data. This module makes that markup as lively as the React cards were:
// Reply opens the composer in place, Helpful and Save are sent without leaving the page, times tick.

const useIsomorphicLayoutEffect = typeof document === "undefined" ? useEffect : useLayoutEffect;
const TICK_MS = 60_000;

/**
 * The named server markup in a container React leaves alone: rendered on the server, kept as it is at
 * hydration (null data: the HTML is on the page), replaced in place when new data brings new markup, with
 * focus kept on the control it was on.
 */
export function PostMarkup({ name }: { name: string }) {
  const html = useServerMarkup(name);
  // What React itself writes, once: later markup is written by the effect below, so React never touches it.
  const [initial] = useState(html ?? "");
  const shown = useRef(html);
  const ref = useRef<HTMLDivElement>(null);
  const [version, setVersion] = useState(0);
  useIsomorphicLayoutEffect(() => {
    const container = ref.current;
    if (!container || html === null || html === shown.current) return;
    shown.current = html;
    replaceMarkup(container, html);
    setVersion((v) => v + 1);
  }, [html]);
  useRelativeTimes(ref, version);
  useReplyLinkStates(ref, version);
  return (
    <>
      <div ref={ref} className="post-markup" dangerouslySetInnerHTML={{ __html: initial }} suppressHydrationWarning />
      <MarkupReplySlot container={ref} />
    </>
  );
}

/**
 * New markup in the container: an open composer (a portal's box) moves into it under the same post, and focus
 * stays where it was: on the same element when it survives (the composer), else on the same control.
 */
function replaceMarkup(container: HTMLElement, html: string) {
  const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const focusedInside = active !== null && container.contains(active);
  const selection =
    active instanceof HTMLTextAreaElement ? [active.selectionStart, active.selectionEnd, active.scrollTop] : null;
  const action = focusedInside ? active.closest("form")?.getAttribute("action") : null;
  const hosts = [...container.querySelectorAll<HTMLElement>("[data-reply-host]")];
  // Branches the reader folded stay folded (each known by the card it hangs under).
  const folded = [...container.querySelectorAll<HTMLDetailsElement>("li > details.branch:not([open])")].map(
    (details) => details.parentElement!.querySelector("article")?.id,
  );
  container.innerHTML = html;
  for (const host of hosts) container.querySelector(`#post-${host.dataset.replyHost}`)?.after(host);
  for (const id of folded) {
    const item = id ? container.querySelector(`#${CSS.escape(id)}`)?.closest("li") : null;
    const details = item?.querySelector<HTMLDetailsElement>(":scope > details.branch");
    if (details) details.open = false;
  }
  if (!focusedInside) return;
  if (active.isConnected) {
    active.focus({ preventScroll: true });
    if (selection && active instanceof HTMLTextAreaElement) {
      active.setSelectionRange(selection[0]!, selection[1]!);
      active.scrollTop = selection[2]!;
    }
  } else if (active.id) {
    document.getElementById(active.id)?.focus({ preventScroll: true });
  } else if (action) {
    container.querySelector<HTMLElement>(`form[action="${CSS.escape(action)}"] button`)?.focus({ preventScroll: true });
  }
}

/** Each card's time, relative to the browser's clock once hydrated, refreshed every minute (as RelativeTime). */
function useRelativeTimes(ref: RefObject<HTMLElement>, version: number) {
  const { timeZone } = useReaderClock();
  const language = usePageLanguage();
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), TICK_MS);
    return () => window.clearInterval(timer);
  }, []);
  useEffect(() => {
    if (now === null || !ref.current) return;
    for (const time of ref.current.querySelectorAll<HTMLTimeElement>(".post-meta time[datetime]")) {
      const text = formatRelativeTime(Date.parse(time.dateTime), now, timeZone, language);
      if (time.textContent !== text) time.textContent = text;
    }
  }, [ref, now, timeZone, language, version]);
}

/** Reply links say whether their composer is open, once the page runs JavaScript (as ReplyLink does). */
function useReplyLinkStates(ref: RefObject<HTMLElement>, version: number) {
  const inPlace = useReplyInPlace();
  const openId = inPlace?.openId ?? null;
  const ready = inPlace?.ready === true;
  useEffect(() => {
    if (!ready || !ref.current) return;
    for (const link of ref.current.querySelectorAll<HTMLAnchorElement>("a[id^='reply-link-']")) {
      const expanded = link.id === replyLinkId(openId ?? -1);
      link.setAttribute("aria-expanded", String(expanded));
      if (expanded) link.setAttribute("aria-controls", composerRegionId(openId!));
      else link.removeAttribute("aria-controls");
    }
  }, [ref, version, openId, ready]);
}

/** The composer opened in place under a card of the markup: a portal into a box placed right after the card. */
function MarkupReplySlot({ container }: { container: RefObject<HTMLElement> }) {
  const inPlace = useReplyInPlace();
  const openId = inPlace?.openId ?? null;
  const [host] = useState(() => (typeof document === "undefined" ? null : document.createElement("div")));
  const [placed, setPlaced] = useState<number | null>(null);
  useIsomorphicLayoutEffect(() => {
    const article = openId === null ? null : container.current?.querySelector(`#post-${openId}`);
    if (!host || !article || openId === null) {
      setPlaced(null);
      return;
    }
    // The box is the composer's region itself, as InPlaceComposer's own div is: right after the card.
    host.id = composerRegionId(openId);
    host.className = "reply-in-place";
    host.dataset.replyHost = String(openId);
    article.after(host);
    setPlaced(openId);
    return () => host.remove();
  }, [openId, host, container]);
  if (!host || !inPlace || openId === null || placed !== openId) return null;
  return createPortal(<InPlaceComposerBody postId={openId} onClose={inPlace.close} />, host);
}

/**
 * Around a thread or branch page: the forms of its post cards (plain forms, see PostCard) sent as Remix forms,
 * and Reply in the markup opening the composer in place. Without JavaScript the forms post and the links lead
 * to the reply page, as they are.
 */
export function PostInteractions({ className, children }: { className: string; children: ReactNode }) {
  const { t } = useTranslation("threads");
  const submit = useSubmit();
  const saver = useFetcher<SaveActionData>();
  const inPlace = useReplyInPlace();
  const lastSave = useRef<HTMLFormElement | null>(null);

  useEffect(() => {
    // A save refused (the limit): the button goes back, and says why.
    const form = lastSave.current;
    if (saver.state !== "idle" || !saver.data?.error || !form?.isConnected) return;
    setSaveButton(form, isSaveRequest(form), t);
    let error = form.querySelector<HTMLElement>(".form-error");
    if (!error) {
      error = document.createElement("span");
      error.className = "form-error small";
      error.setAttribute("role", "alert");
      form.append(error);
    }
    error.textContent = saver.data.error;
  }, [saver.state, saver.data, t]);

  function onSubmit(event: FormEvent<HTMLDivElement>) {
    const form = event.target;
    if (event.defaultPrevented || !(form instanceof HTMLFormElement)) return;
    const kind = form.dataset.postForm;
    if (kind === "helpful") {
      event.preventDefault();
      submit(form, { preventScrollReset: true });
    } else if (kind === "save") {
      event.preventDefault();
      const data = new FormData(form);
      data.set("via", "fetch");
      setSaveButton(form, data.get("saved") === "1", t);
      form.querySelector(".form-error")?.remove();
      lastSave.current = form;
      saver.submit(data, { method: "post", action: form.getAttribute("action") ?? "" });
    }
  }

  function onClick(event: MouseEvent<HTMLDivElement>) {
    if (event.defaultPrevented || !inPlace?.ready) return;
    const link = (event.target as Element).closest?.("a[id^='reply-link-']");
    if (!link || !(event.currentTarget as HTMLElement).contains(link)) return;
    // A new tab or window (modifier keys, middle button) still gets the reply page.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const postId = Number(link.id.slice("reply-link-".length));
    event.preventDefault();
    if (inPlace.openId === postId) document.getElementById(`reply-in-place-body-${postId}`)?.focus();
    else inPlace.open(postId);
  }

  // Both handlers only act on events from the controls inside: the div is a container, not a control.
  return (
    <div className={className} onSubmit={onSubmit} onClick={onClick}>
      {children}
    </div>
  );
}

function isSaveRequest(form: HTMLFormElement): boolean {
  return form.querySelector<HTMLInputElement>("input[name='saved']")?.value === "1";
}

/** Shows the save button as saved or not, and makes the form's next press do the opposite. */
function setSaveButton(form: HTMLFormElement, saved: boolean, t: TFunction<"threads">) {
  const input = form.querySelector<HTMLInputElement>("input[name='saved']");
  const button = form.querySelector("button");
  if (input) input.value = saved ? "0" : "1";
  if (button) {
    button.setAttribute("aria-pressed", String(saved));
    // The text node itself changes, not the button's children: on a card React rendered, React keeps it.
    const text = button.firstChild;
    const label = saved ? t("saveButton.saved") : t("saveButton.save");
    if (text?.nodeType === Node.TEXT_NODE) text.nodeValue = label;
    else button.textContent = label;
  }
}
