// The parts of the `clamscan` package (no bundled types) that lib/malware.ts uses.
declare module 'clamscan' {
  import type { Readable } from 'node:stream';

  interface ScanResult {
    isInfected: boolean | null;
    viruses: string[];
  }
  export default class NodeClam {
    init(options: Record<string, unknown>): Promise<NodeClam>;
    scanStream(stream: Readable): Promise<ScanResult>;
  }
}
