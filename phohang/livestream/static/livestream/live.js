// The stream page's live connection: comments, pins, and the end of the session for every viewer.
(function () {
  "use strict";
  const root = document.getElementById("live");
  if (!root) return;
  const comments = document.getElementById("live-comments");
  const form = document.getElementById("live-comment-form");
  const errorBox = document.getElementById("live-comment-error");
  let socket = null;
  let retry = 0;
  // Comments sent but not yet acknowledged (stored): sent again with the same key after a
  // reconnect, so none is lost and none is stored twice.
  const unacked = new Map();
  let over = ["ended", "stopped", "cancelled"].includes(root.dataset.status);

  function addComment(item) {
    const li = document.createElement("li");
    li.dataset.id = item.id;
    const time = document.createElement("span");
    time.className = "live-comment-time";
    time.textContent = item.at + " ";
    const author = document.createElement("strong");
    author.textContent = item.author + " ";
    const body = document.createElement("span");
    body.textContent = item.body;
    li.append(time, author, body);
    comments.append(li);
    while (comments.children.length > 200) comments.firstElementChild.remove();
    comments.scrollTop = comments.scrollHeight;
  }

  function showEnded(status) {
    over = true;
    root.dataset.status = status;
    const box = document.getElementById("live-ended");
    document.getElementById("live-ended-text").textContent =
      status === "stopped" ? root.dataset.textStopped : root.dataset.textEnded;
    box.hidden = false;
    document.querySelectorAll(".live-head .live-status").forEach((badge) => {
      badge.className = `live-status live-status-${status}`;
      badge.textContent = status === "stopped" ? root.dataset.labelStopped : root.dataset.labelEnded;
    });
    root.querySelectorAll(".live-player iframe").forEach((frame) => frame.remove());
    root.querySelectorAll("form, .live-pin-actions").forEach((element) => element.remove());
    if (socket) socket.close();
  }

  function refreshPins() {
    // Spread the viewers' requests over a second rather than all at once.
    setTimeout(() => {
      if (window.htmx) window.htmx.ajax("GET", root.dataset.pinsUrl, { target: "#live-pins", swap: "outerHTML" });
    }, Math.random() * 1000);
  }

  function refreshComplaints() {
    // Only the presenter's, the shop's and the moderators' pages hold the panel.
    const panel = document.getElementById("live-complaints");
    if (panel && window.htmx) window.htmx.ajax("GET", panel.dataset.url, { target: "#live-complaints", swap: "innerHTML" });
  }

  function onFrame(event) {
    let message;
    try { message = JSON.parse(event.data); } catch (error) { return; }
    if (message.type === "comments") message.items.forEach(addComment);
    else if (message.type === "comment") addComment(message);
    else if (message.type === "hidden") comments.querySelectorAll(`[data-id="${CSS.escape(message.id)}"]`).forEach((li) => li.remove());
    else if (message.type === "pins") refreshPins();
    else if (message.type === "complaints") refreshComplaints();
    else if (message.type === "ack") unacked.delete(message.key);
    else if (message.type === "error") {
      if (message.key) unacked.delete(message.key);
      if (errorBox) { errorBox.textContent = message.message; errorBox.hidden = false; }
    }
    else if (message.type === "status") {
      if (["ended", "stopped", "cancelled"].includes(message.status)) showEnded(message.status);
      else if (message.status === "live" && root.dataset.status !== "live") window.location.reload();
    }
  }

  function connect() {
    if (over) return;
    const scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + root.dataset.liveUrl);
    socket.addEventListener("open", () => {
      retry = 0;
      root.dataset.connected = "1";
      unacked.forEach((body, key) => socket.send(JSON.stringify({ type: "comment", key, body })));
    });
    socket.addEventListener("message", onFrame);
    socket.addEventListener("close", () => {
      root.dataset.connected = "";
      if (over) return;
      retry = Math.min(retry + 1, 6);
      setTimeout(connect, 500 * 2 ** retry * (0.5 + Math.random()));
    });
  }

  if (form) {
    form.addEventListener("submit", (event) => {
      const input = form.querySelector("input[name=body]");
      if (!socket || socket.readyState !== WebSocket.OPEN || !input.value.trim()) return;
      event.preventDefault();
      if (errorBox) errorBox.hidden = true;
      const key = (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
      unacked.set(key, input.value);
      socket.send(JSON.stringify({ type: "comment", key, body: input.value }));
      input.value = "";
    });
  }
  connect();
})();
