import { useLocalStorage } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { TOrgUnit } from '../api/types';

export function useOrgUnits() {
  return useQuery({
    queryKey: ['org-units'],
    queryFn: () => api.get<{ items: TOrgUnit[] }>('/api/org-units').then((r) => r.items),
    staleTime: 60_000,
  });
}

/** Selected org unit of the header picker ('' = whole organisation), remembered per browser. */
export function useSelectedUnit(): [string, (id: string) => void] {
  const [unit, setUnit] = useLocalStorage<string>({ key: 'fidelia_unit', defaultValue: '' });
  return [unit, setUnit];
}

export interface TUnitOption {
  value: string;
  label: string;
  depth: number;
}

/** Flattens the tree depth-first so a plain select can show it indented. */
export function unitOptions(units: TOrgUnit[]): TUnitOption[] {
  const byParent = new Map<string | null, TOrgUnit[]>();
  const ids = new Set(units.map((u) => u.id));
  for (const u of units) {
    // Units whose parent is outside the visible subtree become roots.
    const key = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    const list = byParent.get(key) ?? [];
    list.push(u);
    byParent.set(key, list);
  }
  const out: TUnitOption[] = [];
  const walk = (parent: string | null, depth: number) => {
    const children = (byParent.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name));
    for (const u of children) {
      out.push({ value: u.id, label: u.name, depth });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export function unitName(units: TOrgUnit[] | undefined, id: string | null): string {
  if (!id) return '';
  return units?.find((u) => u.id === id)?.name ?? '';
}
