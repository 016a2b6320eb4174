// The map over tiles, only when the server was started with --tiles URL (the tiles are the only requests
// that leave the server). Markers come from the app's own API; labels are set as text.
"use strict";
(function () {
  var box = document.getElementById("leaflet-map");
  if (!box || !window.L) { return; }
  var map = L.map(box).setView([30, 10], 2);
  L.tileLayer(box.dataset.tiles, { maxZoom: 12 }).addTo(map);
  fetch(box.dataset.api, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (data) {
    data.markers.forEach(function (m) {
      var marker = L.circleMarker([m.lat, m.lon], { radius: m.r, color: m.colour, fillColor: m.colour, fillOpacity: 0.8 });
      var label = document.createElement("span"); label.textContent = m.label + ": " + m.meetings + " meeting(s)";
      marker.bindTooltip(label).addTo(map);
    });
  });
})();
