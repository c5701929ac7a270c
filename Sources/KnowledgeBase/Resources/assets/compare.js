/* kb — the compare page, /vergelijk/?ids=a,b,c (progressive enhancement, no libraries).

   Each initiative page carries what this page shows of it as JSON in
   <script type="application/json" id="kb-vergelijk"> (never executed): {v: 1, slug, title,
   url, values: {row key: [{text, url?, badge?}]}, lessonsHTML?}. This script fetches the
   chosen initiatives' pages (data-initiative-url, "{slug}" replaced), reads that block with
   DOMParser and fills the table the page has ready: a column per initiative, a row per key
   (tr[data-key]); rows and groups no chosen initiative has a value for are hidden.

   State lives in the URL (?ids=, at most four slugs, in order); removing an initiative adds a
   history entry, so Back brings it back. The choice is also written to sessionStorage
   ("kb-vergelijk") for the "Vergelijk" controls on other pages (compare-select.js).
   Texts come from data-label-* attributes on #vergelijk; values go in as text, the lessons as
   a copy of the write-up's own (sanitised) HTML that keeps only text-level elements.
   For tests: #vergelijk has data-state="idle|loading|ready" and data-ids (the slugs shown). */
(function () {
  "use strict";

  var MAX = 4;
  var KEY = "kb-vergelijk";
  var SLUG = /^[a-z0-9-]+$/;
  var cache = new Map();
  var generation = 0;
  var root, status, chooser, wrapper, table, pattern;

  function label(name, values) {
    var text = root.getAttribute("data-label-" + name) || "";
    Object.keys(values || {}).forEach(function (key) {
      text = text.split("{" + key + "}").join(values[key]);
    });
    return text;
  }

  /** The slugs in ?ids= (comma-separated, or the parameter repeated), valid and once each. */
  function requested() {
    var params = new URLSearchParams(window.location.search);
    var ids = [];
    var tooMany = false;
    params.getAll("ids").join(",").split(",").forEach(function (raw) {
      var slug = raw.trim().toLowerCase();
      if (!SLUG.test(slug) || ids.indexOf(slug) >= 0) return;
      if (ids.length < MAX) ids.push(slug);
      else tooMany = true;
    });
    return { ids: ids, tooMany: tooMany };
  }

  /** The data block of an initiative's page, or null when it cannot be had. Fetched once. */
  function data(slug) {
    if (!cache.has(slug)) {
      var promise = fetch(pattern.split("{slug}").join(slug), { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status + " " + slug);
          return response.text();
        })
        .then(function (html) {
          var page = new DOMParser().parseFromString(html, "text/html");
          var block = page.getElementById("kb-vergelijk");
          if (!block) throw new Error("no data in " + slug);
          var value = JSON.parse(block.textContent);
          if (!value || value.v !== 1 || value.slug !== slug) throw new Error("unexpected data in " + slug);
          return value;
        })
        .catch(function () {
          return null;
        });
      cache.set(slug, promise);
    }
    return cache.get(slug);
  }

  // ---------- Cells ----------

  function item(value) {
    var node;
    if (value.url) {
      node = document.createElement("a");
      node.href = value.url;
      node.textContent = value.text;
    } else if (value.badge) {
      node = document.createElement("span");
      node.className = "badge badge-" + value.badge;
      node.textContent = value.text;
    } else {
      node = document.createTextNode(value.text);
    }
    return node;
  }

  function cell(values) {
    var td = document.createElement("td");
    if (!values || !values.length) {
      td.className = "leeg-veld";
      td.textContent = label("empty");
      return td;
    }
    if (values.length === 1) {
      td.appendChild(item(values[0]));
      return td;
    }
    var list = document.createElement("ul");
    list.className = "vergelijk-lijst";
    values.forEach(function (value) {
      var li = document.createElement("li");
      li.appendChild(item(value));
      list.appendChild(li);
    });
    td.appendChild(list);
    return td;
  }

  var KEEP = /^(P|UL|OL|LI|STRONG|EM|DEL|CODE|PRE|BLOCKQUOTE|A|BR|TABLE|THEAD|TBODY|TR|TH|TD)$/;

  /** A copy of the write-up's lessons without ids, regions, footnote marks or headings (which
      become bold paragraphs): it sits in a table cell beside others. */
  function cleaned(source, pageURL, into) {
    Array.prototype.forEach.call(source.childNodes, function (node) {
      if (node.nodeType === 3) {
        into.appendChild(document.createTextNode(node.nodeValue));
        return;
      }
      if (node.nodeType !== 1) return;
      var name = node.nodeName;
      if (name === "SUP" && node.classList.contains("footnote-ref")) return;
      if (name === "INPUT" || name === "SCRIPT" || name === "STYLE") return;
      if (name === "IMG") {
        into.appendChild(document.createTextNode(node.getAttribute("alt") || ""));
        return;
      }
      if (/^H[1-6]$/.test(name)) {
        var p = document.createElement("p");
        var strong = document.createElement("strong");
        cleaned(node, pageURL, strong);
        p.appendChild(strong);
        into.appendChild(p);
        return;
      }
      if (!KEEP.test(name)) {
        cleaned(node, pageURL, into);
        return;
      }
      var copy = document.createElement(name.toLowerCase());
      if (name === "A") {
        var href = node.getAttribute("href") || "";
        copy.href = href.charAt(0) === "#" ? pageURL + href : href;
      }
      if ((name === "TD" || name === "TH") && /^uitlijning-/.test(node.className)) copy.className = node.className;
      cleaned(node, pageURL, copy);
      into.appendChild(copy);
    });
    return into;
  }

  function lessonsCell(initiative) {
    if (!initiative.lessonsHTML) return cell(null);
    var td = document.createElement("td");
    td.className = "vergelijk-lessen";
    var parsed = new DOMParser().parseFromString("<body>" + initiative.lessonsHTML + "</body>", "text/html");
    cleaned(parsed.body, initiative.url, td);
    return td;
  }

  // ---------- Table ----------

  function head(initiative, index, shown) {
    var th = document.createElement("th");
    th.scope = "col";
    var link = document.createElement("a");
    link.href = initiative.url;
    link.textContent = initiative.title;
    th.appendChild(link);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "knop-link vergelijk-verwijder";
    button.textContent = label("remove");
    button.setAttribute("aria-label", label("remove-named", { title: initiative.title }));
    button.setAttribute("data-slug", initiative.slug);
    button.addEventListener("click", function () {
      var rest = shown.filter(function (other) {
        return other.slug !== initiative.slug;
      });
      var next = rest[Math.min(index, rest.length - 1)];
      var url = new URL(window.location.href);
      if (rest.length) url.searchParams.set("ids", rest.map(function (other) { return other.slug; }).join(","));
      else url.searchParams.delete("ids");
      window.history.pushState(null, "", url.pathname + url.search.replace(/%2C/gi, ",") + url.hash);
      render(next ? next.slug : "");
    });
    th.appendChild(button);
    return th;
  }

  function build(shown) {
    var headRow = table.tHead.rows[0];
    while (headRow.cells.length > 1) headRow.deleteCell(1);
    shown.forEach(function (initiative, index) {
      headRow.appendChild(head(initiative, index, shown));
    });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      var any = false;
      Array.prototype.forEach.call(body.rows, function (row) {
        while (row.cells.length > 1) row.deleteCell(1);
        var key = row.getAttribute("data-key");
        if (!key) {
          row.cells[0].colSpan = shown.length + 1;
          return;
        }
        var known = false;
        shown.forEach(function (initiative) {
          var values = key === "lessons" ? null : (initiative.values || {})[key];
          if (key === "lessons" ? initiative.lessonsHTML : values && values.length) known = true;
          row.appendChild(key === "lessons" ? lessonsCell(initiative) : cell(values));
        });
        row.hidden = !known;
        any = any || known;
      });
      body.hidden = !any;
    });
    table.setAttribute("data-columns", String(shown.length));
    wrapper.hidden = shown.length === 0;
    chooser.hidden = shown.length >= 2;
  }

  /** Shows what the URL asks for; `focusSlug`: after a removal, the column to focus. */
  function render(focusSlug) {
    var state = requested();
    var current = ++generation;
    root.setAttribute("data-state", "loading");
    if (state.ids.length) status.textContent = label("loading");
    Promise.all(state.ids.map(data)).then(function (results) {
      if (current !== generation) return;
      var shown = results.filter(Boolean);
      var messages = [];
      results.forEach(function (result, index) {
        if (!result) messages.push(label("error", { slug: state.ids[index] }));
      });
      if (state.tooMany) messages.push(label("too-many"));
      if (shown.length >= 2) messages.unshift(label("ready", { n: String(shown.length) }));
      build(shown);
      status.textContent = messages.join(" ");
      root.setAttribute("data-ids", shown.map(function (initiative) { return initiative.slug; }).join(","));
      root.setAttribute("data-state", "ready");
      try {
        window.sessionStorage.setItem(KEY, shown.map(function (initiative) { return initiative.slug; }).join(","));
      } catch (e) {
        /* the choice then lasts for this page only */
      }
      if (focusSlug !== undefined) {
        var target = focusSlug && table.querySelector('button[data-slug="' + focusSlug + '"]');
        (target || status).focus();
      }
    });
  }

  function init() {
    root = document.getElementById("vergelijk");
    if (!root) return;
    status = document.getElementById("vergelijk-status");
    chooser = document.getElementById("vergelijk-kiezen");
    wrapper = document.getElementById("vergelijk-wrapper");
    table = document.getElementById("vergelijk-tabel");
    pattern = root.getAttribute("data-initiative-url") || "/initiatieven/{slug}/";
    window.addEventListener("popstate", function () {
      render();
    });
    render();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
