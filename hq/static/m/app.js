/* MemberTill member app (H5): one small script for every page under /m (no framework).
   The session token lives in localStorage; the device's Ed25519 key in IndexedDB (not extractable);
   the card's data is kept in localStorage so that the card and its code work offline. */
(function () {
  'use strict';
  var T = JSON.parse(document.getElementById('texts').textContent);
  var PAGE = document.body.getAttribute('data-page');
  var LANG = document.body.getAttribute('data-lang');
  var main = document.getElementById('main');
  var TOKEN = 'mt.token', CARD = 'mt.card';
  var STEP = 30;                        // seconds per code step (hardware/member_code.py STEP_SECONDS)

  function t(key, params) {
    var s = T[key] || key;
    if (params) Object.keys(params).forEach(function (k) { s = s.split('{' + k + '}').join(String(params[k])); });
    return s;
  }
  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === 'text') e.textContent = v;
      else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : v);
    });
    (kids || []).forEach(function (c) { if (c) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }
  function yuan(fen) {
    var neg = fen < 0, a = Math.abs(fen), cents = a % 100;
    return (neg ? '-' : '') + '¥' + Math.floor(a / 100) + '.' + (cents < 10 ? '0' : '') + cents;
  }
  function signed(n) { return (n > 0 ? '+' : '') + n; }
  function kind(k) { return T['kind.' + k] || k; }
  function toast(msg, bad) {
    var box = document.getElementById('toast');
    box.textContent = msg; box.hidden = false; box.className = bad ? 'bad' : '';
    clearTimeout(toast.timer);
    toast.timer = setTimeout(function () { box.hidden = true; }, 4000);
  }
  function render(nodes) {
    main.textContent = '';
    nodes.forEach(function (n) { if (n) main.appendChild(n); });
  }
  function list(rows, empty) {
    if (!rows.length) return el('p', { 'class': 'muted', text: empty || t('common.none') });
    return el('ul', { 'class': 'rows' }, rows);
  }
  function row(left, right, sub) {
    return el('li', {}, [el('div', {}, [el('b', { text: left }), sub ? el('small', { text: sub }) : null]),
                         el('span', { 'class': 'amt', text: right })]);
  }
  function section(title, kids) { return el('section', { 'class': 'box' }, [el('h2', { text: title })].concat(kids)); }

  function ApiError(status, data) { this.status = status; this.data = data || {}; }
  function api(method, path, body) {
    var headers = { 'Accept-Language': LANG === 'en' ? 'en' : 'zh-CN' };
    var token = localStorage.getItem(TOKEN);
    if (token) headers.Authorization = 'Bearer ' + token;
    if (body) headers['Content-Type'] = 'application/json';
    return fetch('/v1/member' + path, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined })
      .then(function (r) {
        return r.text().then(function (text) {
          var data = {};
          try { data = text ? JSON.parse(text) : {}; } catch (e) { data = {}; }
          if (r.status === 401 && token && path.indexOf('/session') !== 0) { signOut(); location.href = '/m/sign-in'; }
          if (!r.ok) throw new ApiError(r.status, data);
          return data;
        });
      });
  }
  function errorText(e) {
    if (!(e instanceof ApiError)) return t('err.offline');
    var d = e.data || {};
    if (d.message) return d.message;                     // coded refusals carry their text (mall, exchange)
    if (d.code === 'birthday_locked') return t('err.birthday_locked', { until: d.until });
    var detail = String(d.detail || '');
    if (e.status === 429) return t('err.too_many');
    if (/Wrong code/.test(detail)) return t('err.code_wrong');
    if (/code has expired/.test(detail)) return t('err.code_expired');
    if (/Already signed in/.test(detail)) return t('err.already_signed');
    if (/No chain|name the chain/.test(detail)) return t('err.chain');
    if (e.status === 422) return t('err.invalid');
    return t('err.generic');
  }
  function fail(e) { toast(errorText(e), true); }
  function setSession(token) {
    localStorage.setItem(TOKEN, token);
    document.cookie = 'mt_session=' + token + '; path=/m; max-age=31536000; samesite=strict' + (location.protocol === 'https:' ? '; secure' : '');
  }
  function signOut() {
    localStorage.removeItem(TOKEN); localStorage.removeItem(CARD);
    document.cookie = 'mt_session=; path=/m; max-age=0; samesite=strict';
    if (window.caches) caches.keys().then(function (ks) { ks.forEach(function (k) { caches.delete(k); }); });
  }
  function requireToken() {
    if (!localStorage.getItem(TOKEN)) { location.replace('/m/sign-in'); return false; }
    return true;
  }
  function requestKey() {
    var a = new Uint8Array(16); crypto.getRandomValues(a);
    return 'tap-' + Array.prototype.map.call(a, function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join('');
  }

  // ---- the device key and the member code (hardware/member_code.py) ----------------------------
  function idb() {
    return new Promise(function (ok, no) {
      var open = indexedDB.open('membertill', 1);
      open.onupgradeneeded = function () { open.result.createObjectStore('keys'); };
      open.onsuccess = function () { ok(open.result); };
      open.onerror = function () { no(open.error); };
    });
  }
  function idbDo(mode, fn) {
    return idb().then(function (db) {
      return new Promise(function (ok, no) {
        var tx = db.transaction('keys', mode), req = fn(tx.objectStore('keys'));
        tx.oncomplete = function () { ok(req.result); };
        tx.onerror = function () { no(tx.error); };
      });
    });
  }
  function hex(bytes) { return Array.prototype.map.call(bytes, function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join(''); }
  function base32(bytes) {
    var A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', out = '', bits = 0, value = 0;
    for (var i = 0; i < bytes.length; i++) {
      value = (value << 8) | bytes[i]; bits += 8;
      while (bits >= 5) { out += A[(value >>> (bits - 5)) & 31]; bits -= 5; }
    }
    if (bits > 0) out += A[(value << (5 - bits)) & 31];
    return out;
  }
  // WebCrypto's Ed25519 when the browser has it (the key is then not extractable); otherwise the
  // vendored @noble/ed25519, added on demand (/static/m/ed25519.js), with the 32-byte secret kept in
  // IndexedDB: older WeChat webviews have no Ed25519 in crypto.subtle.
  var softEd = null;
  function noble() {
    if (!softEd) softEd = new Promise(function (ok, no) {
      if (window.MTEd25519) { ok(window.MTEd25519); return; }
      window.addEventListener('mt-ed25519', function () { ok(window.MTEd25519); });
      var s = document.createElement('script');
      s.type = 'module'; s.src = '/static/m/ed25519.js';
      s.onerror = function () { softEd = null; no(new Error('ed25519')); };
      document.head.appendChild(s);
    });
    return softEd;
  }
  function webCryptoKey() {
    return Promise.resolve().then(function () {
      return crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
    }).then(function (pair) {
      return crypto.subtle.exportKey('raw', pair.publicKey).then(function (raw) {
        return { priv: pair.privateKey, pub: hex(new Uint8Array(raw)) };
      });
    });
  }
  function softKey() {
    return noble().then(function (ed) {
      var secret = ed.utils.randomSecretKey();
      return ed.getPublicKeyAsync(secret).then(function (pub) { return { secret: secret, pub: hex(pub) }; });
    });
  }
  function deviceKey(memberId) {
    return idbDo('readonly', function (s) { return s.get(memberId); }).then(function (rec) {
      if (rec) return rec;
      return webCryptoKey().catch(softKey).then(function (made) {
        rec = made;
        return idbDo('readwrite', function (s) { return s.put(rec, memberId); }).then(function () { return rec; });
      });
    }).then(function (rec) {
      document.body.setAttribute('data-ed25519', rec.secret ? 'js' : 'webcrypto');
      return rec;
    });
  }
  function memberCode(key, memberId, nowMs) {
    var step = Math.floor(nowMs / 1000 / STEP);
    var message = 'MT1.' + memberId + '.' + step;
    var bytes = new TextEncoder().encode(message);
    var signed = key.secret
      ? noble().then(function (ed) { return ed.signAsync(bytes, key.secret); })
      : crypto.subtle.sign({ name: 'Ed25519' }, key.priv, bytes);
    return signed.then(function (sig) {
      return { code: message + '.' + base32(new Uint8Array(sig)), step: step };
    });
  }
  function drawQr(canvas, text) {
    var qr = qrcode(0, 'M');                     // vendored qrcode-generator (MIT)
    qr.addData(text, /^[0-9A-Z $%*+\-.\/:]*$/.test(text) ? 'Alphanumeric' : 'Byte');   // till-made ids may hold lower case
    qr.make();
    var n = qr.getModuleCount(), quiet = 4, cell = Math.max(3, Math.floor(280 / (n + 2 * quiet)));
    var size = (n + 2 * quiet) * cell;
    canvas.width = canvas.height = size;
    var g = canvas.getContext('2d');
    g.fillStyle = '#fff'; g.fillRect(0, 0, size, size); g.fillStyle = '#000';
    for (var r = 0; r < n; r++) for (var c = 0; c < n; c++) {
      if (qr.isDark(r, c)) g.fillRect((c + quiet) * cell, (r + quiet) * cell, cell, cell);
    }
    canvas.setAttribute('data-code', text);
    if (window.performance && performance.mark) performance.mark('code-drawn');
  }

  // ---- pages ---------------------------------------------------------------------------------------
  var pages = {};

  pages['sign-in'] = function () {
    var q = new URLSearchParams(location.search);
    var ref = (q.get('ref') || '').toUpperCase().replace(/[^0-9A-Z]/g, '').slice(0, 16);
    var chain = (q.get('chain') || '').slice(0, 40);
    var phone = el('input', { id: 'phone', type: 'tel', inputmode: 'numeric', maxlength: '11', autocomplete: 'tel',
                              placeholder: t('signin.phone_hint') });
    var code = el('input', { id: 'code', type: 'text', inputmode: 'numeric', maxlength: '6', autocomplete: 'one-time-code',
                             placeholder: t('signin.code_hint') });
    var send = el('button', { id: 'send', type: 'button', 'class': 'second', text: t('signin.send') });
    var go = el('button', { id: 'go', type: 'submit', text: t('signin.submit') });
    var wait = 0;
    function tick() {
      send.disabled = wait > 0;
      send.textContent = wait > 0 ? t('signin.resend', { n: wait }) : t('signin.send');
      if (wait-- > 0) setTimeout(tick, 1000);
    }
    function phoneOk() {
      if (!/^1\d{10}$/.test(phone.value.trim())) { toast(t('err.phone'), true); phone.focus(); return false; }
      return true;
    }
    send.addEventListener('click', function () {
      if (!phoneOk()) return;
      api('POST', '/sms', { phone: phone.value.trim(), chain_id: chain }).then(function () {
        toast(t('signin.sent')); wait = 60; tick(); code.focus();
      }, fail);
    });
    var form = el('form', { 'class': 'box', onsubmit: function (ev) {
      ev.preventDefault();
      if (!phoneOk()) return;
      if (!/^\d{6}$/.test(code.value.trim())) { toast(t('err.code_format'), true); code.focus(); return; }
      go.disabled = true;
      api('POST', '/session', { phone: phone.value.trim(), code: code.value.trim(), referral_code: ref, chain_id: chain })
        .then(function (r) {
          setSession(r.token);
          location.href = '/m/card';
        }, function (e) { go.disabled = false; fail(e); });
    } }, [
      el('label', { 'for': 'phone', text: t('signin.phone') }), phone,
      el('label', { 'for': 'code', text: t('signin.code') }), el('div', { 'class': 'inline' }, [code, send]),
      go,
      el('p', { 'class': 'muted', text: t('signin.note') })
    ]);
    render([q.get('deleted') ? el('p', { 'class': 'note', text: t('privacy.deleted') }) : null,
            ref ? el('p', { 'class': 'note', id: 'invited', text: t('signin.invited', { code: ref }) }) : null, form]);
  };

  function cardView(c, offline) {
    var qr = el('canvas', { id: 'qr', 'aria-label': t('card.qr_label') });
    var left = el('span', { id: 'left' });
    var tiles = el('div', { 'class': 'tiles' }, [
      el('a', { href: '/m/points', 'class': 'tile' }, [el('b', { id: 'points', text: String(c.points) }), el('small', { text: t('card.points') })]),
      el('a', { href: '/m/wallet', 'class': 'tile' }, [el('b', { id: 'sv', text: yuan(c.stored_value_fen) }), el('small', { text: t('card.stored_value') })]),
      el('a', { href: '/m/tier', 'class': 'tile' }, [el('b', { id: 'tier', text: c.tier_name }), el('small', { text: t('card.tier') })])
    ]);
    var menu = el('nav', { 'class': 'menu' }, ['points', 'coupons', 'wallet', 'receipts', 'checkin', 'invite', 'tier', 'mall', 'profile', 'privacy']
      .map(function (p) { return el('a', { href: '/m/' + p, text: t('title.' + p) }); }));
    render([
      offline ? el('p', { 'class': 'note', id: 'offline', text: t('card.offline') }) : null,
      el('section', { 'class': 'card' }, [
        el('div', { 'class': 'who' }, [el('b', { id: 'name', text: c.name }), el('span', { 'class': 'badge', text: c.tier_name }),
                                      el('small', { text: c.phone + ' · ' + c.id })]),
        el('div', { 'class': 'qr' }, [qr]),
        el('p', { 'class': 'muted center' }, [t('card.show'), ' ', left])
      ]),
      c.next_expiry ? el('p', { 'class': 'note', text: t('card.expiring', { points: c.next_expiry.points, on: c.next_expiry.on }) }) : null,
      tiles, menu
    ]);
    return { qr: qr, left: left };
  }

  pages.card = function () {
    if (!requireToken()) return;
    var cached = null;
    try { cached = JSON.parse(localStorage.getItem(CARD) || 'null'); } catch (e) { cached = null; }
    var view = null, key = null, shownStep = -1, memberId = null;
    function show(c, offline) { view = cardView(c, offline); memberId = c.id; shownStep = -1; refresh(); }
    function refresh() {
      if (!view || !key) return;
      var now = Date.now(), step = Math.floor(now / 1000 / STEP);
      view.left.textContent = t('card.refresh_in', { n: STEP - Math.floor(now / 1000) % STEP });
      if (step === shownStep) return;
      shownStep = step;
      memberCode(key, memberId, now).then(function (made) { drawQr(view.qr, made.code); });
    }
    function withKey(c) {
      return deviceKey(c.id).then(function (k) {
        if (c.public_key === k.pub) { document.body.setAttribute('data-key', 'registered'); return k; }
        return api('PUT', '/key', { public_key: k.pub }).then(function () {
          c.public_key = k.pub; localStorage.setItem(CARD, JSON.stringify(c));
          document.body.setAttribute('data-key', 'registered');
          return k;
        });
      });
    }
    function fresh(c) {                      // the card's data from HQ: shown, kept for offline use, key checked
      var keyed = c.public_key;
      localStorage.setItem(CARD, JSON.stringify(c));
      show(c, !navigator.onLine);
      return deviceKey(c.id).then(function (k) {
        key = k; refresh();                  // the code is drawn at once; the key is registered meanwhile
        c.public_key = keyed;
        if (navigator.onLine) return withKey(c);
      });
    }
    var inline = document.getElementById('card-data');
    if (inline) {
      fresh(JSON.parse(inline.textContent)).catch(fail);
    } else {
      if (cached) { show(cached, false); deviceKey(cached.id).then(function (k) { key = k; refresh(); }, function () {}); }
      api('GET', '/app/card').then(fresh).catch(function (e) {
        if (cached) { if (!(e instanceof ApiError)) show(cached, true); }
        else render([el('p', { 'class': 'note', text: errorText(e) })]);
      });
    }
    setInterval(refresh, 1000);
    if ('serviceWorker' in navigator) {
      window.addEventListener('load', function () { navigator.serviceWorker.register('/m/sw.js', { scope: '/m/' }).catch(function () {}); });
    }
  };

  pages.points = function () {
    if (!requireToken()) return;
    api('GET', '/app/points').then(function (p) {
      render([
        el('div', { 'class': 'big' }, [el('b', { id: 'balance', text: String(p.balance) }), el('small', { text: t('card.points') })]),
        section(t('points.expiry'), [list(p.expiry.map(function (x) { return row(t('points.expires_on', { on: x.on }), String(x.points)); }), t('points.no_expiry'))]),
        section(t('points.history'), [el('ul', { 'class': 'rows', id: 'history' }, p.history.map(function (h) {
          return row(kind(h.kind), signed(h.delta), [h.at.replace('T', ' '), h.store || t('points.hq'), h.ref].filter(Boolean).join(' · '));
        }))])
      ]);
    }, fail);
  };

  function couponRule(c) {
    var parts = [];
    (c.ladder || []).forEach(function (l) { parts.push(t('coupons.ladder', { over: yuan(l[0]), off: yuan(l[1]) })); });
    if (c.amount_fen) parts.push(t('coupons.amount', { off: yuan(c.amount_fen) }));
    if (c.percent) parts.push(t(c.cap_fen ? 'coupons.percent_cap' : 'coupons.percent', { n: c.percent, cap: yuan(c.cap_fen || 0) }));
    parts.push(c.stores.length ? t('coupons.stores', { stores: c.stores.join(', ') }) : t('coupons.all_stores'));
    if (c.valid_to) parts.push(t('coupons.valid_to', { on: c.valid_to }));
    return parts.join(' · ');
  }
  pages.coupons = function () {
    if (!requireToken()) return;
    api('GET', '/app/coupons').then(function (w) {
      var body = el('div', {});
      function showTab(name) {
        Array.prototype.forEach.call(tabs.children, function (b) { b.className = b.getAttribute('data-tab') === name ? 'on' : ''; });
        body.textContent = '';
        body.appendChild(list(w[name].map(function (c) {
          return el('li', { 'class': 'coupon ' + name }, [el('div', {}, [el('b', { text: c.name }), el('small', { text: couponRule(c) }),
                                                                     el('small', { 'class': 'mono', text: c.code })])]);
        }), t('coupons.empty')));
      }
      var tabs = el('div', { 'class': 'tabs' }, ['usable', 'used', 'expired'].map(function (n) {
        return el('button', { type: 'button', 'data-tab': n, text: t('coupons.' + n) + ' ' + w[n].length, onclick: function () { showTab(n); } });
      }));
      render([tabs, body]);
      showTab('usable');
    }, fail);
  };

  pages.wallet = function () {
    if (!requireToken()) return;
    api('GET', '/app/wallet').then(function (w) {
      render([
        el('div', { 'class': 'big' }, [el('b', { id: 'total', text: yuan(w.total_fen) }), el('small', { text: t('card.stored_value') })]),
        el('div', { 'class': 'tiles two' }, [
          el('div', { 'class': 'tile' }, [el('b', { id: 'principal', text: yuan(w.principal_fen) }), el('small', { text: t('wallet.principal') })]),
          el('div', { 'class': 'tile' }, [el('b', { id: 'bonus', text: yuan(w.bonus_fen) }), el('small', { text: t('wallet.bonus') })])]),
        el('p', { 'class': 'muted', text: t('wallet.note') }),
        section(t('wallet.ledger'), [list(w.ledger.map(function (e) {
          return row(kind('sv_' + e.kind), yuan(e.principal_fen + e.bonus_fen),
                     [e.at.replace('T', ' '), e.store, t('wallet.split', { p: yuan(e.principal_fen), b: yuan(e.bonus_fen) }), t('wallet.after', { v: yuan(e.balance_fen) })].filter(Boolean).join(' · '));
        }))])
      ]);
    }, fail);
  };

  pages.receipts = function () {
    if (!requireToken()) return;
    api('GET', '/app/receipts').then(function (rs) {
      render([list(rs.map(function (r) {
        return row(r.receipt_no || kind('receipt_' + r.kind), yuan(r.amount_fen), [r.at.replace('T', ' '), r.store, kind('receipt_' + r.kind)].filter(Boolean).join(' · '));
      }), t('receipts.empty'))]);
    }, fail);
  };

  pages.checkin = function () {
    if (!requireToken()) return;
    function load() {
      api('GET', '/app/checkin').then(function (c) {
        var done = {};
        c.days.forEach(function (d) { done[d.day] = d.points; });
        var today = c.today, y = +today.slice(0, 4), m = +today.slice(5, 7) - 1;
        var first = new Date(Date.UTC(y, m, 1)), days = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
        var grid = el('div', { 'class': 'cal', id: 'calendar' });
        (T['checkin.weekdays'] || 'MTWTFSS').split(',').forEach(function (w) { grid.appendChild(el('span', { 'class': 'wd', text: w })); });
        for (var i = 0; i < (first.getUTCDay() + 6) % 7; i++) grid.appendChild(el('span', {}));
        for (var d = 1; d <= days; d++) {
          var key = today.slice(0, 8) + (d < 10 ? '0' : '') + d;
          grid.appendChild(el('span', { 'class': (key in done ? 'done' : '') + (key === today ? ' today' : ''), title: key },
                              [String(d), key in done ? el('small', { text: '+' + done[key] }) : null]));
        }
        var button = el('button', { id: 'sign', type: 'button', disabled: c.signed_today,
                                    text: c.signed_today ? t('checkin.done') : t('checkin.sign', { n: c.today_points }) });
        button.addEventListener('click', function () {
          button.disabled = true;
          api('POST', '/sign-in').then(function (r) { toast(t('checkin.got', { n: r.points, streak: r.streak })); load(); },
                                       function (e) { fail(e); load(); });
        });
        render([
          el('div', { 'class': 'big' }, [el('b', { id: 'streak', text: String(c.streak) }), el('small', { text: t('checkin.streak') })]),
          button,
          el('p', { 'class': 'note', id: 'tomorrow', text: t('checkin.tomorrow', { n: c.tomorrow_points }) }),
          grid
        ]);
      }, fail);
    }
    load();
  };

  pages.invite = function () {
    if (!requireToken()) return;
    api('GET', '/app/invite').then(function (v) {
      var link = el('input', { id: 'link', readonly: true, value: v.link });
      var qr = el('canvas', { id: 'invite-qr', 'aria-label': t('invite.link') });
      var copy = el('button', { type: 'button', 'class': 'second', text: t('invite.copy'), onclick: function () {
        link.select();
        (navigator.clipboard ? navigator.clipboard.writeText(v.link) : Promise.reject()).then(function () { toast(t('invite.copied')); },
          function () { toast(t('invite.copy_hand')); });
      } });
      render([
        el('div', { 'class': 'big' }, [el('b', { id: 'refcode', 'class': 'mono', text: v.referral_code }), el('small', { text: t('invite.code') })]),
        section(t('invite.rewards'), [el('p', { id: 'rewards', text: t('invite.both', { a: v.inviter_points, b: v.invitee_points }) }),
                                     el('p', { 'class': 'muted', text: t('invite.count', { n: v.invited }) })]),
        section(t('invite.link'), [el('div', { 'class': 'qr' }, [qr]), link, copy, el('p', { 'class': 'muted', text: t('invite.how') })])
      ]);
      drawQr(qr, v.link);
    }, fail);
  };

  pages.tier = function () {
    if (!requireToken()) return;
    api('GET', '/app/tier').then(function (v) {
      render([
        el('div', { 'class': 'big' }, [el('b', { id: 'tiername', text: v.tier_name }), el('small', { text: t('tier.since', { on: v.since }) })]),
        section(t('tier.progress'), [
          el('p', { text: t('tier.spend', { v: yuan(v.spend_12m_fen) }) }),
          el('p', { id: 'next', text: v.next_tier ? t('tier.next', { v: yuan(v.next_fen), tier: v.next_tier_name }) : t('tier.top') }),
          el('p', { id: 'keep', text: v.keep_fen ? t('tier.keep', { v: yuan(v.keep_fen), on: v.review_on }) : t('tier.kept', { on: v.review_on }) })]),
        section(t('tier.ladder'), [list(v.tiers.map(function (x) {
          return row(x.name + (x.code === v.tier ? ' ✓' : ''), x.min_spend_12m_fen ? t('tier.from', { v: yuan(x.min_spend_12m_fen) }) : '',
                     [x.discount_percent ? t('tier.discount', { n: x.discount_percent }) : '', t('tier.multiplier', { n: x.points_multiplier_pct })].filter(Boolean).join(' · '));
        }))])
      ]);
    }, fail);
  };

  pages.mall = function () {
    if (!requireToken()) return;
    function load() {
      Promise.all([api('GET', '/app/card'), api('GET', '/mall/items'), api('GET', '/mall/orders'), api('GET', '/exchange/offers')])
        .then(function (r) {
          var card = r[0], items = r[1], orders = r[2], offers = r[3];
          function buy(label, path, body) {
            return function (ev) {
              var b = ev.target;
              if (b.getAttribute('data-armed') !== '1') { b.setAttribute('data-armed', '1'); b.textContent = t('mall.confirm', { item: label }); return; }
              b.disabled = true;
              api('POST', path, body).then(function () { toast(t('mall.done')); load(); }, function (e) { b.disabled = false; fail(e); });
            };
          }
          render([
            el('div', { 'class': 'big' }, [el('b', { id: 'balance', text: String(card.points) }), el('small', { text: t('card.points') })]),
            section(t('mall.items'), [list(items.map(function (i) {
              var btn = el('button', { type: 'button', 'class': 'small', 'data-item': i.id, disabled: i.stock <= 0 || card.points < i.points,
                                       text: t('mall.redeem', { n: i.points }), onclick: buy(i.name, '/mall/orders', { item_id: i.id, request_key: requestKey() }) });
              return el('li', {}, [el('div', {}, [el('b', { text: i.name }),
                el('small', { text: [t('mall.kind_' + i.kind), t('mall.stock', { n: i.stock }), i.per_member_limit ? t('mall.limit', { n: i.per_member_limit }) : ''].filter(Boolean).join(' · ') })]), btn]);
            }), t('mall.empty'))]),
            offers.length ? section(t('mall.exchange'), [list(offers.map(function (o) {
              return el('li', {}, [el('div', {}, [el('b', { text: o.name }), el('small', { text: t('mall.valid_days', { n: o.valid_days }) })]),
                el('button', { type: 'button', 'class': 'small', 'data-offer': o.id, disabled: card.points < o.points, text: t('mall.redeem', { n: o.points }),
                               onclick: buy(o.name, '/exchange', { offer_id: o.id, request_key: requestKey() }) })]);
            }))]) : null,
            section(t('mall.orders'), [el('ul', { 'class': 'rows', id: 'orders' }, orders.map(function (o) {
              var status = t('mall.status_' + o.status) + (o.store_code ? ' · ' + o.store_code : '') + (o.coupon_code ? ' · ' + o.coupon_code : '');
              var cancel = o.status === 'pending' ? el('button', { type: 'button', 'class': 'small second', text: t('mall.cancel'),
                onclick: function (ev) { ev.target.disabled = true; api('POST', '/mall/cancel', { order_id: o.id }).then(function () { toast(t('mall.cancelled')); load(); }, fail); } }) : null;
              return el('li', { 'data-order': o.id, 'data-status': o.status }, [el('div', {}, [el('b', { text: o.item_name + ' · ' + o.points + t('mall.pts') }),
                el('small', { text: status })]), cancel]);
            })), orders.length ? null : el('p', { 'class': 'muted', text: t('common.none') }),
              el('p', { 'class': 'muted', text: t('mall.collect') })])
          ]);
        }, fail);
    }
    load();
  };

  pages.profile = function () {
    if (!requireToken()) return;
    api('GET', '/app/profile').then(function (p) {
      function field(name, label, input) { return [el('label', { 'for': name, text: label }), input]; }
      var name = el('input', { id: 'name', maxlength: '32', value: p.name });
      var gender = el('select', { id: 'gender' }, ['', 'female', 'male', 'other'].map(function (g) {
        return el('option', { value: g, selected: p.gender === g, text: t('profile.gender_' + (g || 'none')) });
      }));
      var birthday = el('input', { id: 'birthday', type: 'date', value: p.birthday, disabled: !!p.birthday_locked_until });
      var email = el('input', { id: 'email', type: 'email', maxlength: '128', value: p.email });
      var address = el('input', { id: 'address', maxlength: '128', value: p.address });
      var form = el('form', { 'class': 'box', onsubmit: function (ev) {
        ev.preventDefault();
        api('PUT', '/app/profile', { name: name.value.trim(), gender: gender.value, birthday: birthday.value, email: email.value.trim(), address: address.value.trim() })
          .then(function (r) { toast(r.profile_points ? t('profile.points', { n: r.profile_points }) : t('profile.saved')); pages.profile(); }, fail);
      } }, [].concat(field('name', t('profile.name'), name), field('gender', t('profile.gender'), gender),
                     field('birthday', t('profile.birthday'), birthday),
                     [el('small', { 'class': 'muted', id: 'birthday-note', text: p.birthday_locked_until ? t('profile.birthday_locked', { until: p.birthday_locked_until }) : t('profile.birthday_once') })],
                     field('email', t('profile.email'), email), field('address', t('profile.address'), address),
                     [el('button', { type: 'submit', id: 'save', text: t('common.save') })]));
      render([form]);
    }, fail);
  };

  pages.privacy = function () {
    if (!requireToken()) return;
    api('GET', '/app/profile').then(function (p) {
      var consent = el('input', { id: 'consent', type: 'checkbox', checked: p.consent });
      consent.addEventListener('change', function () {
        api('PUT', '/app/consent', { consent: consent.checked }).then(function () { toast(t('privacy.consent_saved')); },
          function (e) { consent.checked = !consent.checked; fail(e); });
      });
      var exportBtn = el('button', { id: 'export', type: 'button', 'class': 'second', text: t('privacy.export') });
      exportBtn.addEventListener('click', function () {
        fetch('/v1/member/app/export', { headers: { Authorization: 'Bearer ' + localStorage.getItem(TOKEN) } })
          .then(function (r) { if (!r.ok) throw new ApiError(r.status, {}); return r.blob(); })
          .then(function (blob) {
            var a = el('a', { href: URL.createObjectURL(blob), download: 'my-membertill-data.json' });
            document.body.appendChild(a); a.click(); a.remove();
            toast(t('privacy.exported'));
          }, fail);
      });
      var del = el('button', { id: 'delete', type: 'button', 'class': 'danger', text: t('privacy.delete') });
      del.addEventListener('click', function () {
        if (del.getAttribute('data-armed') !== '1') { del.setAttribute('data-armed', '1'); del.textContent = t('privacy.delete_confirm'); return; }
        del.disabled = true;
        api('POST', '/app/delete', { confirm: true }).then(function () {
          signOut();
          try { indexedDB.deleteDatabase('membertill'); } catch (e) { /* nothing kept to delete */ }
          location.href = '/m/sign-in?deleted=1';
        }, function (e) { del.disabled = false; fail(e); });
      });
      render([
        section(t('privacy.consent_title'), [el('label', { 'class': 'check' }, [consent, ' ' + t('privacy.consent')])]),
        section(t('privacy.export_title'), [el('p', { 'class': 'muted', text: t('privacy.export_note') }), exportBtn]),
        section(t('privacy.delete_title'), [el('p', { 'class': 'muted', text: t('privacy.delete_note') }), del]),
        el('button', { id: 'signout', type: 'button', 'class': 'second', text: t('privacy.sign_out'),
                       onclick: function () { signOut(); location.href = '/m/sign-in'; } })
      ]);
    }, fail);
  };

  (pages[PAGE] || function () {})();
})();
