// The one list of API modules. A module is a Fastify plugin registering its routes (each with
// `config: { access }`). Add yours here with one line.
import type { FastifyPluginAsync } from 'fastify';
import { analyticsRoutes } from './analytics/routes';
import { auditRoutes } from './audit/routes';
import { authRoutes } from './auth/routes';
import { complaintsRoutes } from './complaints/routes';
import { complaintsSlaRoutes } from './complaints/sla/routes';
import { customersRoutes } from './customers/routes';
import { diagnosticRoutes } from './diagnostic/routes';
import { fieldworkRoutes } from './fieldwork/routes';
import { healthRoutes } from './health/routes';
import { orgRoutes } from './orgs/routes';
import { panelsRoutes } from './panels/routes';
import { performanceRoutes } from './performance/routes';
import { retentionRoutes } from './retention/routes';
import { standardsRoutes } from './standards/routes';
import { strategyRoutes } from './strategy/routes';
import { surveysRoutes } from './surveys/routes';
import { tokenRoutes } from './tokens/routes';
import { userRoutes } from './users/routes';

export const apiModules: FastifyPluginAsync[] = [
  healthRoutes,
  authRoutes,
  orgRoutes,
  userRoutes,
  tokenRoutes,
  auditRoutes,
  customersRoutes,
  surveysRoutes,
  complaintsRoutes,
  complaintsSlaRoutes,
  retentionRoutes,
  analyticsRoutes,
  standardsRoutes,
  fieldworkRoutes,
  performanceRoutes,
  strategyRoutes,
  panelsRoutes,
  diagnosticRoutes,
];
