// Gaps 2 and 3 come from other modules: the standards module's coverage (important items with no
// or weak standard, targets below stated expectations) and the fieldwork module's audit and
// mystery-shopping compliance per standard. Both are read only through their service.ts.
import type { TServqualReport } from '@fidelia/contracts';
import type { TServqualDimension } from '@fidelia/stats';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import type { TEvidence } from './evidence';

export interface TGap2Finding {
  key: string;
  item: number | null;
  dimension: TServqualDimension | null;
  /** 'no_standard' | 'weak_standard' | 'target_below_expectation' */
  reason: string;
  importance: number | null;
  label: string;
}
export interface TGap2 {
  findings: TGap2Finding[];
  standards: number;
}
export interface TGap3 {
  dimensions: {
    dimension: TServqualDimension;
    compliance: number | null;
    n: number;
    failing: number;
  }[];
  standards: {
    id: string;
    code: string;
    name: string;
    dimension: TServqualDimension | null;
    n: number;
    met: number;
    compliance: number | null;
  }[];
  visits: number;
}

export async function externalGaps(
  _db: Sql,
  _auth: AuthContext,
  _q: {
    unitId?: string;
    from?: string;
    to?: string;
    servqual: TServqualReport | null;
    unitIds: string[] | null;
  },
): Promise<{ gap2: TEvidence<TGap2>; gap3: TEvidence<TGap3> }> {
  return {
    gap2: { status: 'missing', missing: 'module_unavailable', template: null, link: '/standards' },
    gap3: { status: 'missing', missing: 'module_unavailable', template: null, link: '/fieldwork' },
  };
}
