import { useFetcher, useLocation } from "@remix-run/react";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { Link } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { replyFormPath } from "~/lib/post-links";
import type { action as replyAction, loader as replyLoader } from "~/routes/posts.$id.reply";
import { ReplyComposer } from "./reply-composer";

// Reply in place: with JavaScript, a post's Reply opens the reply form right under the post; without it, Reply
// is a plain link to the reply page (/posts/:id/reply), which is also what the form posts to either way.

interface ReplyInPlace {
  /** The post whose composer is open, if any. */
  openId: number | null;
  /** False on the server and until hydration: Reply stays a link. */
  ready: boolean;
  open: (postId: number) => void;
  close: () => void;
}

const ReplyInPlaceContext = createContext<ReplyInPlace | null>(null);

/** Around a page of posts: one composer open at a time, closed when the page changes (after posting). */
export function ReplyInPlaceProvider({ children }: { children: ReactNode }) {
  const [openId, setOpenId] = useState<number | null>(null);
  const [ready, setReady] = useState(false);
  const location = useLocation();
  useEffect(() => setReady(true), []);
  useEffect(() => setOpenId(null), [location.key]);
  const close = useCallback(() => {
    setOpenId((current) => {
      // Back to the Reply that opened it, so a keyboard user is where they were.
      if (current !== null) window.setTimeout(() => document.getElementById(replyLinkId(current))?.focus(), 0);
      return null;
    });
  }, []);
  const value = useMemo(() => ({ openId, ready, open: setOpenId, close }), [openId, ready, close]);
  return <ReplyInPlaceContext.Provider value={value}>{children}</ReplyInPlaceContext.Provider>;
}

/** The page's reply-in-place state (null outside a provider): for post cards in server markup (./post-markup). */
export function useReplyInPlace(): ReplyInPlace | null {
  return useContext(ReplyInPlaceContext);
}

/**
 * After posting in place, the page moves to the new reply: focus goes to it too (it was on the composer's button,
 * which is gone), so keyboard and screen reader users continue from their reply.
 */
export function useFocusOnHighlighted(highlightId: number | null) {
  useEffect(() => {
    if (highlightId === null) return;
    const article = document.getElementById(`post-${highlightId}`);
    if (article && !article.contains(document.activeElement)) article.focus({ preventScroll: true });
  }, [highlightId]);
}

export function replyLinkId(postId: number) {
  return `reply-link-${postId}`;
}

export function composerRegionId(postId: number) {
  return `reply-in-place-${postId}`;
}

/** A post's Reply: the reply page's link, which opens the composer in place when the page runs JavaScript. */
export function ReplyLink({ postId }: { postId: number }) {
  const { t } = useTranslation("threads");
  const inPlace = useContext(ReplyInPlaceContext);
  const live = inPlace?.ready === true;
  const expanded = live && inPlace.openId === postId;
  return (
    <a
      id={replyLinkId(postId)}
      href={replyFormPath(postId)}
      aria-expanded={live ? expanded : undefined}
      aria-controls={expanded ? composerRegionId(postId) : undefined}
      onClick={(event) => {
        // A new tab or window (modifier keys, middle button) still gets the reply page.
        if (!live || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        if (expanded) document.getElementById(`reply-in-place-body-${postId}`)?.focus();
        else inPlace.open(postId);
      }}
    >
      {t("postCard.reply")}
    </a>
  );
}

/** Where a post's composer opens: right after the post, before the replies under it. */
export function ReplyInPlaceSlot({ postId }: { postId: number }) {
  const inPlace = useContext(ReplyInPlaceContext);
  if (!inPlace || inPlace.openId !== postId) return null;
  return <InPlaceComposer postId={postId} onClose={inPlace.close} />;
}

/**
 * Loads the reply page's data (the member's draft for this post, the pseudonym they answer under, whether the
 * thread still takes replies), then shows the form. Preview, drafts and errors come back through the fetcher;
 * a posted reply redirects, which moves the page to the new reply.
 */
function InPlaceComposer({ postId, onClose }: { postId: number; onClose: () => void }) {
  return (
    <div id={composerRegionId(postId)} className="reply-in-place">
      <InPlaceComposerBody postId={postId} onClose={onClose} />
    </div>
  );
}

/** What InPlaceComposer holds, for a box made outside React (under a card in server markup: ./post-markup). */
export function InPlaceComposerBody({ postId, onClose }: { postId: number; onClose: () => void }) {
  const { t } = useTranslation("threads");
  const target = useFetcher<typeof replyLoader>();
  const form = useFetcher<typeof replyAction>();
  useEffect(() => {
    target.load(replyFormPath(postId));
    // Once per opening: the draft is read when the form opens, not again while the member types.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [postId]);
  const data = target.data;
  const answer = form.data;
  const savedDraftId = answer?.savedDraftId ?? null;
  return (
    <>
      {!data ? (
        <p className="muted small" role="status">
          {t("replyInPlace.opening")}
        </p>
      ) : !data.canReply ? (
        <p className="notice">{t("replyInPlace.locked")}</p>
      ) : (
        <>
          {data.target.replyPseudonym ? (
            <p className="notice" role="note">
              {t("replyInPlace.pseudonym", { name: data.target.replyPseudonym })}
            </p>
          ) : null}
          {savedDraftId ? (
            <p className="notice" role="status">
              <Trans t={t} i18nKey="replyInPlace.draftSaved" components={{ go: <Link to="/drafts" /> }} />
            </p>
          ) : null}
          <ReplyComposer
            parentId={postId}
            heading={replyHeading(data.target.post, t)}
            defaultBody={data.draftBody}
            error={answer?.fieldErrors?.bodySource}
            formError={answer?.fieldErrors?.form}
            draftId={savedDraftId ?? data.draftId}
            preview={answer?.preview ?? null}
            fetcher={form}
            onCancel={onClose}
            autoFocus
            attachment={{ fields: answer?.fields, errors: answer?.fieldErrors ?? {} }}
          />
        </>
      )}
    </>
  );
}

function replyHeading(
  post: { depth: number; author: { displayName: string } | null; pseudonym?: { name: string } | null },
  t: TFunction<"threads">,
): string {
  if (post.depth === 0) return t("replyInPlace.headingDiscussion");
  const name = post.author?.displayName ?? post.pseudonym?.name;
  return name ? t("replyInPlace.headingTo", { name }) : t("replyInPlace.headingThisReply");
}
