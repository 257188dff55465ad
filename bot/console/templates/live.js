// The live chat page: fetches the turns after the last one shown every 2 seconds and adds them (text only).
(function () {
  var box = document.getElementById("live");
  if (!box) { return; }
  var key = box.getAttribute("data-key"), after = Number(box.getAttribute("data-after")) || 0;
  var state = document.getElementById("live-state");
  function add(turn) {
    var div = document.createElement("div"), meta = document.createElement("div");
    div.className = "turn " + turn.who;
    meta.className = "meta";
    meta.textContent = turn.label + " · " + new Date(turn.time * 1000).toISOString().replace("T", " ").slice(0, 19);
    div.appendChild(meta);
    div.appendChild(document.createTextNode(turn.text));
    box.appendChild(div);
  }
  function poll() {
    fetch("/console/live/" + key + "/turns?after=" + after, {credentials: "same-origin"})
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (data) {
        data.turns.forEach(add);
        after = data.next;
        state.textContent = data.stage === "taken" ? "" : "The bot has this conversation.";
      })
      .catch(function () { state.textContent = "Lost contact with the console; retrying."; })
      .then(function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, 2000);
})();
