/* LDN patient-education chat widget: one script tag, no dependencies, no third-party requests.
 *
 *   <script src="https://assistant.example/webhooks/widget/ldn-widget.js"
 *           data-server="https://assistant.example" data-clinic-name="Example Clinic"
 *           data-accent="#0b5394" data-greeting="Hi! Ask me about LDN."></script>
 *
 * Everything from the bot or the patient is shown as text (textContent), never as HTML.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var attr = function (name, fallback) {
    var value = script && script.getAttribute("data-" + name);
    return value && value.trim() ? value.trim() : fallback;
  };
  var scriptOrigin = script && script.src ? new URL(script.src, location.href).origin : location.origin;
  var SERVER = attr("server", scriptOrigin).replace(/\/+$/, "");
  var ACCENT = /^#[0-9a-fA-F]{3,8}$/.test(attr("accent", "")) ? attr("accent", "") : "#0b5394";
  var GREETING = attr("greeting", "Hi! Ask me anything about low dose naltrexone (LDN).");
  var STORE_KEY = "ldn-chat:" + SERVER;
  var TIMEOUT_MS = 30000;
  var MAX_CHARS = 2000;
  var URL_RE = /(https?:\/\/[^\s<>"')]+)/g;

  function newSessionId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return "web-" + Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function load() {
    try {
      var saved = JSON.parse(localStorage.getItem(STORE_KEY) || "null");
      if (saved && /^web-[0-9a-f]{32}$/.test(saved.sessionId) && Array.isArray(saved.messages)) return saved;
    } catch (e) { /* corrupt storage: start fresh */ }
    return { sessionId: newSessionId(), messages: [], pending: null, open: false };
  }

  var state = load();
  function save() {
    try { localStorage.setItem(STORE_KEY, JSON.stringify(state)); } catch (e) { /* private mode: keep in memory */ }
  }

  var CSS = [
    ":host { all: initial; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }",
    "* { box-sizing: border-box; }",
    ".launcher { position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; border: 0; border-radius: 999px;",
    "  padding: 14px 20px; font-family: inherit; font-size: 16px; font-weight: 600; color: #fff; background: var(--accent); cursor: pointer;",
    "  box-shadow: 0 4px 14px rgba(0,0,0,.25); }",
    ".launcher:focus-visible, button:focus-visible, input:focus-visible, a:focus-visible { outline: 3px solid #1b1b1b; outline-offset: 2px; }",
    ".panel { position: fixed; right: 16px; bottom: 80px; z-index: 2147483000; width: 380px; max-width: calc(100vw - 16px);",
    "  height: 600px; max-height: calc(100vh - 96px); display: flex; flex-direction: column; background: #fff; color: #1b1b1b;",
    "  border-radius: 12px; box-shadow: 0 8px 30px rgba(0,0,0,.3); overflow: hidden; font-size: 15px; line-height: 1.45; }",
    ".panel[hidden] { display: none; }",
    "@media (max-width: 480px) { .panel { right: 0; bottom: 0; width: 100vw; max-width: 100vw; height: 100%; max-height: 100%; border-radius: 0; }",
    "  .launcher.open { display: none; } }",
    ".head { display: flex; align-items: center; gap: 8px; padding: 10px 12px; background: var(--accent); color: #fff; }",
    ".head h2 { flex: 1; margin: 0; font-size: 16px; font-weight: 700; }",
    ".head button { border: 1px solid #fff; background: transparent; color: #fff; border-radius: 6px; padding: 6px 10px; font: inherit; cursor: pointer; }",
    ".banner { margin: 0; padding: 8px 12px; background: #fff4d6; color: #1b1b1b; font-size: 13px; border-bottom: 1px solid #e5d39a; }",
    ".log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 8px; }",
    ".msg { max-width: 85%; padding: 8px 12px; border-radius: 12px; white-space: pre-wrap; overflow-wrap: anywhere; }",
    ".bot { align-self: flex-start; background: #eef1f4; color: #1b1b1b; border-bottom-left-radius: 4px; }",
    ".user { align-self: flex-end; background: var(--accent); color: #fff; border-bottom-right-radius: 4px; }",
    ".bot a { color: #0a4a8a; }",
    ".error { align-self: stretch; background: #fdecea; color: #7a1010; border: 1px solid #f0b4ae; }",
    ".error button { margin-left: 8px; }",
    ".replies { display: flex; flex-wrap: wrap; gap: 6px; }",
    ".replies button, .error button { border: 2px solid var(--accent); background: #fff; color: #1b1b1b; border-radius: 999px;",
    "  padding: 6px 12px; font: inherit; cursor: pointer; min-height: 36px; }",
    ".typing { padding: 0 12px 6px; font-size: 13px; color: #4a4a4a; min-height: 20px; }",
    ".form { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #d8dde2; }",
    ".form input { flex: 1; min-width: 0; padding: 10px; border: 1px solid #6b7580; border-radius: 8px; font: inherit; color: #1b1b1b; }",
    ".form button { border: 0; border-radius: 8px; padding: 10px 14px; background: var(--accent); color: #fff; font-family: inherit; font-size: 15px; font-weight: 600; cursor: pointer; }",
    ".sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0,0,0,0); border: 0; }"
  ].join("\n");

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

  // Text with web links made clickable; everything else stays plain text.
  function linkified(text) {
    var frag = document.createDocumentFragment();
    String(text).split(URL_RE).forEach(function (part, i) {
      if (i % 2 === 1) {
        var tail = part.match(/[.,;:!?]+$/);  // end-of-sentence punctuation is not part of the link
        var href = tail ? part.slice(0, -tail[0].length) : part;
        frag.appendChild(el("a", { href: href, target: "_blank", rel: "noopener noreferrer", text: href }));
        if (tail) frag.appendChild(document.createTextNode(tail[0]));
      } else if (part) {
        frag.appendChild(document.createTextNode(part));
      }
    });
    return frag;
  }

  var host = el("div", { id: "ldn-chat-widget" });
  var root = host.attachShadow({ mode: "open" });
  root.appendChild(el("style", { text: CSS }));
  host.style.setProperty("--accent", ACCENT);

  var launcher = el("button", { class: "launcher", type: "button", "aria-expanded": "false",
                                "aria-controls": "ldn-chat-panel", text: "Chat about LDN" });
  var title = el("h2", { id: "ldn-chat-title", text: attr("clinic-name", "Clinic") + " LDN helper" });
  var restart = el("button", { type: "button", text: "Start over" });
  var close = el("button", { type: "button", "aria-label": "Close chat", text: "✕" });
  var banner = el("p", { class: "banner", text: "General information, not medical advice. In an emergency, call your local emergency number." });
  var log = el("div", { class: "log", role: "log", "aria-live": "polite", "aria-relevant": "additions",
                        "aria-label": "Conversation", tabindex: "0" });
  var typing = el("div", { class: "typing", role: "status", "aria-live": "polite" });
  var inputId = "ldn-chat-input";
  var input = el("input", { id: inputId, type: "text", autocomplete: "off", maxlength: String(MAX_CHARS),
                            placeholder: "Type your question…" });
  var send = el("button", { type: "submit", text: "Send" });
  var form = el("form", { class: "form" }, [el("label", { class: "sr-only", for: inputId, text: "Your message" }), input, send]);
  var panel = el("section", { class: "panel", id: "ldn-chat-panel", role: "dialog", "aria-modal": "false",
                              "aria-labelledby": "ldn-chat-title", hidden: "" },
                 [el("div", { class: "head" }, [title, restart, close]), banner, log, typing, form]);
  root.appendChild(launcher);
  root.appendChild(panel);

  var busy = false;

  var rendered = 0;  // messages already in the log: only new ones are added, so screen readers hear only those

  function renderMessage(message) {
    var bubble = el("div", { class: "msg " + message.from });
    bubble.appendChild(el("span", { class: "sr-only", text: message.from === "bot" ? "Assistant: " : "You: " }));
    bubble.appendChild(linkified(message.text || ""));
    log.appendChild(bubble);
  }

  function renderReplies(buttons) {
    var replies = el("div", { class: "replies", role: "group", "aria-label": "Suggested replies" });
    buttons.forEach(function (b) {
      var button = el("button", { type: "button", text: b.title });
      button.addEventListener("click", function () { submit(b.payload, b.title); });
      replies.appendChild(button);
    });
    log.appendChild(replies);
  }

  function renderError() {
    var retry = el("button", { type: "button", text: "Try again" });
    retry.addEventListener("click", function () { deliver(); });
    log.appendChild(el("div", { class: "msg error", role: "alert" }, [
      document.createTextNode("Sorry, we could not reach the assistant. Your message was kept."), retry]));
  }

  function sync() {
    Array.prototype.forEach.call(log.querySelectorAll(".replies, .error"), function (node) { node.remove(); });
    for (; rendered < state.messages.length; rendered++) renderMessage(state.messages[rendered]);
    var last = state.messages[state.messages.length - 1];
    if (last && last.from === "bot" && last.buttons && last.buttons.length && !state.pending) renderReplies(last.buttons);
    if (state.pending && !busy) renderError();
    log.scrollTop = log.scrollHeight;
  }

  function resetLog() {
    log.textContent = "";
    rendered = 0;
  }

  function setOpen(open) {
    state.open = open;
    save();
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", String(open));
    launcher.classList.toggle("open", open);
    if (open) {
      if (!state.messages.length) {
        state.messages.push({ from: "bot", text: GREETING });
        save();
      }
      sync();
      input.focus();
    }
  }

  function setBusy(value) {
    busy = value;
    typing.textContent = value ? "The assistant is typing…" : "";
    send.disabled = value;
  }

  function deliver() {
    if (!state.pending || busy) return;
    setBusy(true);
    sync();
    var controller = typeof AbortController !== "undefined" ? new AbortController() : null;
    var timer = setTimeout(function () { if (controller) controller.abort(); }, TIMEOUT_MS);
    fetch(SERVER + "/webhooks/rest/webhook", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: state.sessionId, message: state.pending.payload }),
      signal: controller ? controller.signal : undefined,
      credentials: "omit"
    }).then(function (res) {
      if (!res.ok) throw new Error("HTTP " + res.status);
      return res.json();
    }).then(function (replies) {
      clearTimeout(timer);
      state.pending = null;
      (Array.isArray(replies) ? replies : []).forEach(function (r) {
        if (r && (r.text || (r.buttons && r.buttons.length))) {
          state.messages.push({ from: "bot", text: String(r.text || ""),
                                buttons: (r.buttons || []).map(function (b) { return { title: String(b.title), payload: String(b.payload) }; }) });
        }
      });
      save();
      setBusy(false);
      sync();
      input.focus();
    }).catch(function () {
      clearTimeout(timer);
      save();
      setBusy(false);
      sync();
    });
  }

  function submit(payload, shown) {
    payload = String(payload || "").trim();
    if (!payload || busy || state.pending) return;
    if (payload.length > MAX_CHARS) payload = payload.slice(0, MAX_CHARS);
    state.messages.push({ from: "user", text: shown || payload });
    state.pending = { payload: payload };
    save();
    deliver();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value;
    if (!text.trim() || state.pending) return;
    input.value = "";
    submit(text);
  });
  launcher.addEventListener("click", function () { setOpen(panel.hidden); if (panel.hidden) launcher.focus(); });
  close.addEventListener("click", function () { setOpen(false); launcher.focus(); });
  restart.addEventListener("click", function () {
    state = { sessionId: newSessionId(), messages: [], pending: null, open: true };
    save();
    resetLog();
    setOpen(true);
  });
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { setOpen(false); launcher.focus(); }
  });

  fetch(SERVER + "/webhooks/widget/config.json", { credentials: "omit" })
    .then(function (res) { return res.ok ? res.json() : null; })
    .then(function (config) {
      if (!config) return;
      if (config.banner) banner.textContent = config.banner;
      if (!attr("clinic-name", "") && config.clinicName) title.textContent = config.clinicName + " LDN helper";
    })
    .catch(function () { /* the default banner still says what to do in an emergency */ });

  function mount() {
    document.body.appendChild(host);
    if (state.open || state.pending) setOpen(true);  // an unsent message reopens the chat after a reload
  }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
