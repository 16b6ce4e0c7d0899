// Demo data for the surveys module (registered in demo/seeders.ts).
import type { DemoSeeder } from '../../demo/registry';

export const seedDemoSurveys: DemoSeeder = async () => {};
