// Small progressive enhancements; every page works without this file.
// Never builds HTML from data: only textContent and attributes.
(function () {
  "use strict";

  // Filter forms: apply on change, and leave empty fields out of the URL.
  document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("select, input").forEach(function (field) {
        if (field.name && !field.value) { field.disabled = true; }
      });
    });
    form.querySelectorAll("select").forEach(function (select) {
      select.addEventListener("change", function () {
        if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
      });
    });
  });

  // Event page: bring the evidence sentence into view inside its article.
  var mark = document.querySelector(".article mark.current");
  if (mark) {
    var box = mark.closest(".article");
    if (box && box.scrollHeight > box.clientHeight) {
      box.scrollTop = Math.max(0, mark.offsetTop - box.clientHeight / 3);
    }
  }

  // Network: hovering an actor highlights its links.
  var svg = document.querySelector("svg.network");
  if (svg) {
    svg.querySelectorAll("a.node").forEach(function (node) {
      var id = node.getAttribute("data-id");
      node.addEventListener("mouseenter", function () {
        svg.classList.add("hovering");
        svg.querySelectorAll("a.edge").forEach(function (e) {
          if (e.getAttribute("data-source") === id || e.getAttribute("data-target") === id) {
            e.classList.add("lit");
          }
        });
        node.classList.add("lit");
      });
      node.addEventListener("mouseleave", function () {
        svg.classList.remove("hovering");
        svg.querySelectorAll(".lit").forEach(function (e) { e.classList.remove("lit"); });
      });
    });
  }
})();
