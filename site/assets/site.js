// Đi công tác cơ sở: sortable and filterable tables. Served from the site itself.
(function () {
  "use strict";
  var collator = new Intl.Collator("vi", { sensitivity: "base", numeric: true });

  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
  }

  function sortBy(table, header) {
    var index = Array.prototype.indexOf.call(header.parentNode.children, header);
    var numeric = header.getAttribute("data-type") === "number";
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index), y = cellValue(b, index);
      var order = numeric ? parseFloat(x) - parseFloat(y) : collator.compare(x, y);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(header.parentNode.children, function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  function setUp() {
    document.querySelectorAll("table[data-sortable]").forEach(function (table) {
      table.querySelectorAll("thead th[data-type]").forEach(function (header) {
        header.setAttribute("tabindex", "0");
        header.setAttribute("title", "Bấm để sắp xếp");
        header.addEventListener("click", function () { sortBy(table, header); });
        header.addEventListener("keydown", function (event) {
          if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sortBy(table, header); }
        });
      });
    });
    document.querySelectorAll("select.dcs-filter").forEach(function (select) {
      select.addEventListener("change", function () {
        var table = document.getElementById(select.getAttribute("data-filter-for"));
        if (!table) return;
        Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
          row.hidden = select.value !== "" && row.getAttribute("data-unit") !== select.value;
        });
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
