/* kb — sortable tables (progressive enhancement).
   For every <table data-sortable>, each <th data-sort> in the head gets a button; a click sorts
   the rows by that column (data-sort-value when a cell has one, else its text), first ascending,
   then toggling. The state is in aria-sort on the header cell. Without JavaScript the table
   simply keeps the order it was built in. */
(function () {
  "use strict";

  var lang = document.documentElement.lang || "nl";
  var collator;
  try {
    collator = new Intl.Collator(lang, { numeric: true, sensitivity: "base" });
  } catch (e) {
    collator = new Intl.Collator("nl", { numeric: true, sensitivity: "base" });
  }

  function sortKey(cell) {
    if (!cell) return "";
    if (cell.hasAttribute("data-sort-value")) return cell.getAttribute("data-sort-value");
    return (cell.textContent || "").replace(/\s+/g, " ").trim();
  }

  function sortTable(table, headers, th) {
    var body = table.tBodies[0];
    if (!body) return;
    var index = th.cellIndex;
    var direction = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
    var factor = direction === "ascending" ? 1 : -1;

    headers.forEach(function (other) {
      if (other !== th) other.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", direction);

    var rows = Array.prototype.slice.call(body.rows).map(function (row, position) {
      return { row: row, key: sortKey(row.cells[index]), position: position };
    });
    rows.sort(function (a, b) {
      return factor * collator.compare(a.key, b.key) || a.position - b.position;
    });
    var fragment = document.createDocumentFragment();
    rows.forEach(function (item) {
      fragment.appendChild(item.row);
    });
    body.appendChild(fragment);
  }

  function enhance(table) {
    if (table.hasAttribute("data-sort-ready") || !table.tHead) return;
    table.setAttribute("data-sort-ready", "");
    var headers = Array.prototype.slice.call(table.tHead.querySelectorAll("th[data-sort]"));
    headers.forEach(function (th) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sorteerknop";
      while (th.firstChild) button.appendChild(th.firstChild);
      var icon = document.createElement("span");
      icon.className = "sorteer-icoon";
      icon.setAttribute("aria-hidden", "true");
      button.appendChild(icon);
      th.appendChild(button);
      button.addEventListener("click", function () {
        sortTable(table, headers, th);
      });
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
