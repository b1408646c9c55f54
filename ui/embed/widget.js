/*
 * ShopAssist chat widget: a store pastes one tag into its page
 *
 *   <script src="https://ASSISTANT-HOST/embed/widget.js" defer></script>
 *
 * and gets a "Chat with our shopping assistant" button that opens the chat in an iframe.
 * The chat runs on the assistant's own origin (an iframe), so it works from any origin and
 * needs no CORS. Optional attributes on the script tag:
 *   data-title="..."   the button text
 *   data-open="true"   open the chat when the page loads
 *   data-src="URL"     the chat URL (default: the origin this script was loaded from)
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__shopassistWidget) { return; }
  window.__shopassistWidget = true;
  var origin = new URL(script.src, document.baseURI).origin;
  // ?view=widget: the chat without the page's title, intro, demo shopper selector and links
  var chatUrl = script.getAttribute("data-src") || origin + "/?view=widget";
  var title = script.getAttribute("data-title") || "Chat with our shopping assistant";

  var style = document.createElement("style");
  style.textContent =
    "#shopassist-launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;border:0;" +
    "border-radius:999px;padding:12px 18px;font:600 15px system-ui,sans-serif;color:#fff;" +
    "background:#f97316;box-shadow:0 6px 20px rgba(0,0,0,.25);cursor:pointer}" +
    "#shopassist-panel{position:fixed;right:20px;bottom:76px;z-index:2147483000;width:min(920px,calc(100vw - 40px));" +
    "height:min(760px,calc(100vh - 110px));border-radius:14px;overflow:hidden;background:#fff;" +
    "box-shadow:0 12px 40px rgba(0,0,0,.3);display:none}" +
    "#shopassist-panel.open{display:block}" +
    "#shopassist-panel iframe{width:100%;height:100%;border:0}" +
    "#shopassist-close{position:absolute;top:8px;right:8px;z-index:1;width:36px;height:36px;border:0;" +
    "border-radius:999px;background:rgba(15,23,42,.75);color:#fff;font:600 18px system-ui,sans-serif;cursor:pointer}" +
    // a phone: the chat takes the whole screen; the close button brings the page back
    "@media (max-width:600px){#shopassist-panel{right:0;bottom:0;width:100vw;height:100vh;height:100dvh;" +
    "border-radius:0}#shopassist-panel.open+#shopassist-launcher{display:none}}";
  document.head.appendChild(style);

  var panel = document.createElement("div");
  panel.id = "shopassist-panel";
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-label", title);
  var button = document.createElement("button");
  button.id = "shopassist-launcher";
  button.type = "button";
  button.textContent = title;
  button.setAttribute("aria-expanded", "false");

  var close = document.createElement("button");
  close.id = "shopassist-close";
  close.type = "button";
  close.textContent = "×";
  close.setAttribute("aria-label", "Close the shopping assistant");
  close.addEventListener("click", function () { open(false); button.focus(); });
  panel.appendChild(close);

  // The host page's sessionStorage remembers an open chat, so a shopper who moves to another page of the
  // store finds it open again; the conversation itself is the chat origin's (its own localStorage).
  var OPEN_KEY = "shopassist-open";
  function remember(show) {
    try { if (show) { sessionStorage.setItem(OPEN_KEY, "1"); } else { sessionStorage.removeItem(OPEN_KEY); } }
    catch (e) { /* storage blocked: the chat simply starts closed on the next page */ }
  }
  function remembered() {
    try { return sessionStorage.getItem(OPEN_KEY) === "1"; } catch (e) { return false; }
  }

  function open(show) {
    if (show && !panel.querySelector("iframe")) {  // load the chat on first open only
      var frame = document.createElement("iframe");
      frame.src = chatUrl;
      frame.title = title;
      frame.allow = "clipboard-write";
      panel.appendChild(frame);
    }
    panel.classList.toggle("open", show);
    button.setAttribute("aria-expanded", String(show));
    remember(show);
  }
  button.addEventListener("click", function () { open(!panel.classList.contains("open")); });

  function mount() {
    document.body.appendChild(panel);
    document.body.appendChild(button);
    if (script.getAttribute("data-open") === "true" || remembered()) { open(true); }
  }
  if (document.body) { mount(); } else { document.addEventListener("DOMContentLoaded", mount); }
})();
