import type { SerializeFrom } from "@remix-run/node";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Continuation } from "~/models/page-bounds.server";

type Cut = SerializeFrom<Continuation>;

/** A branch page: the post with its replies, from the first or after the child `after`. */
export function branchHref(postId: number, after: number | null = null): string {
  return `/posts/${postId}?branch=1${after ? `&after=${after}` : ""}`;
}

/**
 * For ReplyTree's renderAfter: under each post whose replies were cut from the page, a plain link to them
 * ("Continue this thread (n more replies)").
 */
export function continuationsAfter(continuations: Cut[]): (post: { id: number }) => ReactNode {
  const byPost = new Map(continuations.map((cut) => [cut.postId, cut]));
  return (post) => {
    const cut = byPost.get(post.id);
    if (!cut) return null;
    return <ContinueLink cut={cut} />;
  };
}

function ContinueLink({ cut }: { cut: Cut }) {
  const { t } = useTranslation("threads");
  return (
    <p className="continue-thread">
      <a href={branchHref(cut.postId, cut.after)}>{t("continueThread.link", { count: cut.count })}</a>
    </p>
  );
}
