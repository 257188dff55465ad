// The chat page's own script (served at /static/chat.js by bot/channels/site.py): starts the rasa-webchat
// widget with the page's settings, shows "working on it" while the server works, keeps a new reply's
// start in view and clears the conversation from this browser on "Start over".
(function () {
  "use strict";

  // What rasa-webchat keeps in the browser's storage: the conversation and its session id, and two keys of
  // its own (a visit history and a message to send on the next visit).
  var STORED_KEYS = ["chat_session", "rasaWebchatPro", "mrbot_next_message"];
  var SLOW_AFTER_MS = 10000;
  var WORKING = "Working on your answer\u2026";
  var SLOW = "Still working on it. The first answer can take up to a minute.";

  var slowTimer = null;

  function status(text) {
    var element = document.getElementById("chat-status");  // drawn by the widget (bot/channels/webchat_script.py)
    if (element) element.textContent = text;
  }

  function working() {
    clearTimeout(slowTimer);
    status(WORKING);
    slowTimer = setTimeout(function () { status(SLOW); }, SLOW_AFTER_MS);
  }

  function answered() {
    clearTimeout(slowTimer);
    status("");
  }

  // A message goes to the server when the form is sent with text in it or a follow-up button is pressed.
  // Listening in the capture phase sees both before the widget handles them.
  document.addEventListener("submit", function (event) {
    var box = event.target.querySelector && event.target.querySelector(".rw-new-message");
    if (box && box.value.trim()) working();
  }, true);
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("button.rw-reply")) working();
  }, true);

  // Where the conversation scrolls after it changes (the widget calls this, see webchat_script.py): to the
  // start of the bot's newest reply, so a long answer is read from its first line; to the end after the
  // person's own message.
  function scroll(list) {
    var groups = list.querySelectorAll(".rw-group-message");
    var last = groups[groups.length - 1];
    if (last && last.classList.contains("rw-from-response")) {
      var top = last.getBoundingClientRect().top - list.getBoundingClientRect().top + list.scrollTop;
      list.scrollTop = top - 8;  // a short reply: the browser stops at the end, the whole reply is in view
    } else {
      list.scrollTop = list.scrollHeight;
    }
  }

  function forget() {
    STORED_KEYS.forEach(function (key) {
      localStorage.removeItem(key);
      sessionStorage.removeItem(key);
    });
  }

  // Start over: forget the conversation now and once more when the page loads again, before the widget
  // starts (the widget may still save its state while the page unloads). The new page opens a new
  // conversation: the widget greets again and the old one is gone from the screen and the browser.
  function startOver() {
    forget();
    location.replace(location.pathname + "?start-over");
  }

  if (new URLSearchParams(location.search).has("start-over")) {
    forget();
    history.replaceState(null, "", location.pathname);
  }

  window.careerbot = {scroll: scroll};
  document.getElementById("start-over").addEventListener("click", startOver);

  var settings = JSON.parse(document.getElementById("chat-settings").textContent);
  settings.customMessageDelay = function () { return 0; };  // each bubble as soon as it arrives, not 30 ms a letter
  settings.onSocketEvent = {bot_uttered: answered};
  WebChat.default(settings, document.getElementById("webchat"));
})();
