// The visit form's device storage: answers, comments, times and photos stay in localStorage
// until the server has them, so a reload (even offline) or a lost connection loses nothing. The
// visit id is the server's (made when the visit was scheduled) and each photo has a client-made
// id, so sending again after a failure is idempotent.
import type { TVisitDetail } from '@fidelia/contracts';

export type TValue = boolean | number | 'na' | null;

export interface TDraftPhoto {
  id: string;
  kind: 'evidence' | 'receipt';
  itemKey: string | null;
  filename: string;
  dataUrl: string;
  uploaded: boolean;
}

export interface TDraft {
  visitId: string;
  startedAt: string;
  endedAt: string | null;
  answers: Record<string, TValue>;
  comments: Record<string, string>;
  comment: string;
  photos: TDraftPhoto[];
  /** Set when the person pressed "send": the outbox retries until the server answers. */
  queued: boolean;
  /** Copy of the visit as last loaded (the form renders from it offline). */
  visit: TVisitDetail | null;
}

const key = (id: string) => `fidelia.fieldwork.draft.${id}`;

export function loadDraft(id: string): TDraft | null {
  try {
    const raw = localStorage.getItem(key(id));
    return raw ? (JSON.parse(raw) as TDraft) : null;
  } catch {
    return null;
  }
}

export function saveDraft(d: TDraft): boolean {
  try {
    localStorage.setItem(key(d.visitId), JSON.stringify(d));
    return true;
  } catch {
    return false; // storage full: the caller warns
  }
}

export function dropDraft(id: string): void {
  localStorage.removeItem(key(id));
}

export function newDraft(id: string): TDraft {
  return {
    visitId: id,
    startedAt: new Date().toISOString(),
    endedAt: null,
    answers: {},
    comments: {},
    comment: '',
    photos: [],
    queued: false,
    visit: null,
  };
}

/** Shrinks a camera picture to at most 1280 px, JPEG, so a few fit in device storage. */
export async function shrinkImage(file: File): Promise<string> {
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    await new Promise<void>((ok, ko) => {
      img.onload = () => ok();
      img.onerror = () => ko(new Error('image'));
      img.src = url;
    });
    const scale = Math.min(1, 1280 / Math.max(img.width, img.height));
    const c = document.createElement('canvas');
    c.width = Math.max(1, Math.round(img.width * scale));
    c.height = Math.max(1, Math.round(img.height * scale));
    c.getContext('2d')?.drawImage(img, 0, 0, c.width, c.height);
    return c.toDataURL('image/jpeg', 0.8);
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function registerOfflineWorker(): void {
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/fieldwork-sw.js', { scope: '/' }).catch(() => {});
  }
}

/** Caches what a reload needs offline (the page, its assets, the session, this visit); the
 * service worker answers from here only when the network fails. */
export async function primeOfflineCache(extra: string[]): Promise<void> {
  if (typeof caches === 'undefined') return;
  try {
    const cache = await caches.open('fidelia-fieldwork-v1');
    const assets = performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name))
      .filter((u) => u.origin === location.origin && u.pathname.startsWith('/assets/'))
      .map((u) => u.pathname);
    await cache.addAll([...new Set(assets)]);
    const shell = await fetch('/', { credentials: 'same-origin' });
    if (shell.ok) await cache.put('/__fieldwork_shell__', shell);
    for (const u of extra) {
      const r = await fetch(u, { credentials: 'same-origin' });
      if (r.ok) await cache.put(u, r);
    }
  } catch {
    // offline already or storage refused: the draft in localStorage still keeps the answers
  }
}
