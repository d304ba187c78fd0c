/* The member app's service worker (scope /m/): the pages and their files come from the network
   when it answers and from this cache when it does not, so the card (its data is in localStorage,
   the device key in IndexedDB) opens and its code keeps rotating with the phone offline.
   The member API (/v1/) is never cached here. */
var CACHE = 'membertill-m-1';
var SHELL = ['/m/card', '/static/m/app.js', '/static/m/app.css', '/static/vendor/qrcode-generator-2.0.4.js',
             '/static/m/icon.svg', '/m/manifest.webmanifest'];

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(CACHE).then(function (c) { return c.addAll(SHELL); }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== CACHE; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener('fetch', function (event) {
  var url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== location.origin) return;
  if (url.pathname.indexOf('/m/') !== 0 && url.pathname.indexOf('/static/') !== 0) return;
  event.respondWith(fetch(event.request).then(function (response) {
    if (response.ok) {
      var copy = response.clone();
      caches.open(CACHE).then(function (c) { c.put(event.request, copy); });
    }
    return response;
  }).catch(function () {
    return caches.match(event.request, { ignoreSearch: true }).then(function (hit) {
      return hit || caches.match('/m/card');
    });
  }));
});
