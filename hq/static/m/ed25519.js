/* Ed25519 in JavaScript for browsers whose WebCrypto lacks it (older WeChat webviews): the app
   (app.js) adds this module only then, so the first load of the card stays small. It hands the
   vendored @noble/ed25519 (MIT, hq/static/vendor/VERSIONS.md) to app.js. */
import * as ed from '/static/vendor/noble-ed25519-3.2.0.js';
window.MTEd25519 = ed;
window.dispatchEvent(new Event('mt-ed25519'));
