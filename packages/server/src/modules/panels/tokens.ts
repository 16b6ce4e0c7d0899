// Link tokens of the panels module. They are HMACs of the row they open (keyed by the session
// secret), so the invitation job can rebuild the link without storing it; only the token's
// SHA-256 is stored, and the public routes look rows up by that hash.
import { hmac } from '../../lib/crypto';

export const inviteToken = (secret: string, orgId: string, sessionId: string, memberId: string) =>
  hmac(secret, `panel-invite:${orgId}:${sessionId}:${memberId}`);

export const optinToken = (secret: string, orgId: string, memberId: string) =>
  hmac(secret, `panel-optin:${orgId}:${memberId}`);
