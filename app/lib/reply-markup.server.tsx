import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import type { i18n as I18n } from "i18next";
import type { PostView } from "~/models/thread-page.server";
import type { Continuation } from "~/models/page-bounds.server";
import { continuationsAfter } from "~/components/thread/continue-thread";
import { NewReplyMark } from "~/components/thread/new-replies";
import { PostCard, type PostActions } from "~/components/thread/post-card";
import { buildTree, ReplyTree, type TreePlacement } from "~/components/thread/reply-tree";
import { ReaderClockProvider, type ReaderClock } from "~/components/reader-time";
import { formatRelativeTime } from "./format";
import { i18nFor, type Language } from "./i18n";
import { languageNow } from "./translate";
import { fragment, fragmentKey, htmlDigest } from "./post-fragments.server";

// A page of replies as HTML (docs/decisions/0030): the tree (lists, branches, "New" marks, links to cut
// replies) is rendered for each request, each post card comes from the fragment cache, rendered once for
// every reader who sees it the same way. The card is PostCard, as everywhere: this module only decides
// when to render it. Cards are in the reader's language (the request's, lib/translate): the language is part of
// every fragment's key, so a Spanish and an English reader of the same thread each get their own words.

/** Bumped when PostCard's markup changes in a way its inputs don't show (a restart empties the cache anyway). */
const CARD_FORMAT = 1;

export interface ReplyMarkupInput {
  /** The fragments' tag: dropped with the thread's pages (page-invalidation.server). */
  threadId: number;
  replies: PostView[];
  /** The level of the first posts (a thread page's replies: 1; a branch page's: its post's depth). */
  level?: number;
  continuations: Continuation[];
  /** What the viewer may do with a post by its author (components/thread/post-actions). */
  actionsFor: (authorId: number | undefined) => PostActions;
  newPostIds: ReadonlySet<number>;
  highlightId: number | null;
  clock: ReaderClock;
}

export function renderReplyMarkup(input: ReplyMarkupInput): string {
  const language = languageNow();
  const i18n = i18nFor(language);
  const cards = new Map<number, string>();
  const tree = renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <ReplyTree
        nodes={buildTree(input.replies)}
        level={input.level ?? 1}
        renderItem={(post, level, placement) => {
          cards.set(post.id, cardHtml(input, { language, i18n }, post, level, placement));
          return (
            <NewReplyMark isNew={input.newPostIds.has(post.id)}>
              <template data-card={post.id} />
            </NewReplyMark>
          );
        }}
        renderAfter={continuationsAfter(input.continuations)}
      />
    </I18nextProvider>,
  );
  return tree.replace(/<template data-card="(\d+)"><\/template>/g, (_, id: string) => cards.get(Number(id)) ?? "");
}

function cardHtml(
  input: ReplyMarkupInput,
  { language, i18n }: { language: Language; i18n: I18n },
  post: PostView,
  level: number,
  placement: TreePlacement,
): string {
  // A post under a pseudonym hides its author, but it is someone else's: it can be flagged and found helpful.
  const actions = input.actionsFor(post.author?.id ?? (post.pseudonym?.masked ? 0 : undefined));
  const highlighted = post.id === input.highlightId;
  const { timeZone, renderedAt } = input.clock;
  const render = () =>
    renderToStaticMarkup(
      // Stable dates in the fragment, so it serves any moment; a member's relative time goes in below.
      <I18nextProvider i18n={i18n}>
        <ReaderClockProvider clock={{ timeZone, renderedAt: null }}>
          <PostCard post={post} level={level} placement={placement} actions={actions} highlighted={highlighted} />
        </ReaderClockProvider>
      </I18nextProvider>,
    );
  // The one reply just posted or linked to is marked for this request only: rendered, not cached.
  const html = highlighted
    ? render()
    : fragment(
        fragmentKey([
          CARD_FORMAT,
          language,
          timeZone,
          level,
          placement.parentJustAbove,
          actionsKey(actions, post.id),
          { ...post, html: htmlDigest(post.id, post.html) },
        ]),
        [`thread:${input.threadId}`],
        render,
      );
  return renderedAt === null ? html : withRelativeTime(html, post.createdAt, timeZone, renderedAt, language);
}

/** The controls a card shows, as its key holds them (the log-in address only says whether there is one). */
function actionsKey(actions: PostActions, postId: number) {
  return [
    actions.canReply,
    actions.canEdit,
    actions.canDelete,
    actions.canReact,
    actions.canFlag,
    actions.canModerate,
    actions.loginToReply !== null,
    actions.continueAtDepth,
    actions.savedPostIds ? actions.savedPostIds.has(postId) : null,
  ];
}

/**
 * The card's time said relative to when a member's page is rendered: the first <time> of a card is its
 * header's (the words come after the header), and its text is what changes.
 */
function withRelativeTime(html: string, ms: number, timeZone: string, now: number, language: Language): string {
  const end = html.indexOf("</time>");
  if (end === -1) return html;
  const start = html.lastIndexOf(">", end) + 1;
  return `${html.slice(0, start)}${formatRelativeTime(ms, now, timeZone, language)}${html.slice(end)}`;
}
