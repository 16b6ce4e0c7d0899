// Category trees flattened depth-first (for indented selects and lists) and a node's path.
import type { TCategory } from './api';

export interface TNode {
  cat: TCategory;
  depth: number;
  path: string;
}

export function flatten(all: TCategory[], tree: TCategory['tree']): TNode[] {
  const mine = all.filter((c) => c.tree === tree);
  const ids = new Set(mine.map((c) => c.id));
  const byParent = new Map<string | null, TCategory[]>();
  for (const c of mine) {
    const key = c.parentId && ids.has(c.parentId) ? c.parentId : null;
    byParent.set(key, [...(byParent.get(key) ?? []), c]);
  }
  const out: TNode[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number, prefix: string) => {
    const kids = (byParent.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name));
    for (const c of kids) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      const path = prefix ? `${prefix} › ${c.name}` : c.name;
      out.push({ cat: c, depth, path });
      walk(c.id, depth + 1, path);
    }
  };
  walk(null, 0, '');
  return out;
}

/** Ids of a node and everything below it (a node cannot move under these). */
export function subtree(all: TCategory[], id: string): Set<string> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of all)
      if (c.parentId && out.has(c.parentId) && !out.has(c.id)) {
        out.add(c.id);
        grew = true;
      }
  }
  return out;
}
