// Access declarations: every /api route states who may call it in `config.access`; a route
// without one is refused at startup (see app.ts). The generated route-table test relies on it.
export const ROLES = ['owner', 'admin', 'analyst', 'agent', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** 'public': no login; 'authenticated': any role; Role[]: only these roles. */
export type Access = 'public' | 'authenticated' | readonly Role[];

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
  if (access === 'authenticated') return true;
  return access.includes(role);
}
