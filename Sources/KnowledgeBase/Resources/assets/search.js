/* kb — search on the search page (progressive enhancement).
   Reads the search index (JSON, URL in data-index on the form) once, the first time it is
   needed, and searches it in the browser. All visible texts come from data-label-* attributes
   on the form, so the script holds no language. Results are built as DOM nodes with
   textContent; no data ever goes through innerHTML. The query lives in the URL (?q=). */
(function () {
  "use strict";

  var form = document.querySelector("form[data-index]");
  if (!form || !window.fetch || !window.history || !String.prototype.normalize) return;
  var input = form.querySelector('input[name="q"]');
  var statusBox = document.getElementById("zoekstatus");
  var output = document.getElementById("zoekresultaten");
  if (!input || !statusBox || !output) return;

  var labels = form.dataset;
  var lang = document.documentElement.lang || "nl";
  var collator = new Intl.Collator(lang, { numeric: true, sensitivity: "base" });
  var numberFormat = new Intl.NumberFormat(lang);

  // Field weights: a word found in the title counts ten times as much as one in the body text.
  var FIELDS = [
    ["title", 10],
    ["tags", 5],
    ["types", 5],
    ["region", 5],
    ["organisations", 5],
    ["municipalities", 5],
    ["summary", 3],
    ["text", 1]
  ];
  var DEBOUNCE_MS = 150;

  var DIACRITICS = (function () {
    try {
      return new RegExp("\\p{Diacritic}", "gu");
    } catch (e) {
      return /[\u0300-\u036f]/g;
    }
  })();
  var WORD_SPLIT = (function () {
    try {
      return new RegExp("([\\p{L}\\p{N}]+)", "u");
    } catch (e) {
      return /([0-9A-Za-z\u00C0-\u024F]+)/;
    }
  })();

  /** Lower case without diacritics: "Cliënt" → "client". */
  function fold(text) {
    return String(text == null ? "" : text)
      .normalize("NFD")
      .replace(DIACRITICS, "")
      .toLowerCase();
  }

  /** The folded words of a text, in order. */
  function words(text) {
    var parts = fold(text).split(WORD_SPLIT);
    var out = [];
    for (var i = 1; i < parts.length; i += 2) out.push(parts[i]);
    return out;
  }

  function unique(list) {
    var seen = Object.create(null);
    var out = [];
    list.forEach(function (item) {
      if (!seen[item]) {
        seen[item] = true;
        out.push(item);
      }
    });
    return out;
  }

  function asText(value) {
    if (Array.isArray(value)) return value.join(" ");
    return value == null ? "" : String(value);
  }

  /** Per document: the unique folded words of every weighted field. */
  function prepare(json) {
    if (!json || !Array.isArray(json.documents)) throw new Error("unknown search index format");
    return json.documents.map(function (doc) {
      var fields = {};
      FIELDS.forEach(function (field) {
        var name = field[0];
        var value = asText(doc[name]);
        if (name === "region") value += " " + asText(doc.regionCode);
        fields[name] = unique(words(value));
      });
      return { doc: doc, fields: fields };
    });
  }

  function hasPrefix(tokens, word) {
    for (var i = 0; i < tokens.length; i++) {
      if (tokens[i].lastIndexOf(word, 0) === 0) return true;
    }
    return false;
  }

  /** Documents in which every query word starts a word somewhere; best first. */
  function search(entries, queryWords) {
    var hits = [];
    entries.forEach(function (entry) {
      var score = 0;
      for (var w = 0; w < queryWords.length; w++) {
        var found = false;
        for (var f = 0; f < FIELDS.length; f++) {
          if (hasPrefix(entry.fields[FIELDS[f][0]], queryWords[w])) {
            score += FIELDS[f][1];
            found = true;
          }
        }
        if (!found) return;
      }
      hits.push({ doc: entry.doc, score: score });
    });
    hits.sort(function (a, b) {
      return b.score - a.score || collator.compare(String(a.doc.title || ""), String(b.doc.title || ""));
    });
    return hits;
  }

  // ---------- Index loading ----------

  var indexPromise = null;
  var indexReady = false;

  function loadIndex() {
    if (!indexPromise) {
      indexPromise = fetch(form.getAttribute("data-index"), { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then(function (json) {
          indexReady = true;
          return prepare(json);
        });
      indexPromise.catch(function () {
        indexPromise = null; // try again next time
      });
    }
    return indexPromise;
  }

  // ---------- Output ----------

  function fill(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : match;
    });
  }

  function setStatus(message, tip) {
    statusBox.textContent = "";
    if (!message) return;
    var line = document.createElement("p");
    line.textContent = message;
    statusBox.appendChild(line);
    if (tip) {
      var extra = document.createElement("p");
      extra.className = "zoektip";
      extra.textContent = tip;
      statusBox.appendChild(extra);
    }
  }

  /** Appends text to parent, wrapping words that start with a query word in <mark>. */
  function appendHighlighted(parent, text, queryWords) {
    var parts = String(text || "").split(WORD_SPLIT);
    var buffer = "";
    for (var i = 0; i < parts.length; i++) {
      var part = parts[i];
      var isWord = i % 2 === 1;
      var folded = isWord ? fold(part) : "";
      var match =
        isWord &&
        queryWords.some(function (word) {
          return folded.lastIndexOf(word, 0) === 0;
        });
      if (match) {
        if (buffer) parent.appendChild(document.createTextNode(buffer));
        buffer = "";
        var mark = document.createElement("mark");
        mark.textContent = part;
        parent.appendChild(mark);
      } else {
        buffer += part;
      }
    }
    if (buffer) parent.appendChild(document.createTextNode(buffer));
  }

  function renderResults(query, hits, queryWords) {
    output.textContent = "";
    var count = hits.length;
    var template = count === 0 ? labels.labelNoResults : count === 1 ? labels.labelResultOne : labels.labelResults;
    setStatus(fill(template, { n: numberFormat.format(count), q: query }), count === 0 ? labels.labelNoResultsTip : "");
    if (!count) return;

    var list = document.createElement("ol");
    list.className = "kaarten zoekresultaten";
    if (labels.labelList) list.setAttribute("aria-label", labels.labelList);
    hits.forEach(function (hit) {
      var doc = hit.doc;
      var item = document.createElement("li");
      item.className = "kaart";

      var heading = document.createElement("h2");
      heading.className = "kaart-titel";
      var link = document.createElement("a");
      link.href = String(doc.url || "");
      link.textContent = String(doc.title || "");
      heading.appendChild(link);
      item.appendChild(heading);

      var meta = [asText(doc.region), Array.isArray(doc.types) ? doc.types.join(", ") : asText(doc.types), asText(doc.status)]
        .filter(function (part) {
          return part.trim() !== "";
        })
        .join(" · ");
      if (meta) {
        var metaLine = document.createElement("p");
        metaLine.className = "kaart-meta";
        metaLine.textContent = meta;
        item.appendChild(metaLine);
      }

      if (doc.summary) {
        var snippet = document.createElement("p");
        snippet.className = "kaart-samenvatting";
        appendHighlighted(snippet, doc.summary, queryWords);
        item.appendChild(snippet);
      }
      list.appendChild(item);
    });
    output.appendChild(list);
  }

  function clearResults() {
    output.textContent = "";
    setStatus("");
  }

  // ---------- State in the URL ----------

  function queryFromURL() {
    try {
      return new URLSearchParams(window.location.search).get("q") || "";
    } catch (e) {
      return "";
    }
  }

  function updateURL(query, mode) {
    if (mode !== "push" && mode !== "replace") return;
    if (queryFromURL() === query) return;
    var url = new URL(window.location.href);
    if (query) url.searchParams.set("q", query);
    else url.searchParams.delete("q");
    var target = url.pathname + url.search + url.hash;
    try {
      if (mode === "push") window.history.pushState({ q: query }, "", target);
      else window.history.replaceState({ q: query }, "", target);
    } catch (e) {
      /* a sandboxed or file: page may refuse; the search still works */
    }
  }

  // ---------- Running a search ----------

  var generation = 0;
  var shown = null; // the query whose results are on screen

  function run(rawQuery, mode) {
    var query = String(rawQuery || "").trim();
    updateURL(query, mode);
    var current = ++generation;
    if (!query) {
      shown = null;
      clearResults();
      return;
    }
    if (query === shown) return;
    var queryWords = unique(words(query));
    if (!queryWords.length) {
      shown = query;
      renderResults(query, [], queryWords);
      return;
    }
    if (!indexReady) setStatus(labels.labelLoading);
    loadIndex().then(
      function (entries) {
        if (current !== generation) return;
        shown = query;
        renderResults(query, search(entries, queryWords), queryWords);
      },
      function () {
        if (current !== generation) return;
        shown = null;
        output.textContent = "";
        setStatus(labels.labelError);
      }
    );
  }

  var timer = 0;

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      run(input.value, "replace");
    }, DEBOUNCE_MS);
  });

  input.addEventListener(
    "focus",
    function () {
      loadIndex().catch(function () {
        /* reported when a search actually runs */
      });
    },
    { once: true }
  );

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    run(input.value, "push");
  });

  window.addEventListener("popstate", function () {
    var query = queryFromURL();
    input.value = query;
    window.clearTimeout(timer);
    run(query, "none");
  });

  var initial = queryFromURL();
  if (initial) {
    input.value = initial;
    run(initial, "none");
  } else if (input.value.trim()) {
    // The browser restored what was typed before (back button).
    run(input.value, "replace");
  }
})();
