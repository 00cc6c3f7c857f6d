// Article page: clicking a highlighted passage shows its evidence (sentence, cue, pattern) in a side box.
// Everything is inserted with textContent: nothing from the article is ever parsed as HTML.
(function () {
  "use strict";
  var dataEl = document.getElementById("evidence-data");
  var box = document.getElementById("evidence");
  if (!dataEl || !box) return;
  var evidence = JSON.parse(dataEl.textContent);
  var LABELS = {kind: "nature", title: "qui / quoi", type: "type", code: "code", entity: "entité",
    mentions: "mentions", quote: "citation", quote_kind: "forme", cue: "verbe introducteur",
    dyad: "source → type → cible", cameo: "CAMEO", quad: "classe", trigger: "déclencheur",
    pattern: "motif", sentence: "phrase", negated: "nié", hypothetical: "hypothétique"};

  function show(key) {
    var ev = evidence[key];
    if (!ev) return;
    var dl = box.querySelector("dl");
    while (dl.firstChild) dl.removeChild(dl.firstChild);
    Object.keys(LABELS).forEach(function (k) {
      var v = ev[k];
      if (v === null || v === undefined || v === false || v === "" || (Array.isArray(v) && !v.length)) return;
      var dt = document.createElement("dt"), dd = document.createElement("dd");
      dt.textContent = LABELS[k];
      dd.textContent = Array.isArray(v) ? v.join(" · ") : (v === true ? "oui" : String(v));
      dd.className = "ev-" + k;
      dl.appendChild(dt); dl.appendChild(dd);
    });
    box.hidden = false;
    box.dataset.key = key;
    document.querySelectorAll(".active").forEach(function (el) { el.classList.remove("active"); });
    document.querySelectorAll("[data-ev]").forEach(function (el) {
      if (el.getAttribute("data-ev") === key) el.classList.add("active");
    });
  }

  function handler(e) {
    if (e.type === "keydown" && e.key !== "Enter" && e.key !== " ") return;
    var el = e.target.closest ? e.target.closest("mark.hl[data-ev], .panels li[data-ev]") : null;
    if (!el || e.target.closest("a")) return;
    e.preventDefault();
    e.stopPropagation();
    show(el.getAttribute("data-ev"));
  }
  document.addEventListener("click", handler);
  document.addEventListener("keydown", handler);
  box.querySelector(".close").addEventListener("click", function () {
    box.hidden = true;
    document.querySelectorAll(".active").forEach(function (el) { el.classList.remove("active"); });
  });
})();
