// Access declarations: every /api route states who may call it in `config.access`; a route
// without one is refused at startup (see app.ts). The generated route-table test relies on it.
export const ROLES = ['owner', 'admin', 'analyst', 'agent', 'viewer', 'shopper'] as const;
export type Role = (typeof ROLES)[number];

/** 'public': no login; 'authenticated': any staff role (every role but `shopper`); 'self': any
 * signed-in user including shoppers (own account: me, password); Role[]: only these roles. */
export type Access = 'public' | 'authenticated' | 'self' | readonly Role[];

/** Mystery shoppers are outsiders: they see their own assigned visits and their own account,
 * nothing else of the product, so 'authenticated' (staff data) leaves them out. */
export const STAFF_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'shopper');

export const ADMINS: readonly Role[] = ['owner', 'admin'];
export const WRITERS: readonly Role[] = ['owner', 'admin', 'analyst'];

export interface AuthContext {
  orgId: string;
  userId: string;
  role: Role;
  unitId: string | null;
  email: string;
  via: 'session' | 'token';
  scopes: string[];
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
    sessionHash: string | null;
  }
}

export function allows(access: Access, role: Role | undefined): boolean {
  if (access === 'public') return true;
  if (!role) return false;
  if (access === 'self') return true;
  if (access === 'authenticated') return role !== 'shopper';
  return access.includes(role);
}
