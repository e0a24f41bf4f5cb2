import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export interface TreeNode<T> {
  item: T;
  children: TreeNode<T>[];
}

/** Turns posts in threaded (path) order into a tree; a post whose parent is not in the list is a root. */
export function buildTree<T extends { id: number; parentId: number | null }>(items: T[]): TreeNode<T>[] {
  const nodes = new Map<number, TreeNode<T>>();
  const roots: TreeNode<T>[] = [];
  for (const item of items) {
    const node = { item, children: [] };
    nodes.set(item.id, node);
    const parent = item.parentId === null ? undefined : nodes.get(item.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** Where an item sits: `parentJustAbove` when the post it answers is the one shown right above it. */
export interface TreePlacement {
  parentJustAbove: boolean;
}

/**
 * Nested replies as nested lists, so assistive technology announces the depth ("list, level 3"); each
 * branch folds with <details>, which needs no JavaScript. `renderAfter` adds what follows an item's replies
 * (a link to those cut from the page).
 */
export function ReplyTree<T extends { id: number; parentId: number | null; descendantCount: number }>({
  nodes,
  level,
  renderItem,
  renderAfter,
  nested = false,
}: {
  nodes: TreeNode<T>[];
  level: number;
  renderItem: (item: T, level: number, placement: TreePlacement) => ReactNode;
  renderAfter?: (item: T) => ReactNode;
  /** Set for the lists under a post: their first item sits right under its parent. */
  nested?: boolean;
}) {
  const { t } = useTranslation("threads");
  return (
    <ol className={`reply-list level-${Math.min(level, 7)}`}>
      {nodes.map((node, index) => (
        <li key={node.item.id} className="reply-item">
          {renderItem(node.item, level, { parentJustAbove: nested && index === 0 })}
          {node.children.length ? (
            <details open className="branch">
              <summary>
                <span className="when-open">{t("replyTree.hide")}</span>
                <span className="when-closed">{t("replyTree.show")}</span>{" "}
                {t("replyTree.replies", { count: node.item.descendantCount })}
              </summary>
              <ReplyTree
                nodes={node.children}
                level={level + 1}
                renderItem={renderItem}
                renderAfter={renderAfter}
                nested
              />
            </details>
          ) : null}
          {renderAfter?.(node.item)}
        </li>
      ))}
    </ol>
  );
}
