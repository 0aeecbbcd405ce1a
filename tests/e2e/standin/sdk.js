// The stand-in widget loader, served at /packs/js/sdk.js: the page side of Chatwoot's SDK as
// far as identity goes, written from what app/javascript/entrypoints/sdk.js,
// app/javascript/sdk/IFrameHelper.js and app/javascript/sdk/cookieHelpers.js do (see
// ../README.md's conformance table). The widget runs in an iframe on the stand-in's origin
// and hears of the page only through postMessage. `window.__standin` is test
// instrumentation that the real SDK does not have: counts the harness reads back.
(function () {
  "use strict";
  var PREFIX = "chatwoot-widget:";
  var REQUIRED_USER_KEYS = ["avatar_url", "email", "name"];
  var DIGESTED_KEYS = REQUIRED_USER_KEYS.concat(["identifier_hash"]);
  var standin = (window.__standin = { readyEvents: 0, frameLoads: 0, errors: [], setUserSkipped: 0, messagesPosted: 0 });

  // MD5 (RFC 1321) of a string's UTF-8 bytes, in hex: the digest cookieHelpers stores.
  function md5(text) {
    var bytes = Array.from(new TextEncoder().encode(text));
    var bitLength = bytes.length * 8;
    bytes.push(0x80);
    while (bytes.length % 64 !== 56) bytes.push(0);
    for (var b = 0; b < 8; b++) bytes.push(b < 4 ? (bitLength >>> (8 * b)) & 0xff : 0);
    var shifts = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
    var table = [];
    for (var t = 0; t < 64; t++) table[t] = Math.floor(Math.abs(Math.sin(t + 1)) * 4294967296) | 0;
    var h = [0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476];
    for (var off = 0; off < bytes.length; off += 64) {
      var m = [];
      for (var w = 0; w < 16; w++) {
        var at = off + 4 * w;
        m[w] = bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24);
      }
      var a = h[0], bb = h[1], c = h[2], d = h[3];
      for (var i = 0; i < 64; i++) {
        var f, g, round = i >> 4;
        if (round === 0) { f = (bb & c) | (~bb & d); g = i; }
        else if (round === 1) { f = (d & bb) | (~d & c); g = (5 * i + 1) % 16; }
        else if (round === 2) { f = bb ^ c ^ d; g = (3 * i + 5) % 16; }
        else { f = c ^ (bb | ~d); g = (7 * i) % 16; }
        var sum = (a + f + table[i] + m[g]) | 0;
        var s = shifts[round * 4 + (i % 4)];
        a = d; d = c; c = bb;
        bb = (bb + ((sum << s) | (sum >>> (32 - s)))) | 0;
      }
      h = [(h[0] + a) | 0, (h[1] + bb) | 0, (h[2] + c) | 0, (h[3] + d) | 0];
    }
    return h.map(function (word) {
      var hex = "";
      for (var k = 0; k < 4; k++) hex += ((word >>> (8 * k)) & 0xff).toString(16).padStart(2, "0");
      return hex;
    }).join("");
  }

  function getCookie(name) {
    var found = document.cookie.split("; ").filter(function (c) { return c.indexOf(name + "=") === 0; })[0];
    return found === undefined ? undefined : decodeURIComponent(found.slice(name.length + 1));
  }
  function setCookie(name, value, domain) {
    var expires = new Date(Date.now() + 365 * 864e5).toUTCString();
    document.cookie = name + "=" + encodeURIComponent(value) + "; path=/; expires=" + expires + "; SameSite=Lax" + (domain ? "; domain=" + domain : "");
  }
  function removeCookie(name) {
    document.cookie = name + "=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT";
  }
  function userCookieName() {
    return "cw_user_" + window.$chatwoot.websiteToken;
  }
  function userDigest(identifier, user) {
    var text = DIGESTED_KEYS.reduce(function (acc, key) { return acc + key + (user[key] || ""); }, "");
    return md5(text + "identifier" + (identifier === undefined ? "" : identifier));
  }
  function frameUrl(baseUrl, websiteToken) {
    return baseUrl + "/widget?website_token=" + websiteToken;
  }
  function frame() {
    return document.getElementById("chatwoot_live_chat_widget");
  }
  function send(event, value) {
    standin.messagesPosted += 1;
    frame().contentWindow.postMessage(PREFIX + JSON.stringify(Object.assign({ event: event }, value)), "*");
  }
  function dispatch(name, detail) {
    window.dispatchEvent(new CustomEvent(name, { detail: detail }));
  }

  var events = {
    loaded: function (message) {
      standin.frameLoads += 1;
      setCookie("cw_conversation", message.config.authToken);
      window.$chatwoot.hasLoaded = true;
      // The real SDK re-sends the last user as it is: no identifier, no {identifier, user} shape.
      if (window.$chatwoot.user) send("set-user", window.$chatwoot.user);
      if (!window.$chatwoot.resetTriggered) {
        standin.readyEvents += 1;
        dispatch("chatwoot:ready");
      }
    },
    error: function (message) {
      standin.errors.push(message.data);
      dispatch("chatwoot:error", message.data);
      if (message.errorType === "SET_USER_ERROR") removeCookie(userCookieName());
    },
    toggleBubble: function () {
      window.$chatwoot.isOpen = !window.$chatwoot.isOpen;
    }
  };

  function run(config) {
    if (window.$chatwoot) return;
    var settings = window.chatwootSettings || {};
    var baseUrl = config.baseUrl, websiteToken = config.websiteToken, baseDomain = settings.baseDomain;
    window.$chatwoot = {
      baseUrl: baseUrl,
      baseDomain: baseDomain,
      hasLoaded: false,
      isOpen: false,
      websiteToken: websiteToken,
      resetTriggered: false,
      toggle: function () { events.toggleBubble(); },
      setUser: function (identifier, user) {
        if (typeof identifier !== "string" && typeof identifier !== "number") {
          throw new Error("Identifier should be a string or a number");
        }
        if (!REQUIRED_USER_KEYS.some(function (key) { return !!user[key]; })) {
          throw new Error("User object should have one of the keys [avatar_url, email, name]");
        }
        var digest = userDigest(identifier, user);
        if (digest === getCookie(userCookieName())) {
          standin.setUserSkipped += 1;
          return;
        }
        window.$chatwoot.identifier = identifier;
        window.$chatwoot.user = user;
        send("set-user", { identifier: identifier, user: user });
        setCookie(userCookieName(), digest, baseDomain);
      },
      setCustomAttributes: function (customAttributes) {
        if (!customAttributes || !Object.keys(customAttributes).length) {
          throw new Error("Custom attributes should have atleast one key");
        }
        send("set-custom-attributes", { customAttributes: customAttributes });
      },
      reset: function () {
        if (window.$chatwoot.isOpen) events.toggleBubble();
        removeCookie("cw_conversation");
        removeCookie(userCookieName());
        frame().src = frameUrl(window.$chatwoot.baseUrl, window.$chatwoot.websiteToken);
        window.$chatwoot.resetTriggered = true;
      }
    };
    window.onmessage = function (e) {
      if (typeof e.data !== "string" || e.data.indexOf(PREFIX) !== 0) return;
      var message = JSON.parse(e.data.slice(PREFIX.length));
      if (typeof events[message.event] === "function") events[message.event](message);
    };
    var iframe = document.createElement("iframe");
    var conversation = getCookie("cw_conversation");
    iframe.src = frameUrl(baseUrl, websiteToken) + (conversation ? "&cw_conversation=" + conversation : "");
    iframe.id = "chatwoot_live_chat_widget";
    iframe.style.visibility = "hidden";
    document.body.appendChild(iframe);
  }

  window.chatwootSDK = { run: run };
})();
