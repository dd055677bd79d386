// Form fields. Long checkbox lists (capabilities, industries): a filter box that hides the choices not matching what is
// typed (chosen ones always stay), and a count of what is chosen. Without JS every choice is simply listed.
(function () {
  function setUp(fieldset) {
    var bar = fieldset.querySelector(".check-filter");
    var input = bar && bar.querySelector("[data-check-filter]");
    if (!input) return;
    var count = bar.querySelector("[data-check-count]");
    var empty = fieldset.querySelector(".check-empty");
    var groups = fieldset.querySelectorAll(".check-group");
    bar.hidden = false;
    function update() {
      var q = input.value.trim().toLowerCase();
      var shown = 0;
      groups.forEach(function (group) {
        var groupName = (group.querySelector("legend") || {}).textContent || "";
        var groupHit = q && groupName.toLowerCase().indexOf(q) !== -1;
        var visible = 0;
        group.querySelectorAll("label.choice").forEach(function (label) {
          var box = label.querySelector("input");
          var hit = !q || groupHit || box.checked || label.textContent.toLowerCase().indexOf(q) !== -1;
          label.hidden = !hit;
          if (hit) visible++;
        });
        group.hidden = visible === 0;
        shown += visible;
      });
      if (empty) empty.hidden = shown > 0;
      if (count) {
        var n = fieldset.querySelectorAll(".check-group input:checked").length;
        count.textContent = n ? count.dataset.template.replace("%(num)s", n) : "";
      }
    }
    input.addEventListener("input", update);
    // Enter in the filter must not submit the whole form.
    input.addEventListener("keydown", function (e) { if (e.key === "Enter") e.preventDefault(); });
    fieldset.addEventListener("change", update);
    update();
  }
  function all() { document.querySelectorAll("fieldset.checks").forEach(setUp); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", all); else all();
})();
// Text with a minimum length: a live count under the field ("12 characters so far; at least 20 needed."),
// so the rule is known before sending, not learnt from an error.
(function () {
  function setUp(rule) {
    var field = document.getElementById(rule.dataset.countFor);
    if (!field) return;
    var min = parseInt(rule.dataset.min, 10), max = parseInt(rule.dataset.max, 10);
    function update() {
      var typed = Array.from(field.value.trim()).length;
      var template = typed < min ? rule.dataset.short : rule.dataset.ok;
      rule.textContent = template.replace("{typed}", typed).replace("{min}", min).replace("{max}", max);
      rule.classList.toggle("char-short", typed > 0 && typed < min);
    }
    field.addEventListener("input", update);
    update();
  }
  function all() { document.querySelectorAll("[data-count-for]").forEach(setUp); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", all); else all();
})();
