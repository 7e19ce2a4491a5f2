/* LDN patient-education chat widget: one script tag, no dependencies, no third-party requests.
 *
 *   <script src="https://assistant.example/webhooks/widget/ldn-widget.js"
 *           data-server="https://assistant.example" data-clinic-name="Example Clinic"
 *           data-accent="#0b5394" data-storage="local" data-expire-minutes="60"
 *           data-position="bottom-right" data-offset="1rem"></script>
 *
 * The assistant fills in its settings, texts and interface words (bot/channels/widget.py, from
 * answers.yml and the clinic and service settings): this file writes no words of its own.
 * Everything from the bot or the patient is built as DOM nodes, never as HTML.
 */
(function () {
  "use strict";

  var CONFIG = /*LDN_CONFIG*/null || {};
  var MESSAGES = CONFIG.messages || {};
  var WORDS = CONFIG.words || {};
  var script = document.currentScript;
  var attr = function (name, fallback) {
    var value = script && script.getAttribute("data-" + name);
    return value && value.trim() ? value.trim() : fallback;
  };
  var scriptOrigin = script && script.src ? new URL(script.src, location.href).origin : location.origin;
  var SERVER = attr("server", scriptOrigin).replace(/\/+$/, "");
  var ACCENT = /^#[0-9a-fA-F]{3,8}$/.test(attr("accent", "")) ? attr("accent", "") : "#0b5394";
  var CLINIC = attr("clinic-name", CONFIG.clinicName || "");
  var STORAGE = /^(local|session|none)$/.test(attr("storage", "")) ? attr("storage", "") : "local";
  var EXPIRE_MS = Math.max(1, parseFloat(attr("expire-minutes", "60")) || 60) * 60000;
  var STORE_KEY = "ldn-chat:" + SERVER;
  // The server's limits (MAX_MESSAGE_CHARS, WIDGET_TIMEOUT_SECONDS); without its settings, none and a minute.
  var TIMEOUT_MS = (CONFIG.timeoutSeconds || 60) * 1000;
  var MAX_CHARS = CONFIG.maxChars || Infinity;
  var STILL_WORKING_MS = 4000;
  // A new time line above a message when the day changes or after this long a pause.
  var GAP_MS = 30 * 60000;
  var LOCALE = document.documentElement.lang || undefined;
  // Where the launcher sits: the clinic's corner, and how far from its edges ("16px", or across then up/down).
  var POSITION = /^(top|bottom)-(left|right)$/.test(attr("position", "")) ? attr("position", "") : "bottom-right";
  var OFFSET = (function (value) {
    var parts = value.split(/\s+/).filter(Boolean).map(function (p) { return /^\d+(\.\d+)?$/.test(p) ? p + "px" : p; });
    var ok = parts.length && parts.length <= 2 && parts.every(function (p) { return /^\d+(\.\d+)?(px|rem|em)$/.test(p); });
    return ok ? [parts[0], parts[1] || parts[0]] : ["1rem", "1rem"];
  })(attr("offset", ""));
  // Full screen whenever the viewport is small in either direction (phones, landscape, zoom).
  var SMALL = "(max-width: 40rem), (max-height: 32rem)";
  // Only when the script is used without the assistant's settings (CONFIG null): still an emergency line.
  var EMERGENCY_LINE = "In an emergency, call your local emergency number.";
  var FALLBACK = "Sorry, something went wrong. Please try again. " + EMERGENCY_LINE;

  function msg(key) { return MESSAGES[key] || FALLBACK; }
  // An interface word from answers.yml, its {placeholders} filled in. Without the assistant's settings
  // the key stands in ("start_over" reads "start over"), so nothing is written twice.
  function word(key, fill) {
    return (WORDS[key] || key.replace(/_/g, " ")).replace(/\{(\w+)\}/g, function (all, name) {
      return fill && name in fill ? String(fill[name]) : all;
    });
  }

  function randomId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  // Letters, digits and '-' only: the REST channel refuses ':' and may prefix ids.
  function newSessionId() { return "web-" + randomId(); }

  // ---- storage: the clinic chooses local, session or none, and how long a transcript lives ----
  var store = null;
  try { store = STORAGE === "local" ? window.localStorage : STORAGE === "session" ? window.sessionStorage : null; }
  catch (e) { store = null; }

  function blank() {
    return { sessionId: newSessionId(), messages: [], pending: null, queued: [], unread: 0, updated: Date.now() };
  }
  function read() {
    if (!store) return null;
    try {
      var saved = JSON.parse(store.getItem(STORE_KEY) || "null");
      if (!saved || !/^web-[0-9a-f]{32}$/.test(saved.sessionId) || !Array.isArray(saved.messages)) return null;
      if (Date.now() - (saved.updated || 0) > EXPIRE_MS) { store.removeItem(STORE_KEY); return null; }
      return saved;
    } catch (e) { return null; }  // corrupt storage: start fresh
  }
  var state = read() || blank();
  function save() {
    state.updated = Date.now();
    if (!store) return;
    try { store.setItem(STORE_KEY, JSON.stringify(state)); } catch (e) { /* full or private mode: keep in memory */ }
  }
  // Another tab may have written since: change the freshest copy, so tabs never overwrite each other.
  // If that tab started over, its new conversation wins and this change (for the old one) is dropped.
  function update(change) {
    var fresh = read();
    if (fresh && fresh.sessionId !== state.sessionId) { state = fresh; resetLog(); sync(); return; }
    if (fresh) state = fresh;
    change(state);
    save();
    sync();
  }
  function replace(fresh) {
    state = fresh;
    bannerChosen = false;  // a new chat starts with the whole banner again
    greet();
    save();
    resetLog();
    sync();
  }

  var CSS = [
    ":host { all: initial; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;",
    "  --bg: #fff; --fg: #1b1b1b; --bot: #eef1f4; --muted: #4a4f55; --line: #6b7580; --link: #0a4a8a;",
    "  --note-bg: #fff4d6; --note-line: #b08a1e; --err-bg: #fdecea; --err-fg: #7a1010; --err-line: #c0392b;",
    "  --sos-bg: #fff0ee; --sos-fg: #4d0808; --sos-line: #b3261e; --sos-btn: #b3261e; --sos-btn-fg: #fff; }",
    "@media (prefers-color-scheme: dark) { :host { --bg: #17191c; --fg: #f2f2f2; --bot: #2a2e33; --muted: #c4c9cf;",
    "  --line: #9aa3ad; --link: #a8d1ff; --note-bg: #3a3117; --note-line: #c9a43a; --err-bg: #3d1714; --err-fg: #ffd7d2; --err-line: #ff8a80;",
    "  --sos-bg: #3d1714; --sos-fg: #ffe4e0; --sos-line: #ff8a80; --sos-btn: #ffb4ab; --sos-btn-fg: #410002; } }",
    "* { box-sizing: border-box; }",
    "button, textarea { font: inherit; }",
    // The clinic's corner and offset: the script sets --launcher-* and --panel-* on the host (auto elsewhere).
    ".launcher { position: fixed; top: var(--launcher-top); right: var(--launcher-right); bottom: var(--launcher-bottom);",
    "  left: var(--launcher-left); z-index: 2147483000; border: 2px solid transparent; border-radius: 999px;",
    "  display: inline-flex; align-items: center; gap: .5em; min-height: 3rem;",
    "  padding: .7em 1.2em .7em 1em; font-family: inherit; font-size: max(1rem, 16px); font-weight: 600; color: #fff; background: var(--accent);",
    "  cursor: pointer; box-shadow: 0 .25rem .9rem rgba(0,0,0,.25); }",
    ".launcher svg { width: 1.4em; height: 1.4em; flex: none; fill: currentColor; }",
    ".launcher .icon-close, .launcher.open .icon-chat { display: none; } .launcher.open .icon-close { display: block; }",
    // At the end of the page or in a narrow window it keeps out of the way: an icon, its name still read out.
    ".launcher.compact { width: 3rem; height: 3rem; padding: 0; justify-content: center; }",
    ".launcher.compact .badge { position: absolute; top: -.4em; right: -.4em; margin: 0; border-color: var(--accent); }",
    ".badge { display: inline-block; min-width: 1.5em; margin-left: .5em; padding: 0 .4em; border-radius: 999px; background: #fff;",
    "  color: #8a1010; font-size: .85em; text-align: center; border: 1px solid transparent; }",
    ".badge[hidden] { display: none; }",
    ":focus-visible { outline: 3px solid var(--fg); outline-offset: 2px; }",
    ".launcher:focus-visible { outline-color: #1b1b1b; box-shadow: 0 0 0 2px #fff, 0 0 0 7px #1b1b1b; }",
    ".head :focus-visible { outline-color: #fff; box-shadow: 0 0 0 5px #1b1b1b; }",
    ".panel { position: fixed; top: var(--panel-top); right: var(--panel-right); bottom: var(--panel-bottom); left: var(--panel-left);",
    "  z-index: 2147483000; width: 24rem; max-width: calc(100vw - var(--offset-x) - 1rem);",
    "  height: 38rem; max-height: calc(100vh - var(--offset-y) - 6rem); display: flex; flex-direction: column; background: var(--bg); color: var(--fg);",
    "  border: 1px solid transparent; border-radius: .75rem; box-shadow: 0 .5rem 2rem rgba(0,0,0,.3); overflow: hidden;",
    "  font-size: max(1rem, 16px); line-height: 1.45; }",
    ".panel[hidden] { display: none; }",
    ".head { display: flex; align-items: center; gap: .5rem; padding: .35rem .5rem .35rem .9rem; background: var(--accent); color: #fff; flex: none; }",
    ".head h2 { flex: 1; min-width: 0; margin: 0; font-size: 1em; font-weight: 700; overflow-wrap: anywhere; }",
    ".head button { border: 1px solid #fff; background: transparent; color: #fff; border-radius: .4rem; padding: .3em .7em;",
    "  min-height: 2.75rem; min-width: 2.75rem; cursor: pointer; }",
    ".head .close { margin-left: 1rem; font-size: 1.15em; }",  // far from Start over: no accidental taps
    ".banner { display: flex; align-items: flex-start; gap: .5rem; margin: 0; padding: .45rem .9rem; background: var(--note-bg);",
    "  color: var(--fg); font-size: .85em; border-bottom: 1px solid var(--note-line); flex: none; }",
    ".banner p { margin: 0; flex: 1; min-width: 0; }",
    ".banner a { color: inherit; font-weight: 700; }",
    ".banner .more { display: none; border: 1px solid var(--fg); background: transparent; color: var(--fg); border-radius: .4rem;",
    "  padding: 0 .5em; min-height: 1.75rem; cursor: pointer; flex: none; }",
    ".confirm { padding: .6rem .9rem; border-bottom: 1px solid var(--line); background: var(--bg); flex: none; }",
    ".confirm p { margin: 0 0 .5rem; }",
    ".confirm button { margin-right: .5rem; }",
    ".scroller { position: relative; flex: 1; min-height: 0; overflow-y: auto; padding: .75rem; overscroll-behavior: contain;",
    "  scroll-padding: .5rem; }",
    // Focus rings drawn inside: the panel and the scroller clip anything outside them.
    ".scroller:focus-visible, .msg:focus-visible { outline-offset: -3px; }",
    ".when { align-self: center; margin: .4rem 0 0; font-size: .8em; font-weight: 600; color: var(--muted); }",
    ".log { display: flex; flex-direction: column; gap: .5rem; }",
    ".msg { max-width: 88%; padding: .5em .75em; border-radius: .75em; overflow-wrap: anywhere; border: 1px solid transparent; }",
    ".msg p { margin: 0 0 .5em; white-space: pre-wrap; } .msg p:last-child { margin-bottom: 0; }",
    ".msg ul, .msg ol { margin: 0 0 .5em; padding-left: 1.3em; }",
    ".bot { align-self: flex-start; background: var(--bot); color: var(--fg); border-bottom-left-radius: .25em; }",
    ".user { align-self: flex-end; background: var(--accent); color: #fff; border-bottom-right-radius: .25em; }",
    ".bot a { color: var(--link); }",
    ".user a { color: #fff; text-decoration: underline; }",
    ".source { display: block; margin-top: .5em; padding-top: .35em; border-top: 1px solid var(--line); color: var(--muted);",
    "  font-size: .8em; font-style: italic; }",
    ".status { align-self: flex-end; margin-top: -.3rem; font-size: .8em; color: var(--muted); }",
    ".status button { margin-left: .4em; }",
    ".note { align-self: stretch; max-width: 100%; background: var(--note-bg); border-color: var(--note-line); }",
    ".error { margin-top: .5rem; padding: .5em .75em; border-radius: .75em; background: var(--err-bg); color: var(--err-fg); border: 1px solid var(--err-line); }",
    ".error a { color: inherit; font-weight: 700; }",
    ".error button { display: block; margin-top: .4em; }",
    // An emergency reply: an alert across the whole width, labelled, its numbers big buttons to tap.
    ".msg.emergency { align-self: stretch; max-width: 100%; background: var(--sos-bg); color: var(--sos-fg);",
    "  border: 2px solid var(--sos-line); border-left-width: .5rem; border-radius: .5em; }",
    ".sos-label { display: flex; align-items: center; gap: .4em; font-weight: 800; letter-spacing: .03em; }",
    ".sos-label span:first-child { font-size: 1.2em; line-height: 1; }",
    // A number is never split across lines; in an emergency or an error it is a target of 44 px or more.
    "a[href^='tel:'] { white-space: nowrap; }",
    ".msg.emergency a[href^='tel:'], .error a[href^='tel:'] { display: inline-flex; align-items: center; justify-content: center;",
    "  min-height: max(2.75rem, 44px); min-width: max(2.75rem, 44px); margin: .15em 0; padding: 0 .7em; border-radius: .5em;",
    "  border: 2px solid transparent; background: var(--sos-btn); color: var(--sos-btn-fg); font-weight: 700; text-decoration: none;",
    "  vertical-align: middle; }",
    ".replies { display: flex; flex-wrap: wrap; gap: .4rem; margin-top: .6rem; }",
    ".replies button, .error button, .status button, .confirm button { border: 2px solid var(--accent); background: var(--bg); color: var(--fg);",
    "  border-radius: 999px; padding: .3em .8em; min-height: 2.75rem; cursor: pointer; }",
    "@media (prefers-color-scheme: dark) { .replies button, .error button, .status button, .confirm button { border-color: var(--line); } }",
    ".typing { margin-top: .5rem; padding-top: .3em; display: flex; align-items: center; gap: .5em; color: var(--muted); font-size: .9em; }",
    ".typing[hidden] { display: none; }",
    ".dots { display: inline-flex; gap: .25em; padding: .55em .75em; border-radius: .75em; background: var(--bot); border: 1px solid transparent; }",
    ".dots i { width: .45em; height: .45em; border-radius: 50%; background: var(--muted); animation: ldn-bounce 1.2s infinite ease-in-out; }",
    ".dots i:nth-child(2) { animation-delay: .15s; } .dots i:nth-child(3) { animation-delay: .3s; }",
    "@keyframes ldn-bounce { 0%, 60%, 100% { transform: translateY(0); opacity: .5; } 30% { transform: translateY(-.3em); opacity: 1; } }",
    ".jump { position: sticky; bottom: 0; display: block; margin: .5rem auto 0; border: 2px solid var(--accent); background: var(--bg);",
    "  color: var(--fg); border-radius: 999px; padding: .3em .9em; min-height: 2.75rem; cursor: pointer; }",
    ".jump[hidden] { display: none; }",
    ".form { display: flex; align-items: flex-end; gap: .5rem; padding: .5rem; border-top: 1px solid var(--line); flex: none; }",
    ".form textarea { flex: 1; min-width: 0; resize: none; padding: .55em .65em; border: 1px solid var(--line); border-radius: .5em;",
    "  font-size: max(1rem, 16px); line-height: 1.35; color: var(--fg); background: var(--bg); max-height: 8em; overflow-y: auto; }",
    ".form button { border: 2px solid transparent; border-radius: .5em; padding: .55em .9em; min-height: 2.75rem; background: var(--accent);",
    "  color: #fff; font-weight: 600; cursor: pointer; }",
    ".sr-only, .launcher.compact .label { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0,0,0,0); border: 0; }",
    // Small in either direction: the whole screen, a one-line banner that expands, a modal dialog.
    "@media " + SMALL + " { .panel { inset: 0; width: 100%; max-width: 100%; height: 100%; max-height: 100%; border-radius: 0; }",
    "  .launcher.open { display: none; }",
    "  .banner .more { display: inline-block; }",
    "  .head h2 { font-size: .95em; line-height: 1.2; }",
    "  .banner:not(.expanded) p { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; } }",
    // Short screens (landscape, zoom): every line counts, so the title keeps to one.
    "@media (max-height: 32rem) { .head h2 { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }",
    "  .banner.expanded { max-height: 40vh; overflow-y: auto; } }",
    "@media (max-height: 20rem) { .head { padding-top: 0; padding-bottom: 0; } .head button { min-height: 2.25rem; min-width: 2.25rem; padding: 0 .5em; }",
    "  .banner { padding: .15rem .6rem; } .banner .more { min-height: 1.4rem; } .form { padding: .25rem .4rem; } .form button { min-height: 2.25rem; padding: .2em .6em; }",
    "  .form textarea { padding: .3em .5em; max-height: 3em; } .scroller { padding: .4rem .6rem; } }",
    "@media (prefers-reduced-motion: reduce) { *, *::before, *::after { animation: none !important; transition: none !important; scroll-behavior: auto !important; } }",
    "@media (forced-colors: active) { .msg, .dots, .error, .banner, .confirm, .badge { border: 1px solid CanvasText; }",
    "  .msg.emergency { border: 3px solid CanvasText; border-left-width: .5rem; }",
    "  .msg.emergency a[href^='tel:'], .error a[href^='tel:'] { border: 2px solid LinkText; }",
    "  button, .launcher, .form textarea { border: 2px solid ButtonText; } :focus-visible { outline: 3px solid Highlight; }",
    "  .head { border-bottom: 1px solid CanvasText; } .dots i { background: CanvasText; } }"
  ].join("\n");

  function icon(name, path) {
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("class", name);
    var shape = document.createElementNS("http://www.w3.org/2000/svg", "path");
    shape.setAttribute("d", path);
    svg.appendChild(shape);
    return svg;
  }

  function el(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      if (key === "text") node.textContent = props[key];
      else if (key === "class") node.className = props[key];
      else node.setAttribute(key, props[key]);
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  // ---- text: links, tap-to-call numbers from the settings, and simple formatting, all as DOM nodes ----
  var escapeRe = function (s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); };
  var phones = (CONFIG.phones || []).slice().sort(function (a, b) { return b.text.length - a.text.length; });
  // A number counts only on its own, not inside a longer one. No lookbehind: older iPhones lack it.
  var INLINE_RE = new RegExp("(https?:\\/\\/[^\\s<>\"]+)" +
    (phones.length ? "|(^|[^\\w-])(" + phones.map(function (p) { return escapeRe(p.text); }).join("|") + ")(?![\\w-])" : ""), "g");

  function trimUrl(url) {
    // End-of-sentence punctuation, and a ")" that closes the sentence's own bracket, are not part of the link.
    for (;;) {
      var last = url.slice(-1);
      if (/[.,;:!?'"]/.test(last)) url = url.slice(0, -1);
      else if (last === ")" && (url.match(/\(/g) || []).length < (url.match(/\)/g) || []).length) url = url.slice(0, -1);
      else return url;
    }
  }

  function inline(text, into) {
    String(text).split(/(\*\*[^*\n]+\*\*)/).forEach(function (part) {
      if (/^\*\*[^*\n]+\*\*$/.test(part)) { into.appendChild(inline(part.slice(2, -2), el("strong"))); return; }
      var at = 0, match;
      INLINE_RE.lastIndex = 0;
      while ((match = INLINE_RE.exec(part))) {
        var found = match[0], start = match.index, link;
        if (match[1]) {
          found = trimUrl(match[1]);
          link = el("a", { href: found, target: "_blank", rel: "noopener noreferrer", text: found });
        } else {
          found = match[3];
          start += match[2].length;
          var phone = phones.filter(function (p) { return p.text === found; })[0];
          link = el("a", { href: "tel:" + phone.tel, text: found, "data-kind": phone.kind });
        }
        into.appendChild(document.createTextNode(part.slice(at, start)));
        into.appendChild(link);
        at = start + found.length;
        INLINE_RE.lastIndex = at;
      }
      if (at < part.length) into.appendChild(document.createTextNode(part.slice(at)));
    });
    return into;
  }

  var LIST_RE = /^\s*(?:([-*\u2022])|(\d+)[.)])\s+/;
  function formatted(text, into) {
    String(text).split(/\n{2,}/).forEach(function (block) {
      var lines = block.split("\n"), para = [];
      var flush = function () { if (para.length) into.appendChild(inline(para.join("\n"), el("p"))); para = []; };
      for (var i = 0; i < lines.length; i++) {
        var item = lines[i].match(LIST_RE);
        if (/^Source: /.test(lines[i])) { flush(); into.appendChild(el("small", { class: "source", text: lines[i] })); }
        else if (item) {
          flush();
          var list = el(item[1] ? "ul" : "ol");
          for (; i < lines.length && LIST_RE.test(lines[i]); i++) list.appendChild(inline(lines[i].replace(LIST_RE, ""), el("li")));
          i--;
          into.appendChild(list);
        } else para.push(lines[i]);
      }
      flush();
    });
    return into;
  }

  // ---- the widget's elements ----
  var host = el("div", { id: "ldn-chat-widget" });
  var root = host.attachShadow({ mode: "open" });
  root.appendChild(el("style", { text: CSS }));
  host.style.setProperty("--accent", ACCENT);
  (function place() {
    var vertical = POSITION.split("-")[0], side = POSITION.split("-")[1], at = {};
    at["launcher-" + side] = at["panel-" + side] = OFFSET[0];
    at["launcher-" + vertical] = OFFSET[1];
    at["panel-" + vertical] = "calc(" + OFFSET[1] + " + 4.5rem)";  // clear of the launcher
    ["launcher", "panel"].forEach(function (what) {
      ["top", "right", "bottom", "left"].forEach(function (edge) {
        host.style.setProperty("--" + what + "-" + edge, at[what + "-" + edge] || "auto");
      });
    });
    host.style.setProperty("--offset-x", OFFSET[0]);
    host.style.setProperty("--offset-y", OFFSET[1]);
    // In a bottom corner, the widget's element at the end of the page is room to scroll the page's last
    // lines (its footer links) clear of the launcher.
    if (vertical === "bottom") {
      host.style.display = "block";
      host.style.height = "calc(3rem + 2 * " + OFFSET[1] + ")";
    }
  })();

  var badge = el("span", { class: "badge", hidden: "", "aria-hidden": "true" });
  var launcherText = el("span", { class: "label", text: word("launcher") });
  var unreadText = el("span", { class: "sr-only" });  // the badge says it visually
  var launcher = el("button", { class: "launcher", type: "button", "aria-expanded": "false", "aria-controls": "ldn-chat-panel" },
                    [icon("icon-chat", "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"),
                     icon("icon-close", "M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6 10.6 12 5 6.4z"),
                     launcherText, unreadText, badge]);
  var title = el("h2", { id: "ldn-chat-title", text: word("title", { clinic_name: CLINIC }) });
  var restart = el("button", { type: "button", class: "restart", text: word("start_over") });
  var close = el("button", { type: "button", class: "close", "aria-label": word("close"), text: "\u2715" });
  var bannerText = el("p", { id: "ldn-chat-banner" });
  inline(CONFIG.banner || EMERGENCY_LINE + " This is general information, not medical advice.", bannerText);
  var more = el("button", { type: "button", class: "more", "aria-expanded": "false", "aria-controls": "ldn-chat-banner", text: word("more") });
  var banner = el("div", { class: "banner" }, [bannerText, more]);
  var log = el("div", { class: "log", role: "log", "aria-live": "polite", "aria-relevant": "additions", "aria-label": word("conversation") });
  var extras = el("div", { class: "extras" });
  var typingText = el("span", { class: "typing-text" });
  var typing = el("div", { class: "typing", hidden: "" },
                  [el("span", { class: "dots", "aria-hidden": "true" }, [el("i"), el("i"), el("i")]), typingText]);
  var status = el("div", { class: "sr-only", role: "status", "aria-live": "polite" });
  var jump = el("button", { type: "button", class: "jump", hidden: "", text: word("new_answer") });
  var hint = el("span", { class: "sr-only", id: "ldn-chat-hint", text: word("keyboard_hint") });
  // The log is one tab stop; the arrow keys go from message to message inside it (see "keyboard" below).
  var scroller = el("div", { class: "scroller", tabindex: "0", "aria-label": word("messages"), "aria-describedby": "ldn-chat-hint" },
                    [hint, log, typing, extras, jump]);
  var inputId = "ldn-chat-input";
  var input = el("textarea", { id: inputId, rows: "1", autocomplete: "off", placeholder: word("placeholder"), enterkeyhint: "send" });
  if (isFinite(MAX_CHARS)) input.setAttribute("maxlength", String(MAX_CHARS));
  var send = el("button", { type: "submit", text: word("send") });
  var form = el("form", { class: "form" }, [el("label", { class: "sr-only", for: inputId, text: word("your_message") }), input, send]);
  var panel = el("section", { class: "panel", id: "ldn-chat-panel", role: "dialog", "aria-modal": "false",
                              "aria-labelledby": "ldn-chat-title", "aria-describedby": "ldn-chat-banner", hidden: "" },
                 [el("div", { class: "head" }, [title, restart, close]), banner, scroller, status, form]);
  root.appendChild(launcher);
  root.appendChild(panel);

  var small = window.matchMedia(SMALL);
  var coarse = window.matchMedia("(pointer: coarse)");
  var inflight = null;      // {sessionId, promise} of the request on its way, in this tab
  var lastError = null;     // why the pending message failed, shown until the next attempt
  var nodes = {};           // message id -> its bubble, so only new messages are added (screen readers)
  var stillTimer = null;

  function isOpen() { return !panel.hidden; }
  function nearBottom() { return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 48; }
  function timeText(t) { return new Date(t).toLocaleTimeString([], { hour: "numeric", minute: "2-digit" }); }

  function statusNode(message) {
    var node = el("div", { class: "status", "data-for": message.id });
    if (message.status === "queued") node.textContent = word("waiting_to_send");  // after the answer on its way
    else if (message.status === "sending") node.textContent = word("sending");
    else if (message.status === "rejected") node.textContent = word("not_sent");  // its text is back in the input
    else if (message.status === "failed" || message.status === "unanswered") {
      // After a timeout the server may have it: "No answer yet", and sent again with its id, answered once.
      node.textContent = word(message.status === "failed" ? "not_sent" : "no_answer_yet");
      // The current one is retried from the error box; an earlier one can be sent again from here.
      if (!(state.pending && state.pending.id === message.id)) {
        var again = el("button", { type: "button", text: word("send_again") });
        again.addEventListener("click", function () {
          update(function (s) { s.messages = s.messages.filter(function (m) { return m.id !== message.id; }); });
          submit(message.text, undefined, message.id);
          input.focus();
        });
        node.appendChild(again);
      }
    } else node.hidden = true;
    return node;
  }

  // ---- times: shown as messengers do, one line when the day changes or after a pause, not on every bubble ----
  function dayStart(t) { var d = new Date(t); return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime(); }
  function whenText(t) {
    var d = new Date(t), time = timeText(t);
    var daysAgo = Math.round((dayStart(Date.now()) - dayStart(t)) / 86400000);
    if (daysAgo === 0) return word("today") + " " + time;
    if (daysAgo === 1) return word("yesterday") + " " + time;
    if (daysAgo > 1 && daysAgo < 7) return d.toLocaleDateString(LOCALE, { weekday: "long" }) + " " + time;
    var sameYear = d.getFullYear() === new Date().getFullYear();
    return d.toLocaleDateString(LOCALE, { month: "short", day: "numeric", year: sameYear ? undefined : "numeric" }) + ", " + time;
  }
  function startsGroup(message, previous) {
    return !!message.time && (!previous || !previous.time || dayStart(previous.time) !== dayStart(message.time) ||
                              message.time - previous.time > GAP_MS);
  }

  function renderMessage(message, previous) {
    var parts = {};
    if (startsGroup(message, previous)) {
      // Seen, not read out: each message says its own time to screen readers.
      parts.when = el("div", { class: "when", "aria-hidden": "true", "data-time": String(message.time), text: whenText(message.time) });
      log.appendChild(parts.when);
    }
    var sos = message.from === "bot" && message.emergency === true;
    var bubble = el("div", { class: "msg " + message.from + (message.note ? " note" : "") + (sos ? " emergency" : ""),
                             "data-id": message.id, tabindex: "-1", title: message.time ? whenText(message.time) : "" });
    var who = word(message.from === "bot" ? "assistant" : "you");
    bubble.appendChild(el("span", { class: "sr-only", text: (message.time ? word("said_at", { who: who, time: whenText(message.time) })
                                                                          : who + ":") + " " }));
    if (sos) {
      // Read out at once, ahead of the polite conversation log, and marked in words, not by colour alone.
      bubble.setAttribute("role", "alert");
      bubble.appendChild(el("p", { class: "sos-label" }, [el("span", { "aria-hidden": "true", text: "\u26a0" }),
                                                         el("span", { text: word("emergency") })]));
    }
    if (message.from === "bot") formatted(message.text || "", bubble);
    else inline(message.text || "", bubble);
    log.appendChild(bubble);
    parts.bubble = bubble;
    if (message.from === "user") { parts.status = statusNode(message); log.appendChild(parts.status); }
    return parts;
  }

  function renderReplies(buttons) {
    var replies = el("div", { class: "replies", role: "group", "aria-label": word("suggested") });
    buttons.forEach(function (b) {
      var button = el("button", { type: "button", text: b.title });
      button.addEventListener("click", function () {
        submit(b.payload, b.title);
        focusChat();  // the buttons are gone now: keep focus in the chat
      });
      replies.appendChild(button);
    });
    extras.appendChild(replies);
  }

  function renderError() {
    var box = el("div", { class: "error", role: "alert" });
    inline(msg("error_" + lastError), box);
    if (lastError !== "rejected") {
      var retry = el("button", { type: "button", text: word("try_again") });
      retry.addEventListener("click", function () { input.focus(); deliver(); });
      box.appendChild(retry);
    }
    extras.appendChild(box);
  }

  // ---- keyboard: the log is one tab stop; inside it the arrow keys, Home and End go from message to message,
  // and only the current message's links are in the tab order (the newest answer's, until the patient moves) ----
  var currentId = null;
  function currentBubble() {
    var chosen = currentId && nodes[currentId] && nodes[currentId].bubble;
    var bots = log.querySelectorAll(".msg.bot");
    return chosen || bots[bots.length - 1] || null;
  }
  function rove() {
    var current = currentBubble(), bubbles = log.querySelectorAll(".msg"), urgent = [];
    // The numbers of an emergency reply to the patient's latest message stay one Shift+Tab away too.
    for (var i = bubbles.length - 1; i >= 0 && !bubbles[i].classList.contains("user"); i--) {
      if (bubbles[i].classList.contains("emergency")) urgent.push(bubbles[i]);
    }
    Array.prototype.forEach.call(log.querySelectorAll("a"), function (a) {
      var bubble = a.closest(".msg");
      a.tabIndex = bubble === current || urgent.indexOf(bubble) >= 0 ? 0 : -1;
    });
  }
  function visit(bubble) {
    currentId = bubble.getAttribute("data-id");
    rove();
    bubble.focus({ preventScroll: true });
  }

  // Draws what changed; with the patient at the bottom, a new reply is shown from its start.
  function sync() {
    var follow = nearBottom();
    var ids = {};
    state.messages.forEach(function (m) { ids[m.id] = true; });
    Object.keys(nodes).forEach(function (id) {
      if (!ids[id]) {
        ["when", "bubble", "status"].forEach(function (part) { if (nodes[id][part]) nodes[id][part].remove(); });
        delete nodes[id];
      }
    });
    var firstNewBot = null, newUser = false, previous = null;
    state.messages.forEach(function (m) {
      if (!nodes[m.id]) {
        nodes[m.id] = renderMessage(m, previous);
        if (m.from === "bot" && !firstNewBot) firstNewBot = nodes[m.id].bubble;
        if (m.from === "user") newUser = true;
      } else if (m.from === "user") {
        var fresh = statusNode(m);
        nodes[m.id].status.replaceWith(fresh);
        nodes[m.id].status = fresh;
      }
      previous = m;
    });
    // "Today" becomes "Yesterday" at midnight, with the page left open.
    Array.prototype.forEach.call(log.querySelectorAll(".when"), function (n) { n.textContent = whenText(+n.getAttribute("data-time")); });
    if (firstNewBot) currentId = null;  // a new answer is the current message again
    rove();
    if (!bannerChosen) showBanner(!state.messages.some(function (m) { return m.from === "user"; }));
    extras.textContent = "";
    var last = state.messages.filter(function (m) { return !m.note; }).pop();
    if (last && last.from === "bot" && last.buttons && last.buttons.length && !state.pending) renderReplies(last.buttons);
    if (lastError && !inflight && (state.pending || lastError === "rejected")) renderError();
    if (newUser) scroller.scrollTop = scroller.scrollHeight;
    else if (firstNewBot && isOpen()) {
      if (follow) {
        scroller.scrollTop += firstNewBot.getBoundingClientRect().top - scroller.getBoundingClientRect().top - 8;
        hideJump();
      } else jump.hidden = false;
    } else if (follow) scroller.scrollTop = scroller.scrollHeight;
    badge.hidden = !state.unread;
    badge.textContent = state.unread ? String(state.unread) : "";
    launcherText.textContent = word(isOpen() ? "close" : "launcher");
    unreadText.textContent = state.unread && !isOpen() ? " " + word(state.unread === 1 ? "unread_one" : "unread_many", { count: state.unread }) : "";
  }

  // The first screen shows the whole banner (what this is, not medical advice); once the patient has written,
  // small screens keep it to one line that expands, unless the patient chose with More or Less.
  var bannerChosen = false;
  function showBanner(expanded) {
    banner.classList.toggle("expanded", expanded);
    more.setAttribute("aria-expanded", String(expanded));
    more.textContent = word(expanded ? "less" : "more");
  }

  // The "New answer" button goes away; if it had focus, the conversation takes it, never the page.
  function hideJump() {
    if (jump.hidden) return;
    var focused = root.activeElement === jump;
    jump.hidden = true;
    if (focused) scroller.focus({ preventScroll: true });
  }

  function resetLog() {
    log.textContent = "";
    extras.textContent = "";
    nodes = {};
    currentId = null;
  }

  function greet() {
    if (state.messages.length) return;
    state.messages.push({ id: randomId(), from: "bot", text: msg("greeting"), time: Date.now(),
                          buttons: CONFIG.starters || [] });
  }

  // ---- opening and closing; on small screens the panel is a modal that locks the page's scroll ----
  var savedOverflow = null;
  function applyModal() {
    var modal = isOpen() && small.matches;
    panel.setAttribute("aria-modal", String(modal));
    if (modal && savedOverflow === null) {
      savedOverflow = document.documentElement.style.overflow;
      document.documentElement.style.overflow = "hidden";
    } else if (!modal && savedOverflow !== null) {
      document.documentElement.style.overflow = savedOverflow;
      savedOverflow = null;
    }
  }

  function setOpen(open, focus) {
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", String(open));
    launcher.classList.toggle("open", open);
    if (open) {
      update(function (s) { greet(); s.unread = 0; });
      // Back in the chat: the newest answer from its start if it is long, else the end.
      var bots = log.querySelectorAll(".msg.bot"), newest = bots[bots.length - 1];
      scroller.scrollTop = scroller.scrollHeight;
      if (newest && newest.offsetHeight > scroller.clientHeight) newest.scrollIntoView({ block: "start" });
      if (focus) focusChat();
    } else {
      hideConfirm();
      sync();
    }
    applyModal();
  }

  // Into the chat; on touch screens not the input, whose keyboard would cover the answer or the starters.
  function focusChat() { (coarse.matches ? scroller : input).focus(); }

  function setBusy(value) {
    var follow = nearBottom();
    clearTimeout(stillTimer);
    typing.hidden = !value;
    typingText.textContent = "";
    status.textContent = value ? word("typing") : "";
    if (value) {
      stillTimer = setTimeout(function () {
        var following = nearBottom();
        typingText.textContent = msg("still_working");
        status.textContent = msg("still_working");
        // The words make the indicator taller: keep all of it in sight, not cut off by the input.
        if (following) scroller.scrollTop = scroller.scrollHeight;
      }, STILL_WORKING_MS);
      if (follow) scroller.scrollTop = scroller.scrollHeight;
    }
  }

  function failure(err, res) {
    if (err && err.name === "AbortError") return "timeout";
    if (!res) return "network";
    if (res.status === 429) return "busy";
    if (res.status === 409) return "timeout";  // sent before and still being answered: no answer yet
    if ([400, 413, 415, 422].indexOf(res.status) >= 0) return "rejected";
    return "server";
  }

  // ---- sending: one message on its way at a time, tied to the conversation it belongs to ----
  function deliver() {
    var pending = state.pending;
    if (!pending || inflight) return;
    var req = { sessionId: state.sessionId };
    lastError = null;
    update(function (s) { s.messages.forEach(function (m) { if (m.id === pending.id) m.status = "sending"; }); });
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, TIMEOUT_MS);
    var response = null;
    inflight = req;
    setBusy(true);
    req.promise = fetch(SERVER + "/webhooks/rest/webhook", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      // metadata.banner: this widget shows the disclaimer, so the server does not repeat it.
      // message_id: the same on every try of this message, so the server answers it once (bot/channels/answered.py).
      body: JSON.stringify({ sender: req.sessionId, message: pending.payload, message_id: pending.id, metadata: { banner: true } }),
      signal: controller.signal,
      credentials: "omit"
    }).then(function (res) {
      response = res;
      if (!res.ok) throw new Error("HTTP " + res.status);
      return res.json();
    }).then(function (replies) {
      finish(req, null, function (s) {
        if (s.pending && s.pending.id === pending.id) s.pending = null;  // another tab may have sent one since
        s.messages.forEach(function (m) { if (m.id === pending.id) m.status = "sent"; });
        (Array.isArray(replies) ? replies : []).forEach(function (r) {
          if (r && (r.text || (r.buttons && r.buttons.length))) {
            var message = { id: randomId(), from: "bot", text: String(r.text || ""), time: Date.now(),
                            buttons: (r.buttons || []).map(function (b) { return { title: String(b.title), payload: String(b.payload) }; }) };
            // The server marks each message of an emergency reply (bot/channels/rest.py).
            if (r.custom && r.custom.emergency === true) message.emergency = true;
            s.messages.push(message);
            if (!isOpen()) s.unread = (s.unread || 0) + 1;
          }
        });
      });
      if (req.sessionId === state.sessionId) sendNext();
    }, function (err) {
      var why = failure(err, response);
      finish(req, why, function (s) {
        var status = { rejected: "rejected", timeout: "unanswered" }[why] || "failed";
        s.messages.forEach(function (m) { if (m.id === pending.id) m.status = status; });
        if (why === "rejected") {
          // Sending the same text again would fail again: give it back to the patient to change.
          s.pending = null;
          if (!input.value.trim()) { input.value = pending.payload; grow(); }
        }
      });
      // Messages waiting behind a rejected one go on (it is back in the text box); behind any other
      // failure they wait for "Try again", in order.
      if (why === "rejected" && req.sessionId === state.sessionId) sendNext();
    }).then(function () { clearTimeout(timer); });
  }

  function finish(req, why, change) {
    if (inflight === req) { inflight = null; setBusy(false); }
    if (req.sessionId !== state.sessionId) return;  // the patient started over: this answer belongs to no one now
    lastError = why;
    update(change);
  }

  // Messages typed while an answer is on its way wait in order, shown at once as "Waiting to send", and
  // go one at a time (the server answers one message of a conversation at a time anyway).
  function submit(payload, shown, sameId) {
    payload = String(payload || "").trim();
    if (!payload) return false;
    if (payload.length > MAX_CHARS) payload = payload.slice(0, MAX_CHARS);
    var id = sameId || randomId();
    update(function (s) {
      s.messages.push({ id: id, from: "user", text: shown || payload, time: Date.now(), status: "queued" });
      s.queued = (s.queued || []).concat([{ id: id, payload: payload }]);
    });
    sendNext();
    return true;
  }

  // Unless one is on its way, the first waiting message becomes the one to send. It takes the place of
  // one that could not be sent; that one stays marked "Not sent", with "Send again".
  function sendNext() {
    if (inflight || !(state.queued && state.queued.length)) return;
    var next = null;
    update(function (s) {
      if (s.queued && s.queued.length) s.pending = next = s.queued.shift();
    });
    if (next) deliver();
  }

  // The input grows with the text, up to its CSS max-height.
  function grow() {
    input.style.height = "auto";
    if (input.scrollHeight) input.style.height = input.scrollHeight + 2 + "px";
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (submit(input.value)) { input.value = ""; grow(); }
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit", { cancelable: true }));
    }
  });
  input.addEventListener("input", grow);

  // ---- start over: confirm, forget the conversation on the server, and say what happened ----
  var confirmBox = null;
  function hideConfirm() { if (confirmBox) { confirmBox.remove(); confirmBox = null; } }
  function showConfirm() {
    if (confirmBox) return;
    var yes = el("button", { type: "button", text: word("start_over_yes") });
    var no = el("button", { type: "button", text: word("cancel") });
    confirmBox = el("div", { class: "confirm", role: "alertdialog", "aria-labelledby": "ldn-confirm-text" },
                    [el("p", { id: "ldn-confirm-text", text: msg("start_over_confirm") }), yes, no]);
    no.addEventListener("click", function () { hideConfirm(); restart.focus(); });
    yes.addEventListener("click", function () { hideConfirm(); startOver(); scroller.scrollTop = 0; focusChat(); });
    banner.after(confirmBox);
    no.focus();
  }

  function startOver() {
    var old = state.sessionId, waiting = inflight ? inflight.promise : Promise.resolve();
    inflight = null;  // its answer, when it comes, belongs to no one (finish drops it)
    setBusy(false);
    lastError = null;
    replace(blank());
    // The server keeps the old conversation until its last answer is done: forget it after that.
    waiting.catch(function () {}).then(function () {
      return fetch(SERVER + "/webhooks/rest/forget", {
        method: "POST", headers: { "Content-Type": "application/json" }, credentials: "omit",
        body: JSON.stringify({ sender: old })
      });
    }).then(function (res) { return res.ok ? res.json() : null; })
      .catch(function () { return null; })
      .then(function (body) {
        var done = !!(body && body.forgotten === true);
        update(function (s) {
          s.messages.push({ id: randomId(), from: "bot", note: true, time: Date.now(), text: msg(done ? "forgotten" : "forget_failed") });
        });
      });
  }

  launcher.addEventListener("click", function () {
    var open = !isOpen();
    setOpen(open, open);
    if (!open) launcher.focus();
  });
  close.addEventListener("click", function () { setOpen(false); launcher.focus(); });
  restart.addEventListener("click", showConfirm);
  more.addEventListener("click", function () {
    bannerChosen = true;
    showBanner(!banner.classList.contains("expanded"));
  });
  jump.addEventListener("click", function () {
    var bots = log.querySelectorAll(".msg.bot"), newest = bots[bots.length - 1];
    // Focus moves to the new answer before its button goes, so it never drops to the page.
    if (newest) { newest.scrollIntoView({ block: "start" }); visit(newest); }
    jump.hidden = true;
  });
  scroller.addEventListener("scroll", function () { if (nearBottom()) hideJump(); });
  scroller.addEventListener("keydown", function (event) {
    var target = event.target, bubbles = Array.prototype.slice.call(log.querySelectorAll(".msg"));
    if (!bubbles.length || (target !== scroller && bubbles.indexOf(target) < 0)) return;  // a link or a button: its own keys
    var at = bubbles.indexOf(target), next = null, key = event.key;
    if (key === "ArrowUp" || key === "ArrowDown") {
      var down = key === "ArrowDown", view = scroller.getBoundingClientRect(), box = target.getBoundingClientRect();
      if (at < 0) next = currentBubble();
      // A message taller than the view scrolls first; the arrow moves on once its end is in sight.
      else if (down ? box.bottom > view.bottom + 1 : box.top < view.top - 1) return;
      else next = bubbles[at + (down ? 1 : -1)] || target;
    } else if (key === "Home") next = bubbles[0];
    else if (key === "End") next = bubbles[bubbles.length - 1];
    else return;
    event.preventDefault();
    if (next) { next.scrollIntoView({ block: "nearest" }); visit(next); }
  });
  root.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && isOpen()) {
      if (confirmBox) { hideConfirm(); restart.focus(); return; }
      setOpen(false);
      launcher.focus();
    } else if (event.key === "Tab" && isOpen() && small.matches) {
      // Modal on small screens: Tab stays inside the chat.
      var items = Array.prototype.filter.call(panel.querySelectorAll("button, textarea, a[href], [tabindex]"),
                                              function (n) { return !n.disabled && n.tabIndex >= 0 && n.offsetParent !== null; });
      var first = items[0], lastItem = items[items.length - 1], active = root.activeElement;
      if (event.shiftKey && active === first) { event.preventDefault(); lastItem.focus(); }
      else if (!event.shiftKey && active === lastItem) { event.preventDefault(); first.focus(); }
    }
  });
  (small.addEventListener ? small.addEventListener("change", applyModal) : small.addListener(applyModal));

  // The launcher shrinks to its icon where it would cover the page: at the end of a page that scrolls (its
  // footer links) and in narrow windows (phones, zoom). Its name stays the same for screen readers.
  var narrow = window.matchMedia("(max-width: 40rem)");
  var placing = false;
  function fitLauncher() {
    placing = false;
    var page = document.documentElement;
    var atEnd = page.scrollHeight > window.innerHeight + 4 && window.innerHeight + window.scrollY >= page.scrollHeight - 4;
    launcher.classList.toggle("compact", atEnd || narrow.matches);
  }
  function fitSoon() { if (!placing) { placing = true; window.requestAnimationFrame(fitLauncher); } }
  window.addEventListener("scroll", fitSoon, { passive: true });
  window.addEventListener("resize", fitSoon);

  // Another tab changed the conversation (local storage): show it, never overwrite it.
  window.addEventListener("storage", function (event) {
    if (event.key !== STORE_KEY || event.storageArea !== store) return;
    var fresh = read();
    if (!fresh || fresh.sessionId !== state.sessionId) { state = fresh || blank(); resetLog(); lastError = null; }
    else state = fresh;
    sync();
  });
  // On a shared computer the transcript disappears after the clinic's time, even with the page left open.
  setInterval(function () {
    if (!inflight && Date.now() - state.updated > EXPIRE_MS) {
      if (store) try { store.removeItem(STORE_KEY); } catch (e) { /* nothing stored */ }
      state = blank();
      resetLog();
      if (isOpen()) replace(state); else sync();
    }
  }, 30000);

  function mount() {
    document.body.appendChild(host);
    sync();
    fitLauncher();
    // Restored closed, never stealing focus; an unsent message is tried again at once, then any waiting.
    if (state.pending) deliver(); else sendNext();
  }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
