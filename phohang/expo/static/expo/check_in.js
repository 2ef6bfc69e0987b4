// Entrance check-in: camera or typed code; scans made offline wait in localStorage and are sent
// when the network is back. The server decides duplicates, so a replayed scan is only refused.
(function () {
  "use strict";
  var root = document.getElementById("check-in");
  if (!root) return;
  var form = document.getElementById("check-in-form");
  var input = form.querySelector("input[name=token]");
  var result = document.getElementById("check-in-result");
  var count = document.getElementById("check-in-count");
  var queueLabel = document.getElementById("check-in-queue");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var queueKey = "phohang-check-in-" + root.dataset.event;
  var recent = {};

  function queue() {
    try { return JSON.parse(localStorage.getItem(queueKey) || "[]"); } catch (e) { return []; }
  }
  function saveQueue(items) {
    localStorage.setItem(queueKey, JSON.stringify(items));
    queueLabel.textContent = items.length ? items.length + " " + queueLabel.dataset.label : "";
  }
  function show(ok, message) {
    result.textContent = message;
    result.className = "check-in-result " + (ok ? "message-success" : "message-error");
  }

  function send(token) {
    var body = new URLSearchParams({ token: token, csrfmiddlewaretoken: csrf });
    return fetch(root.dataset.scanUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, Accept: "application/json" },
    }).then(function (response) {
      return response.json().then(function (data) {
        if (data.count !== undefined) count.textContent = data.count;
        return data;
      });
    });
  }

  function scan(token) {
    token = (token || "").trim();
    if (!token) return;
    send(token).then(function (data) { show(data.ok, data.message); }, function () {
      var items = queue();
      if (items.indexOf(token) < 0) items.push(token);
      saveQueue(items);
      show(false, root.dataset.offline);
    });
  }

  function flush() {
    var items = queue();
    if (!items.length) return;
    var token = items[0];
    send(token).then(function (data) {
      saveQueue(queue().filter(function (t) { return t !== token; }));
      show(data.ok, data.message);
      flush();
    }, function () { /* still offline */ });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    scan(input.value);
    input.value = "";
    input.focus();
  });
  window.addEventListener("online", flush);
  setInterval(flush, 5000);
  saveQueue(queue());

  var video = document.getElementById("camera");
  var canvas = document.getElementById("camera-frame");
  function seen(token) {
    var now = Date.now();
    if (recent[token] && now - recent[token] < 4000) return;
    recent[token] = now;
    scan(token);
  }
  function readFrames(detector) {
    function tick() {
      if (video.readyState >= 2) {
        if (detector) {
          detector.detect(video).then(function (codes) { if (codes.length) seen(codes[0].rawValue); });
        } else if (window.jsQR) {
          canvas.width = video.videoWidth;
          canvas.height = video.videoHeight;
          var context = canvas.getContext("2d");
          context.drawImage(video, 0, 0);
          var image = context.getImageData(0, 0, canvas.width, canvas.height);
          var code = window.jsQR(image.data, image.width, image.height);
          if (code) seen(code.data);
        }
      }
      setTimeout(function () { requestAnimationFrame(tick); }, 250);
    }
    tick();
  }
  document.getElementById("camera-start").addEventListener("click", function () {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      show(false, root.dataset.cameraError);
      return;
    }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      video.play();
      var detector = "BarcodeDetector" in window ? new window.BarcodeDetector({ formats: ["qr_code"] }) : null;
      readFrames(detector);
    }, function () { show(false, root.dataset.cameraError); });
  });
})();
