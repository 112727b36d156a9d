// newsdesk pages: a little behaviour on top of pages that work without it.
// Following a key point lights every piece of its support; a name lights every mention of it.
"use strict";
document.addEventListener("click", function (event) {
  var link = event.target.closest("a.kp-link");
  if (link) {
    light('mark.support[data-kp="' + link.dataset.kp + '"]');
    return;
  }
  var button = event.target.closest("button.entity-button");
  if (button) {
    var first = light('.text .ent[data-entity="' + button.dataset.entity + '"]');
    if (first) first.scrollIntoView({ behavior: "smooth", block: "center" });
  }
});

function light(selector) {
  document.querySelectorAll(".active").forEach(function (el) { el.classList.remove("active"); });
  var found = document.querySelectorAll(selector);
  found.forEach(function (el) { el.classList.add("active"); });
  return found[0] || null;
}
