// The complaints module's HTTP routes (registered in modules/index.ts).
import type { FastifyPluginAsync } from 'fastify';

export const complaintsRoutes: FastifyPluginAsync = async () => {};
