// Offline support for the fieldwork visit form (registered by features/fieldwork when a visit
// page opens). Narrow on purpose: network first for page loads, the session and the fieldwork
// visit reads (the cached copy answers only when the network fails), cache first for the
// content-hashed /assets/ files. Nothing is ever sent from here: answers wait in the page's
// localStorage outbox and are submitted by the page (idempotent, client-made ids).
const CACHE = 'fidelia-fieldwork-v1';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));

async function networkFirst(req, key) {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(req);
    if (res.ok) await cache.put(key ?? req, res.clone());
    return res;
  } catch (err) {
    const hit = await cache.match(key ?? req);
    if (hit) return hit;
    throw err;
  }
}

async function cacheFirst(req) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(req);
  if (hit) return hit;
  const res = await fetch(req);
  if (res.ok) await cache.put(req, res.clone());
  return res;
}

self.addEventListener('fetch', (e) => {
  const req = e.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.mode === 'navigate') {
    e.respondWith(networkFirst(req, '/__fieldwork_shell__'));
  } else if (url.pathname.startsWith('/assets/')) {
    e.respondWith(cacheFirst(req));
  } else if (
    url.pathname === '/api/auth/session' ||
    url.pathname === '/api/auth/me' ||
    url.pathname.startsWith('/api/fieldwork/visits')
  ) {
    e.respondWith(networkFirst(req));
  }
});
