// Demo data for the retention module (registered in demo/seeders.ts).
import type { DemoSeeder } from '../../demo/registry';

export const seedDemoRetention: DemoSeeder = async () => {};
