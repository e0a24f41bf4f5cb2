// Materialized paths: each reply's path is its ancestors' fixed-width ids and its own, so sorting by path
// gives threaded (depth-first) order and a subtree is one index range [path, path + "~").

const SEGMENT_WIDTH = 7; // base 36: ids up to 78 billion

export function pathSegment(id: number): string {
  return id.toString(36).padStart(SEGMENT_WIDTH, "0");
}

export function childPath(parentPath: string, id: number): string {
  return parentPath + pathSegment(id);
}

export function idsInPath(path: string): number[] {
  const ids: number[] = [];
  for (let i = 0; i < path.length; i += SEGMENT_WIDTH) ids.push(parseInt(path.slice(i, i + SEGMENT_WIDTH), 36));
  return ids;
}

/** The upper bound of a subtree's range: every descendant's path sorts below it. */
export function subtreeEnd(path: string): string {
  return `${path}~`;
}
