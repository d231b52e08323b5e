// docverify review UI: keyboard shortcuts and box highlighting. No build step; HTMX does the rest.
(function () {
  "use strict";
  var selected = 0;

  function rows() { return Array.prototype.slice.call(document.querySelectorAll("[data-case-row]")); }

  function select(index) {
    var all = rows();
    if (!all.length) { return; }
    selected = Math.max(0, Math.min(index, all.length - 1));
    all.forEach(function (row, i) { row.classList.toggle("selected", i === selected); });
    all[selected].scrollIntoView({ block: "nearest" });
  }

  // requestSubmit: the form's own checks (a required reason) and the confirmation below run, as for a click
  function approve(form) {
    if (form) { form.requestSubmit(); }
  }

  // every decision asks first, naming the case, whether it comes from a button or a key
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form && form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  }, true);

  // the undo of the last decision lasts only so long: count down, then take the button away
  function undoCountdown() {
    var left = document.querySelector("[data-undo-left]");
    if (!left) { return; }
    var seconds = parseInt(left.textContent, 10) || 0;
    var timer = window.setInterval(function () {
      seconds -= 1;
      left.textContent = String(Math.max(0, seconds));
      if (seconds <= 0) {
        window.clearInterval(timer);
        var form = document.getElementById("undo-form");
        if (form) { form.remove(); }
      }
    }, 1000);
  }

  function typing(target) {
    return target && target.closest && target.closest("input, textarea, select, [contenteditable]");
  }

  document.addEventListener("keydown", function (event) {
    if (typing(event.target) || event.ctrlKey || event.metaKey || event.altKey) { return; }
    var page = document.body.dataset.page;
    var key = event.key;
    if (page === "queue") {
      var all = rows();
      var row = all[selected];
      if (key === "j") { select(selected + 1); }
      else if (key === "k") { select(selected - 1); }
      else if ((key === "Enter" || key === "o") && row) { window.location.href = row.dataset.href; }
      else if (key === "a" && row) {
        var quick = row.querySelector("form.approve");
        if (quick) { approve(quick); } else { window.location.href = row.dataset.href; }
      }
      else if (key === "r" && row) { window.location.href = row.dataset.href + "#reject"; }
      else { return; }
      event.preventDefault();
    } else if (page === "case") {
      var body = document.body.dataset;
      if (key === "a") { approve(document.getElementById("approve-form")); }
      else if (key === "r") { var reason = document.getElementById("reject-reason"); if (reason) { reason.focus(); } }
      else if (key === "j" && body.next) { window.location.href = body.next; }
      else if (key === "k" && body.prev) { window.location.href = body.prev; }
      else if (key === "u" && body.queue) { window.location.href = body.queue; }
      else { return; }
      event.preventDefault();
    }
  });

  function highlight(field) {
    document.querySelectorAll(".box").forEach(function (box) {
      box.classList.toggle("hot", field !== null && box.dataset.box === field);
    });
    document.querySelectorAll("table.fields tr[data-field]").forEach(function (tr) {
      tr.classList.toggle("hot", field !== null && tr.dataset.field === field);
    });
  }

  function fieldOf(target) {
    var el = target && target.closest ? target.closest("[data-field]") : null;
    return el ? el.dataset.field : null;
  }

  document.addEventListener("mouseover", function (event) { highlight(fieldOf(event.target)); });
  document.addEventListener("focusin", function (event) { var f = fieldOf(event.target); if (f) { highlight(f); } });

  document.addEventListener("DOMContentLoaded", function () {
    undoCountdown();
    if (document.body.dataset.page === "queue") { select(0); }
    if (window.location.hash === "#reject") {
      var reason = document.getElementById("reject-reason");
      if (reason) { reason.focus(); }
    }
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    selected = 0; select(0);
    // the NIK was revealed (an audited POST): the page images are fetched again, now without the blur
    if (event.detail && event.detail.target && event.detail.target.id === "nik-cell") {
      document.querySelectorAll("img.doc-img").forEach(function (img) {
        img.src = img.src.split("?")[0] + "?nik=shown&t=" + Date.now();
      });
    }
  });
})();
