// Forms marked data-once: after the first submit, the buttons are disabled so a double click sends once.
// (The server is idempotent anyway; this only spares the second request.) The clicked button's value is
// already in the form data when the timeout runs, so disabling it does not change what is sent.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.hasAttribute("data-once")) return;
  if (form.dataset.sent === "1") { event.preventDefault(); return; }
  form.dataset.sent = "1";
  setTimeout(function () {
    form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
  }, 0);
});
// Coming back with the browser's back button restores the page from cache: let it be sent again.
window.addEventListener("pageshow", function () {
  document.querySelectorAll("form[data-once]").forEach(function (form) {
    form.dataset.sent = "";
    form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = false; });
  });
});
