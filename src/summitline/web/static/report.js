// The report's one script: find cards by any word on them. It reads the cards' own text and the inlined
// data (the JSON element, parsed, never evaluated) and only shows or hides cards.
"use strict";
(function () {
  var data = JSON.parse(document.getElementById("meetings").textContent);
  var cards = Array.prototype.slice.call(document.querySelectorAll("#cards article.card"));
  var text = {};
  data.forEach(function (m) { text[m.id] = JSON.stringify(m).toLowerCase(); });
  var find = document.getElementById("find"), count = document.getElementById("count");
  document.getElementById("finder").addEventListener("submit", function (event) { event.preventDefault(); });
  find.addEventListener("input", function () {
    var words = find.value.toLowerCase().split(/\s+/).filter(Boolean), shown = 0;
    cards.forEach(function (card) {
      var hay = text[card.dataset.meeting] || card.textContent.toLowerCase();
      var hit = words.every(function (w) { return hay.indexOf(w) >= 0; });
      card.hidden = !hit; if (hit) { shown += 1; }
    });
    count.textContent = shown + " shown";
  });
})();
