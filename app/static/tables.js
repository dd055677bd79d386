// List tables on a phone: style.css turns each row into a card below 640 px; this names each cell there by
// copying its column heading into data-label. Without JS the cards still show every cell, just unnamed.
(function () {
  function label(table) {
    var head = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    if (!head) return;
    var names = [];
    Array.prototype.forEach.call(head.cells, function (cell) {
      var text = cell.textContent.replace(/\s+/g, " ").trim();
      for (var i = 0; i < (cell.colSpan || 1); i++) names.push(text);
    });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        var col = 0;
        Array.prototype.forEach.call(row.cells, function (cell) {
          if (!cell.hasAttribute("data-label") && names[col] && cell.colSpan === 1) cell.setAttribute("data-label", names[col]);
          col += cell.colSpan || 1;
        });
      });
    });
  }
  function all() { document.querySelectorAll("table.own-list, table.admin-table").forEach(label); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", all); else all();
})();
