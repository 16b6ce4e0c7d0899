// The one place that talks HTTP. Same-origin /api; CSRF token fetched from /api/auth/session and
// sent on every non-GET; error bodies `{error:{code,message,details}}` become ApiError.
export interface TFieldIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }

  /** Field errors of a VALIDATION_FAILED answer, keyed by dotted path. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    const d = this.details as { issues?: TFieldIssue[] } | null;
    for (const issue of d?.issues ?? []) {
      if (typeof issue?.path === 'string' && !(issue.path in out)) out[issue.path] = issue.message;
    }
    return out;
  }
}

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type TQuery = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: TQuery): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

async function toError(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as {
      error?: { code?: string; message?: string; details?: unknown };
    };
    if (body?.error?.code) {
      return new ApiError(
        res.status,
        body.error.code,
        body.error.message ?? body.error.code,
        body.error.details ?? null,
      );
    }
  } catch {
    // Not JSON (proxy error page, empty body): fall through to a generic error.
  }
  return new ApiError(
    res.status,
    res.status === 0 ? 'NETWORK' : `HTTP_${res.status}`,
    res.statusText,
    null,
  );
}

async function ensureCsrf(): Promise<string | null> {
  if (csrfToken) return csrfToken;
  const res = await fetch('/api/auth/session', { credentials: 'same-origin' });
  if (res.ok) {
    const body = (await res.json()) as { csrfToken?: string };
    csrfToken = body.csrfToken ?? null;
  }
  return csrfToken;
}

export async function request(method: string, path: string, body?: unknown): Promise<Response> {
  // The UI language (kept on <html lang>) also picks the language of server error messages.
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': document.documentElement.lang || 'es',
  };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET') {
    const token = await ensureCsrf();
    if (token) headers['x-csrf-token'] = token;
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', e instanceof Error ? e.message : 'network', null);
  }
  // A stale token (new session after login) gets one retry with a fresh token.
  if (res.status === 403 && method !== 'GET') {
    const err = await toError(res.clone());
    if (err.code === 'CSRF_INVALID') {
      csrfToken = null;
      const token = await ensureCsrf();
      if (token) headers['x-csrf-token'] = token;
      res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
    }
  }
  if (!res.ok) throw await toError(res);
  return res;
}

async function json<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await request(method, path, body);
  if (res.status === 204 || res.headers.get('content-length') === '0') return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: TQuery) => json<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown) => json<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => json<T>('PATCH', path, body),
  del: <T>(path: string) => json<T>('DELETE', path),
};

/** Downloads a server file (export, rejections) keeping the session cookie. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const res = await request('GET', path);
  const blob = await res.blob();
  const cd = res.headers.get('content-disposition') ?? '';
  const m = /filename="?([^";]+)"?/i.exec(cd);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = m?.[1] ?? fallbackName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
