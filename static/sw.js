// Switchyard's service worker: keeps the app's files so that, after the
// first visit, the app opens and works with no network.
//
// scripts/sw_manifest.py replaces the BUILD line after every Trunk build
// with the build's files and a version that is a hash of their names and
// contents, so each build gets a cache of its own and a new sw.js.
//
// Pages (navigations, index.html and every file without a content hash in
// its name) are fetched network-first, falling back to the cache when the
// network fails or takes longer than a few seconds; files
// whose names carry Trunk's content hash never change, so they are served
// cache-first. The cache is filled once, at install, and never written at
// run time, so the cached index.html always matches the cached files.
// A new version installs beside the old one and waits until the page asks
// it to take over ("skip-waiting"); activating removes older caches.

const BUILD = { version: "dev", files: [], hashed: [] };

const PREFIX = "switchyard-";
const CACHE = PREFIX + BUILD.version;
const scope = new URL(self.registration.scope);
const hashed = new Set(BUILD.hashed.map((file) => new URL(file, scope).href));

self.addEventListener("install", (event) => {
  // "reload" skips the HTTP cache, so a new version never stores old bytes.
  const requests = BUILD.files.map((file) => new Request(new URL(file, scope), { cache: "reload" }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== scope.origin) return;
  url.hash = "";
  url.search = "";
  if (hashed.has(url.href)) {
    event.respondWith(cacheFirst(request));
  } else {
    event.respondWith(networkFirst(request, request.mode === "navigate"));
  }
});

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  return (await cache.match(request, { ignoreSearch: true })) ?? fetch(request);
}

// How long a page waits for the network before opening from the cache:
// a network that takes connections but never answers (a captive portal, a
// stalled server) would otherwise hold the app back indefinitely.
const NETWORK_WAIT_MS = 4000;

async function networkFirst(request, page) {
  const stalled = new AbortController();
  const timer = setTimeout(() => stalled.abort(), NETWORK_WAIT_MS);
  try {
    return await fetch(request, { signal: stalled.signal });
  } catch (offline) {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(request, { ignoreSearch: true });
    // Any address under the scope opens the app, as the server does for "/".
    const fallback = page ? await cache.match(new URL("index.html", scope)) : undefined;
    const found = hit ?? fallback;
    if (found) return found;
    throw offline;
  } finally {
    clearTimeout(timer);
  }
}
