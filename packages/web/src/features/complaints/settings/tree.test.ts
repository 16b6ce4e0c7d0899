import { describe, expect, it } from 'vitest';
import type { TCategory } from './api';
import { flatten, subtree } from './tree';

const cat = (
  id: string,
  parentId: string | null,
  name: string,
  tree: TCategory['tree'] = 'category',
) => ({ id, parentId, name, tree, servqualDimension: null, active: true }) as TCategory;

describe('category tree helpers', () => {
  const all = [
    cat('b', null, 'Banca digital'),
    cat('a', null, 'Atención'),
    cat('b2', 'b', 'Transferencias'),
    cat('b1', 'b', 'App'),
    cat('b1x', 'b1', 'Acceso'),
    cat('c', null, 'Formación', 'cause'),
  ];

  it('flattens one tree depth-first, siblings by name, with paths', () => {
    expect(flatten(all, 'category').map((n) => [n.depth, n.path])).toEqual([
      [0, 'Atención'],
      [0, 'Banca digital'],
      [1, 'Banca digital › App'],
      [2, 'Banca digital › App › Acceso'],
      [1, 'Banca digital › Transferencias'],
    ]);
    expect(flatten(all, 'cause').map((n) => n.path)).toEqual(['Formación']);
  });

  it('a node cannot move under itself or its descendants', () => {
    expect([...subtree(all, 'b')].sort()).toEqual(['b', 'b1', 'b1x', 'b2']);
    expect([...subtree(all, 'b1x')]).toEqual(['b1x']);
  });
});
