// Đi công tác cơ sở: sortable and filterable tables. Served from the site itself.
(function () {
  "use strict";
  var collator = new Intl.Collator("vi", { sensitivity: "base", numeric: true });
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
  }

  function sortBy(table, header, status) {
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
    each(header.parentNode.children, function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    if (status) {
      status.textContent = "Đã sắp xếp theo cột " + header.textContent.trim() +
        (ascending ? ", tăng dần." : ", giảm dần.");
    }
  }

  // Each sortable header becomes a button (its name is the column's name alone); the
  // arrow is drawn by CSS from aria-sort and is not part of the name.
  function sortable(table) {
    var status = document.getElementById(table.id + "-trang-thai");
    table.querySelectorAll("thead th[data-type]").forEach(function (header) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "dcs-sort";
      while (header.firstChild) button.appendChild(header.firstChild);
      header.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, header, status); });
    });
  }

  // Selects with data-filter-for="ID" and data-key="KEY" keep, inside #ID, the
  // [data-filter-item] whose data-KEY equals every chosen value; a [data-filter-group]
  // with nothing left is hidden; #ID-trang-thai (a live region) says how many remain.
  function filter(scopeId) {
    var scope = document.getElementById(scopeId);
    if (!scope) return;
    var selects = document.querySelectorAll('select.dcs-filter[data-filter-for="' + scopeId + '"]');
    var shown = 0, total = 0;
    each(scope.querySelectorAll("[data-filter-item]"), function (item) {
      var keep = true;
      each(selects, function (select) {
        var key = "data-" + select.getAttribute("data-key");
        if (select.value !== "" && item.getAttribute(key) !== select.value) keep = false;
      });
      item.hidden = !keep;
      total += 1;
      if (keep) shown += 1;
    });
    var groups = Array.prototype.slice.call(scope.querySelectorAll("[data-filter-group]")).reverse();
    groups.forEach(function (group) {
      group.hidden = group.querySelector("[data-filter-item]:not([hidden])") === null;
    });
    var status = document.getElementById(scopeId + "-trang-thai");
    if (status) status.textContent = "Đang hiện " + shown + " trên " + total + " dòng.";
  }

  function setUp() {
    document.querySelectorAll("table[data-sortable]").forEach(sortable);
    document.querySelectorAll("select.dcs-filter").forEach(function (select) {
      select.addEventListener("change", function () { filter(select.getAttribute("data-filter-for")); });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
