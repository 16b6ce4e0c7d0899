// The part of autocannon's API the submit bench uses (the package ships no types).
declare module 'autocannon' {
  namespace autocannon {
    interface Request {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string;
      setupRequest?: (req: Request) => Request;
      onResponse?: (status: number, body: string) => void;
    }
    interface Options {
      url: string;
      connections?: number;
      duration?: number;
      requests?: Request[];
    }
    interface Result {
      latency: { p50: number; p99: number; average: number };
      requests: { total: number; average: number };
      non2xx: number;
      errors: number;
      timeouts: number;
      '2xx': number;
      /** seconds */
      duration: number;
    }
  }
  function autocannon(
    opts: autocannon.Options,
    cb: (err: Error | null, res: autocannon.Result) => void,
  ): unknown;
  export = autocannon;
}
