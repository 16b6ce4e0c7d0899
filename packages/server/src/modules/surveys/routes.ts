// The surveys module's HTTP routes (registered in modules/index.ts).
import type { FastifyPluginAsync } from 'fastify';

export const surveysRoutes: FastifyPluginAsync = async () => {};
