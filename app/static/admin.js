// Admin pages: "select all" for the review queue's checkboxes. Everything works without it.
document.addEventListener("change", function (event) {
  var box = event.target;
  if (!box.matches || !box.matches("input[data-select-all]")) return;
  var form = box.form || document;
  form.querySelectorAll('input[type=checkbox][name="' + box.dataset.selectAll + '"]').forEach(function (each) {
    each.checked = box.checked;
  });
});
