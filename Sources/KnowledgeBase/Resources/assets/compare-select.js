/* kb — choosing initiatives to compare (progressive enhancement).
   On a page with the compare bar (#vergelijkbalk, rendered hidden by the compare-bar partial):
   every card (li.kaart) whose title links to an initiative, every table row whose row header
   links to one, and the initiative page itself get a "Vergelijk" checkbox. The choice (at most
   four, in the order chosen) is kept in sessionStorage under "kb-vergelijk", so it follows the
   reader from page to page in this tab; the bar says how many are chosen (role="status") and
   links to the compare page with ?ids=a,b,c. Without JavaScript nothing of this shows.
   Texts come from data-label-* attributes on the bar ({n}: a number, {title}: a title). */
(function () {
  "use strict";

  var MAX = 4;
  var KEY = "kb-vergelijk";
  var SLUG = /^[a-z0-9-]+$/;

  function load() {
    var text = "";
    try {
      text = window.sessionStorage.getItem(KEY) || "";
    } catch (e) {
      /* storage may be unavailable: the choice then lasts for this page only */
    }
    return unique(text.split(","));
  }

  function unique(list) {
    var out = [];
    list.forEach(function (slug) {
      if (SLUG.test(slug) && out.indexOf(slug) < 0 && out.length < MAX) out.push(slug);
    });
    return out;
  }

  function save(list) {
    try {
      window.sessionStorage.setItem(KEY, list.join(","));
    } catch (e) {
      /* see load */
    }
  }

  function init() {
    var bar = document.getElementById("vergelijkbalk");
    if (!bar) return;
    var status = document.getElementById("vergelijkbalk-status");
    var link = document.getElementById("vergelijkbalk-link");
    var clear = document.getElementById("vergelijkbalk-wissen");
    var base = bar.getAttribute("data-initiatives") || "/initiatieven/";
    var compareURL = bar.getAttribute("data-compare") || "/vergelijk/";
    function label(name, values) {
      var text = bar.getAttribute("data-label-" + name) || "";
      Object.keys(values || {}).forEach(function (key) {
        text = text.split("{" + key + "}").join(values[key]);
      });
      return text;
    }

    /** The slug of an initiative page's URL, or "" for any other link. */
    function slugOf(href) {
      var path;
      try {
        path = new URL(href, document.baseURI).pathname;
      } catch (e) {
        return "";
      }
      if (path.indexOf(base) !== 0) return "";
      var rest = path.slice(base.length).replace(/\/(index\.html)?$/, "");
      return SLUG.test(rest) ? rest : "";
    }

    var chosen = load();
    var boxes = [];
    var counter = 0;

    function control(slug, title, text, className) {
      counter += 1;
      var wrapper = document.createElement(className === "rij-vergelijk" ? "span" : "p");
      wrapper.className = className;
      var box = document.createElement("input");
      box.type = "checkbox";
      box.id = "vergelijk-keuze-" + counter;
      box.value = slug;
      var lab = document.createElement("label");
      lab.htmlFor = box.id;
      lab.appendChild(document.createTextNode(text));
      if (title) {
        var hidden = document.createElement("span");
        hidden.className = "visueel-verborgen";
        hidden.textContent = " " + title;
        lab.appendChild(hidden);
      }
      wrapper.appendChild(box);
      wrapper.appendChild(lab);
      box.addEventListener("change", function () {
        toggle(slug, box.checked);
      });
      boxes.push(box);
      return wrapper;
    }

    function update(message) {
      boxes.forEach(function (box) {
        box.checked = chosen.indexOf(box.value) >= 0;
      });
      var n = chosen.length;
      bar.classList.toggle("vergelijkbalk-leeg", n === 0);
      // kb.css keeps what is scrolled to or focused clear of the bar while it shows.
      document.documentElement.classList.toggle("vergelijk-gekozen", n > 0);
      link.hidden = n < 2;
      clear.hidden = n === 0;
      link.href = compareURL + "?ids=" + chosen.join(",");
      link.textContent = label("link", { n: String(n) });
      var count = n === 0 ? label("count-none") : n === 1 ? label("count-one") : label("count", { n: String(n) });
      status.textContent = message ? message + " " + count : count;
    }

    function toggle(slug, on) {
      var at = chosen.indexOf(slug);
      if (on && at < 0) {
        if (chosen.length >= MAX) {
          update(label("full"));
          return;
        }
        chosen.push(slug);
      } else if (!on && at >= 0) {
        chosen.splice(at, 1);
      }
      save(chosen);
      update();
    }

    // Cards: a checkbox under the card's facts.
    Array.prototype.forEach.call(document.querySelectorAll("li.kaart"), function (card) {
      var a = card.querySelector(".kaart-titel a");
      var slug = a ? slugOf(a.href) : "";
      if (!slug) return;
      card.appendChild(control(slug, a.textContent.trim(), label("toggle"), "kaart-vergelijk"));
    });
    // Table rows whose row header links to an initiative (#vergelijking, the initiatives table).
    Array.prototype.forEach.call(document.querySelectorAll("table.tabel tbody tr"), function (row) {
      var th = row.querySelector("th[scope=row]");
      var a = th && th.querySelector("a");
      var slug = row.getAttribute("data-slug") || (a ? slugOf(a.href) : "");
      if (!slug || !SLUG.test(slug)) return;
      th.appendChild(control(slug, a ? a.textContent.trim() : "", label("toggle"), "rij-vergelijk"));
    });
    // The initiative page itself: under its summary.
    var own = slugOf(window.location.href);
    var intro = document.querySelector("main .inleiding");
    if (own && intro) intro.parentNode.insertBefore(control(own, "", label("this"), "vergelijk-dit"), intro.nextSibling);

    clear.addEventListener("click", function () {
      chosen = [];
      save(chosen);
      update();
    });
    // Back to this page from another (bfcache): the choice may have changed there.
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) {
        chosen = load();
        update();
      }
    });
    // Filled while hidden: what the bar says on arrival is not announced, only changes are.
    update();
    bar.hidden = false;
    bar.setAttribute("data-ready", "");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
