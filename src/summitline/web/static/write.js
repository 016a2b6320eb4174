// Writes from the browser: ingest a pasted or uploaded document, record a verdict on a finding.
// The token goes in a header (never a cookie), so that a page elsewhere cannot write; everything shown
// back is set as text (textContent), never as HTML.
"use strict";
(function () {
  var root = document.querySelector("a.brand").getAttribute("href");
  function token() {
    var field = document.querySelector("input[name=token]");
    if (field && field.value) { sessionStorage.setItem("summitline-token", field.value); return field.value; }
    var kept = sessionStorage.getItem("summitline-token");
    if (!kept) { kept = window.prompt("The server's token (SUMMITLINE_TOKEN):") || ""; sessionStorage.setItem("summitline-token", kept); }
    return kept;
  }
  function line(parent, text, tag) {
    var el = document.createElement(tag || "p"); el.textContent = text; parent.appendChild(el); return el;
  }
  var form = document.getElementById("ingest");
  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var out = document.getElementById("result"); out.textContent = "";
      var data = new FormData();
      ["text", "title", "published"].forEach(function (k) { if (form.elements[k].value) data.append(k, form.elements[k].value); });
      if (form.elements.file.files.length) data.append("file", form.elements.file.files[0]);
      fetch(root + "api/documents", { method: "POST", body: data, headers: { "X-Summitline-Token": token() }, credentials: "same-origin" })
        .then(function (r) { return r.json().then(function (body) { return [r.status, body]; }); })
        .then(function (res) {
          var status = res[0], body = res[1];
          if (status >= 400) { line(out, "Refused (" + status + "): " + (body.detail || JSON.stringify(body))).className = "error"; return; }
          line(out, body.stored ? "Added as document " + body.document_id + "." : "The library already holds this document.");
          line(out, body.meetings.length + " meeting(s):");
          var list = document.createElement("ul"); out.appendChild(list);
          body.meetings.forEach(function (m) {
            var li = document.createElement("li"); var a = document.createElement("a");
            a.href = root + "meetings/" + encodeURIComponent(m.id); a.textContent = m.date_label + ": " + m.participants.map(function (p) { return p.name; }).join(" – ");
            li.appendChild(a); list.appendChild(li);
          });
        });
    });
  }
  document.querySelectorAll("button.verdict").forEach(function (button) {
    button.addEventListener("click", function () {
      var note = window.prompt("A note on this verdict (optional):") || null;
      fetch(root + "api/findings/" + encodeURIComponent(button.dataset.finding) + "/verdict", {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-Summitline-Token": token() },
        body: JSON.stringify({ verdict: button.dataset.verdict, note: note })
      }).then(function (r) {
        if (r.ok) { window.location.reload(); } else { r.json().then(function (b) { window.alert("Refused (" + r.status + "): " + b.detail); }); }
      });
    });
  });
})();
