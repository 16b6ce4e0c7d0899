import { describe, expect, it } from 'vitest';
import { unitOptions } from './units';

describe('unitOptions', () => {
  it('flattens the tree depth-first, sorted by name, with depths', () => {
    const out = unitOptions([
      { id: 'b2', parentId: 'r', name: 'Toledo', kind: 'branch' },
      { id: 'c', parentId: null, name: 'Banco', kind: 'company' },
      { id: 'r', parentId: 'c', name: 'Centro', kind: 'region' },
      { id: 'b1', parentId: 'r', name: 'Madrid', kind: 'branch' },
    ]);
    expect(out.map((o) => [o.value, o.depth])).toEqual([
      ['c', 0],
      ['r', 1],
      ['b1', 2],
      ['b2', 2],
    ]);
  });

  it('treats units whose parent is not visible (unit-scoped user) as roots', () => {
    const out = unitOptions([{ id: 'b', parentId: 'hidden', name: 'Sucursal', kind: 'branch' }]);
    expect(out).toEqual([{ value: 'b', label: 'Sucursal', depth: 0 }]);
  });
});
