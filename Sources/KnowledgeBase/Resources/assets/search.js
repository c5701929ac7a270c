/* kb — search on the search page (progressive enhancement, no libraries).

   Reads the sharded search index that kb writes under /zoeken/ (version 2):
     index.json      document count, the shards that exist, stopwords, facet values and labels
     facetten.json   per document: type, region, status, organisations, start year
     s/<xx>.json     term shards: "term" → [Δdoc, score, Δdoc, score, …];
                     "~term" compound tails, "=term" the stem with diacritics
     t/<xx>.json     typo lists: term keys whose letters 2–3, 3–4 or 4–5 are xx (a typo in the
                     first two letters of a word moves it to another shard; this finds it)
   index.json also holds the synonym groups (term keys, phrases joined by spaces).
     f/<doc>.json    what a result shows, fetched only for results on screen
   Everything fetched is kept in a Map and never fetched twice. Query words are tokenised,
   stemmed (stemmer.js, the same Dutch stemmer kb uses at build time) and folded exactly as
   Tokenizer.swift does, so a query word finds the same term key as the indexed word.

   All visible texts come from data-label-* attributes on the form; the script holds no
   language. Results are built as DOM nodes with textContent; no data goes through innerHTML.
   State lives in the URL: ?q=…&type=…&regio=…&status=…&bewijs=…&organisatie=…&jaar=…

   For tests and benchmarks: the form has data-state="idle|loading|ready"; after each render
   #zoekresultaten has data-query (the normalised state: "dementie", "dementie&regio=ZK22",
   "&regio=ZK22" when browsing) and data-count (the number of results); window.kbSearchTimings
   gets {query (same as data-query), ms, wait, search, fragments, render} per search, ms being
   the time from the input event (or click) to the results on screen. */
(function () {
  "use strict";

  // ---------- Text: mirrors Tokenizer.swift ----------

  // A word: runs of letters/digits (and combining marks after the first character);
  // apostrophes inside a word are dropped ("cliënt's" → "cliënts").
  var WORD = /[\p{Alphabetic}\p{N}][\p{Alphabetic}\p{N}\p{Mn}]*(?:['\u2019]+[\p{Alphabetic}\p{N}\p{Mn}]+)*/gu;
  var APOSTROPHES = /['\u2019]/g;
  var MARKS = /\p{Mn}/gu;
  var ASCII = /^[\x00-\x7f]*$/;

  /** The lowercase words of a text, in order. */
  function tokenize(text) {
    var out = [];
    var match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text))) out.push(match[0].replace(APOSTROPHES, "").toLowerCase());
    return out;
  }

  /** Lowercase without diacritics: "coördinatie" → "coordinatie" (like Tokenizer.fold). */
  function fold(word) {
    return ASCII.test(word) ? word : word.normalize("NFD").replace(MARKS, "");
  }

  var stemFunction =
    typeof globalThis.kbDutchStem === "function"
      ? globalThis.kbDutchStem
      : function (word) {
          return word;
        };
  var keyCache = new Map();

  /** Index term key of a lowercase word: fold(stem(word)), as SearchIndexBuilder.stemKey. */
  function termKey(word) {
    var key = keyCache.get(word);
    if (key === undefined) {
      key = fold(stemFunction(word));
      if (keyCache.size > 50000) keyCache.clear();
      keyCache.set(word, key);
    }
    return key;
  }

  /** Shard of a term (SearchIndexBuilder.shardKey): its first two characters, or "_". */
  function shardOf(term) {
    var head = Array.from(term).slice(0, 2).join("");
    return /^[a-z0-9]+$/.test(head) ? head : "_";
  }

  /** True when a and b differ by at most one insertion, deletion, substitution or swap of
      two neighbouring letters (and are not equal). */
  function oneEditApart(a, b) {
    var la = a.length;
    var lb = b.length;
    if (la === lb) {
      var i = 0;
      while (i < la && a.charCodeAt(i) === b.charCodeAt(i)) i++;
      if (i === la) return false;
      if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
      return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
    }
    if (la - lb === 1 || lb - la === 1) {
      var long = la > lb ? a : b;
      var short = la > lb ? b : a;
      var j = 0;
      while (j < short.length && long.charCodeAt(j) === short.charCodeAt(j)) j++;
      return long.slice(j + 1) === short.slice(j);
    }
    return false;
  }

  // ---------- Ranking ----------

  // Per query word a document gets the score of its best kind of match. The bands make the
  // kind of match decide first (exact stem > prefix > compound tail > typo); within a band
  // the BM25F score from the index decides. Index scores (BM25F × 10) stay far below a band.
  var BAND_EXACT = 3e6;
  var BAND_PREFIX = 2e6;
  var BAND_SYNONYM = 1.5e6; // a synonym or abbreviation of the word ("Wlz" for "Wet langdurige zorg")
  var BAND_TAIL = 1e6;
  var BAND_TYPO = 0;
  var MIN_PREFIX = 2; // the last query word matches as a prefix from 2 letters
  var MIN_TYPO = 5; // one typo is allowed in words of 5 letters or more
  var MIN_FAR_TYPO = 6; // ... and in the first two letters in words of 6 or more

  var FACETS = ["type", "regio", "status", "bewijs", "organisatie", "jaar"];

  // ---------- The engine: loading and searching, no DOM ----------

  function Engine(indexURL, fetchJSON) {
    this.indexURL = indexURL;
    this.base = indexURL.replace(/[^/]*$/, "");
    this.fetchJSON = fetchJSON;
    this.ready = false;
    this.shards = new Map(); // xx → {terms, keys (sorted, lazily), decoded: Map}
    this.loading = new Map(); // url → promise
    this.fragments = new Map(); // doc → fragment
    this.typoLists = new Map(); // xx → [term keys]
    this.farTypos = new Map(); // word signature → term keys one edit away in the first two letters
    this.wordCache = new Map(); // word signature → match
    this.startPromise = null;
  }

  Engine.prototype.load = function (url) {
    var self = this;
    var promise = this.loading.get(url);
    if (!promise) {
      promise = this.fetchJSON(url);
      this.loading.set(url, promise);
      promise.catch(function () {
        self.loading.delete(url); // try again next time
      });
    }
    return promise;
  };

  /** Loads index.json and facetten.json (once). */
  Engine.prototype.start = function () {
    var self = this;
    if (!this.startPromise) {
      this.startPromise = Promise.all([this.load(this.indexURL), this.load(this.base + "facetten.json")]).then(function (parts) {
        self.prepare(parts[0], parts[1]);
        return self;
      });
      this.startPromise.catch(function () {
        self.startPromise = null;
      });
    }
    return this.startPromise;
  };

  Engine.prototype.prepare = function (entry, facetData) {
    if (!entry || entry.version !== 2) throw new Error("unknown search index version");
    var n = entry.documents | 0;
    this.count = n;
    this.shardNames = new Set(entry.shards || []);
    this.typoNames = new Set(String(entry.typos || "").match(/../g) || []);
    this.stopwords = new Set(entry.stopwords || []);
    // Synonyms: phrase (term keys joined by spaces) → the other phrases of its groups, as key lists.
    this.synonyms = new Map();
    this.longestPhrase = 1;
    var synonyms = this.synonyms;
    var longest = 1;
    (entry.synonyms || []).forEach(function (group) {
      group.forEach(function (phrase) {
        longest = Math.max(longest, phrase.split(" ").length);
        var others = synonyms.get(phrase) || [];
        group.forEach(function (other) {
          if (other !== phrase) others.push(other.split(" "));
        });
        synonyms.set(phrase, others);
      });
    });
    this.longestPhrase = longest;
    // Facets: value keys and labels, and per document its value indexes.
    var years = Array.from(new Set(facetData.jaar || [])).sort(function (a, b) {
      return b - a;
    });
    var yearIndex = new Map(
      years.map(function (year, i) {
        return [year, i];
      })
    );
    this.facets = {};
    var self = this;
    FACETS.forEach(function (name) {
      var def = (entry.facets || {})[name];
      var values = name === "jaar" ? years.map(String) : def ? def.values.map(String) : [];
      var labels = name === "jaar" ? years.map(String) : def ? def.labels.map(String) : [];
      var perDoc = new Array(n);
      var raw = facetData[name] || [];
      for (var d = 0; d < n; d++) {
        var v = raw[d];
        if (name === "jaar") perDoc[d] = yearIndex.has(v) ? [yearIndex.get(v)] : [];
        else if (Array.isArray(v)) perDoc[d] = v;
        else perDoc[d] = typeof v === "number" && v >= 0 ? [v] : [];
      }
      var title = def && def.title ? String(def.title) : "";
      self.facets[name] = { name: name, values: values, labels: labels, perDoc: perDoc, title: title };
    });
    this.ready = true;
  };

  /** The query words, ready to match. Stopwords are dropped (they are not indexed), unless
      the query has nothing else: then the last word is used as a prefix ("de" → "dementie"). */
  Engine.prototype.parse = function (query) {
    var raw = tokenize(query);
    var stop = this.stopwords;
    var words = [];
    var seen = new Set();
    raw.forEach(function (lower, i) {
      var last = i === raw.length - 1;
      var isStop = stop.has(lower);
      if (isStop && !(last && words.length === 0)) return;
      var folded = fold(lower);
      var word = {
        lower: lower,
        folded: folded,
        key: isStop ? "" : termKey(lower),
        exact: folded === lower ? "" : "=" + stemFunction(lower),
        prefix: last && Array.from(folded).length >= MIN_PREFIX,
        typo: !isStop && Array.from(folded).length >= MIN_TYPO
      };
      if (isStop && !word.prefix) return;
      var signature = word.key + "|" + word.folded + "|" + (word.prefix ? 1 : 0);
      if (seen.has(signature)) return;
      seen.add(signature);
      word.signature = signature;
      words.push(word);
    });
    words.units = this.units(words);
    return words;
  };

  /** Runs of query words that are a synonym phrase, longest first, without overlaps:
      [{from, to, others: [[key, …], …]}]. A single word is a run of one. */
  Engine.prototype.units = function (words) {
    var out = [];
    if (!this.synonyms || !this.synonyms.size) return out;
    for (var i = 0; i < words.length; i++) {
      for (var n = Math.min(this.longestPhrase, words.length - i); n >= 1; n--) {
        var keys = [];
        for (var k = i; k < i + n; k++) keys.push(words[k].key);
        var others = this.synonyms.get(keys.join(" "));
        if (others) {
          out.push({ from: i, to: i + n, others: others });
          i += n - 1;
          break;
        }
      }
    }
    return out;
  };

  /** The shards the words need that are not loaded yet (and exist). */
  Engine.prototype.missingShards = function (words) {
    var need = new Set();
    words.forEach(function (word) {
      if (word.key) need.add(shardOf(word.key));
      if (word.prefix || word.typo) need.add(shardOf(word.folded));
    });
    (words.units || []).forEach(function (unit) {
      unit.others.forEach(function (keys) {
        keys.forEach(function (key) {
          need.add(shardOf(key));
        });
      });
    });
    var self = this;
    return Array.from(need).filter(function (name) {
      return self.shardNames.has(name) && !self.shards.has(name);
    });
  };

  /** The typo list a word with a typo in its first two letters is in: its letters 3–4. */
  function typoListOf(target) {
    var name = target.slice(2, 4);
    return /^[a-z0-9]{2}$/.test(name) ? name : "";
  }

  /** The targets of a far typo: the word and its stem, where long enough. */
  function farTargets(word) {
    if (!word.typo || Array.from(word.folded).length < MIN_FAR_TYPO) return [];
    var out = [word.folded];
    if (word.key && word.key !== word.folded && word.key.length >= 5) out.push(word.key);
    return out;
  }

  /** What the words still need, as ["s/xx" | "t/xx", …]: first their shards; once those are
      in, for a long word that matches nothing there, its typo list, then the shards of the
      terms one edit away in the first two letters (kept in farTypos). */
  Engine.prototype.missing = function (words) {
    var shards = this.missingShards(words);
    if (shards.length) {
      return shards.map(function (name) {
        return "s/" + name;
      });
    }
    var need = new Set();
    var self = this;
    words.forEach(function (word) {
      var targets = farTargets(word);
      if (!targets.length) return;
      var far = self.farTypos.get(word.signature);
      if (!far) {
        if (self.matchWord(word).docs.length) return; // found as it is
        var lists = targets.map(typoListOf).filter(function (name) {
          return name && self.typoNames.has(name);
        });
        var unloaded = lists.filter(function (name) {
          return !self.typoLists.has(name);
        });
        if (unloaded.length) {
          unloaded.forEach(function (name) {
            need.add("t/" + name);
          });
          return;
        }
        far = new Set();
        lists.forEach(function (name) {
          self.typoLists.get(name).forEach(function (term) {
            for (var t = 0; t < targets.length; t++) {
              var target = targets[t];
              if (shardOf(term) !== shardOf(target) && Math.abs(term.length - target.length) <= 1 && oneEditApart(term, target)) {
                far.add(term);
                break;
              }
            }
          });
        });
        far = Array.from(far);
        self.farTypos.set(word.signature, far);
        self.wordCache.delete(word.signature);
      }
      far.forEach(function (term) {
        var name = shardOf(term);
        if (self.shardNames.has(name) && !self.shards.has(name)) need.add("s/" + name);
      });
    });
    return Array.from(need);
  };

  /** Loads what the words need, in as many rounds as that takes (at most three). */
  Engine.prototype.ensure = function (words) {
    var self = this;
    var missing = this.missing(words);
    if (!missing.length) return Promise.resolve();
    var shards = [];
    var lists = [];
    missing.forEach(function (path) {
      if (path.charAt(0) === "s") shards.push(path.slice(2));
      else lists.push(path.slice(2));
    });
    return Promise.all([this.loadShards(shards), this.loadTypoLists(lists)]).then(function () {
      return self.ensure(words);
    });
  };

  Engine.prototype.loadTypoLists = function (names) {
    var self = this;
    return Promise.all(
      names.map(function (name) {
        return self.load(self.base + "t/" + encodeURIComponent(name) + ".json").then(function (list) {
          if (!self.typoLists.has(name)) self.typoLists.set(name, Array.isArray(list) ? list : []);
        });
      })
    );
  };

  Engine.prototype.loadShards = function (names) {
    var self = this;
    return Promise.all(
      names.map(function (name) {
        return self.load(self.base + "s/" + encodeURIComponent(name) + ".json").then(function (terms) {
          if (!self.shards.has(name)) self.shards.set(name, { terms: terms || {}, keys: null, decoded: new Map() });
        });
      })
    );
  };

  Engine.prototype.shard = function (name) {
    return this.shards.get(name) || null;
  };

  /** Postings of a term as {docs: Int32Array, scores: Int32Array}, decoded once. */
  Engine.prototype.postings = function (term) {
    var first = term.charAt(0);
    var shard = this.shard(shardOf(first === "~" || first === "=" || first === "^" ? fold(term.slice(1)) : term));
    if (!shard) return null;
    var hit = shard.decoded.get(term);
    if (hit !== undefined) return hit;
    var raw = shard.terms[term];
    hit = null;
    if (Array.isArray(raw)) {
      var size = raw.length >> 1;
      var docs = new Int32Array(size);
      var scores = new Int32Array(size);
      var doc = 0;
      for (var i = 0; i < size; i++) {
        doc += raw[2 * i];
        docs[i] = doc;
        scores[i] = raw[2 * i + 1];
      }
      hit = { docs: docs, scores: scores };
    }
    shard.decoded.set(term, hit);
    return hit;
  };

  /** The term keys of a shard, sorted, for prefix look-ups. */
  Engine.prototype.sortedKeys = function (name) {
    var shard = this.shard(name);
    if (!shard) return [];
    if (!shard.keys) shard.keys = Object.keys(shard.terms).sort();
    return shard.keys;
  };

  /** All keys of a shard starting with prefix (binary search, then a scan). */
  Engine.prototype.keysWithPrefix = function (name, prefix) {
    var keys = this.sortedKeys(name);
    var lo = 0;
    var hi = keys.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (keys[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    var out = [];
    for (var i = lo; i < keys.length && keys[i].lastIndexOf(prefix, 0) === 0; i++) out.push(keys[i]);
    return out;
  };

  /** Best score per document for one query word, over all its variants. Cached per word. */
  Engine.prototype.matchWord = function (word) {
    var cached = this.wordCache.get(word.signature);
    if (cached) return cached;
    var self = this;
    var best = new Float64Array(this.count);
    var touched = [];
    var keys = new Set(); // matched whole-word keys, for highlighting
    var tails = new Set(); // matched compound-tail keys
    function add(term, band) {
      var p = self.postings(term);
      if (!p) return false;
      for (var i = 0; i < p.docs.length; i++) {
        var d = p.docs[i];
        var value = band + p.scores[i];
        if (best[d] === 0) touched.push(d);
        if (value > best[d]) best[d] = value;
      }
      return true;
    }
    // 1. The stem itself; a bonus for the exact form with diacritics ("cliënt").
    if (word.key && add(word.key, BAND_EXACT)) {
      keys.add(word.key);
      var exact = word.exact ? this.postings(word.exact) : null;
      if (exact) {
        for (var e = 0; e < exact.docs.length; e++) {
          if (best[exact.docs[e]] >= BAND_EXACT) best[exact.docs[e]] += exact.scores[e];
        }
      }
    }
    // 2. The last word while typing: every term key starting with it.
    if (word.prefix) {
      var shardName = shardOf(word.folded);
      this.keysWithPrefix(shardName, word.folded).forEach(function (term) {
        if (term !== word.key && add(term, BAND_PREFIX)) keys.add(term);
      });
      // "^word" (optional in the index): a surface word whose stem does not start with it
      // ("woningen" → "woon"), carrying the stem's postings, so "wonin" finds it too.
      this.keysWithPrefix(shardName, "^" + word.folded).forEach(function (term) {
        add(term, BAND_PREFIX);
      });
      this.keysWithPrefix(shardName, "~" + word.folded).forEach(function (term) {
        if (add(term, BAND_TAIL)) tails.add(term.slice(1));
      });
    }
    // 3. Compounds that end in the word: "mantelzorgondersteuning" for "ondersteuning".
    if (word.key && add("~" + word.key, BAND_TAIL)) tails.add(word.key);
    // 4. One typo: term keys one edit away from the word or its stem. Only keys in the
    //    word's own shard are compared, so a typo in the first two letters is not found
    //    (that would mean loading every shard).
    if (word.typo) {
      var targets = [word.folded];
      if (word.key !== word.folded && Array.from(word.key).length >= MIN_TYPO) targets.push(word.key);
      var names = new Set([shardOf(word.folded), word.key ? shardOf(word.key) : shardOf(word.folded)]);
      names.forEach(function (name) {
        var all = self.sortedKeys(name);
        for (var i = 0; i < all.length; i++) {
          var term = all[i];
          var c = term.charCodeAt(0);
          if (c === 126 || c === 61 || c === 94) continue; // "~", "=" and "^" keys
          if (term === word.key || keys.has(term)) continue;
          for (var t = 0; t < targets.length; t++) {
            var target = targets[t];
            if (Math.abs(term.length - target.length) <= 1 && oneEditApart(term, target)) {
              if (add(term, BAND_TYPO)) keys.add(term);
              break;
            }
          }
        }
      });
    }
    // 5. One typo in the first two letters (see missing): terms from other shards.
    var far = this.farTypos.get(word.signature);
    if (far && touched.length === 0) {
      far.forEach(function (term) {
        if (add(term, BAND_TYPO)) keys.add(term);
      });
    }
    touched.sort(function (a, b) {
      return a - b;
    });
    var docs = Int32Array.from(touched);
    var scores = new Float64Array(docs.length);
    for (var k = 0; k < docs.length; k++) scores[k] = best[docs[k]];
    var result = { docs: docs, scores: scores, keys: keys, tails: tails, prefix: word.prefix ? word.folded : "" };
    if (this.wordCache.size > 200) this.wordCache.clear();
    this.wordCache.set(word.signature, result);
    return result;
  };

  /** Runs a search: words from parse(), selected = {facet: Set of value indexes}; hasQuery
      false browses (every document, alphabetical).
      Returns the ranked documents, facet counts and what to highlight. */
  Engine.prototype.search = function (words, selected, hasQuery) {
    var n = this.count;
    var candidates;
    var totals;
    var matches = this.unitMatches(words, words.map(this.matchWord, this));
    if (matches.length === 0 && hasQuery) {
      candidates = new Int32Array(0); // only punctuation: nothing to find
      totals = new Float64Array(0);
    } else if (matches.length === 0) {
      candidates = new Int32Array(n);
      for (var d = 0; d < n; d++) candidates[d] = d;
      totals = new Float64Array(n);
    } else {
      // AND: start from the rarest word, keep what every other word also matches; sum scores.
      var order = matches.slice().sort(function (a, b) {
        return a.docs.length - b.docs.length;
      });
      candidates = order[0].docs;
      totals = order[0].scores.slice();
      var scratch = new Float64Array(n);
      for (var w = 1; w < order.length && candidates.length; w++) {
        var m = order[w];
        for (var i = 0; i < m.docs.length; i++) scratch[m.docs[i]] = m.scores[i];
        var keep = 0;
        for (var c = 0; c < candidates.length; c++) {
          var s = scratch[candidates[c]];
          if (s > 0) {
            candidates[keep] = candidates[c];
            totals[keep] = totals[c] + s;
            keep++;
          }
        }
        if (candidates === order[0].docs) candidates = candidates.slice(0, keep);
        else candidates = candidates.subarray(0, keep);
        totals = totals.subarray(0, keep);
        for (var j = 0; j < m.docs.length; j++) scratch[m.docs[j]] = 0;
      }
      if (candidates === order[0].docs) candidates = candidates.slice();
    }
    // Facets: values OR within a facet, AND across facets. A value's count is the number of
    // results it would have if ticked: the query AND the other facets' selections.
    var facets = FACETS.map(function (name) {
      return this.facets[name];
    }, this);
    var masks = facets.map(function (facet) {
      var set = selected[facet.name];
      if (!set || set.size === 0) return null;
      var mask = new Uint8Array(facet.values.length);
      set.forEach(function (v) {
        mask[v] = 1;
      });
      return mask;
    });
    var counts = facets.map(function (facet) {
      return new Int32Array(facet.values.length);
    });
    var results = [];
    var resultScores = [];
    var f;
    for (var r = 0; r < candidates.length; r++) {
      var doc = candidates[r];
      var failed = -1;
      var failures = 0;
      for (f = 0; f < facets.length; f++) {
        if (!masks[f]) continue;
        var values = facets[f].perDoc[doc];
        var pass = false;
        for (var v = 0; v < values.length; v++) {
          if (masks[f][values[v]]) {
            pass = true;
            break;
          }
        }
        if (!pass) {
          failed = f;
          if (++failures > 1) break;
        }
      }
      if (failures > 1) continue;
      for (f = 0; f < facets.length; f++) {
        if (failures === 1 && f !== failed) continue;
        var own = facets[f].perDoc[doc];
        for (var x = 0; x < own.length; x++) counts[f][own[x]]++;
      }
      if (failures === 0) {
        results.push(doc);
        resultScores.push(totals[r]);
      }
    }
    if (matches.length) {
      var index = results.map(function (doc, i) {
        return i;
      });
      index.sort(function (a, b) {
        return resultScores[b] - resultScores[a] || results[a] - results[b];
      });
      results = index.map(function (i) {
        return results[i];
      });
    }
    var countMap = {};
    facets.forEach(function (facet, i) {
      countMap[facet.name] = counts[i];
    });
    return { docs: results, counts: countMap, highlight: new Highlighter(matches, this.stopwords) };
  };

  /** Documents in both a and b, scores added. */
  function both(a, b) {
    var docs = [];
    var scores = [];
    for (var i = 0, j = 0; i < a.docs.length && j < b.docs.length; ) {
      if (a.docs[i] < b.docs[j]) i++;
      else if (a.docs[i] > b.docs[j]) j++;
      else {
        docs.push(a.docs[i]);
        scores.push(a.scores[i++] + b.scores[j++]);
      }
    }
    return { docs: Int32Array.from(docs), scores: Float64Array.from(scores) };
  }

  /** Documents in a or b, the better score. */
  function either(a, b) {
    var docs = [];
    var scores = [];
    for (var i = 0, j = 0; i < a.docs.length || j < b.docs.length; ) {
      if (j >= b.docs.length || (i < a.docs.length && a.docs[i] < b.docs[j])) {
        docs.push(a.docs[i]);
        scores.push(a.scores[i++]);
      } else if (i >= a.docs.length || b.docs[j] < a.docs[i]) {
        docs.push(b.docs[j]);
        scores.push(b.scores[j++]);
      } else {
        docs.push(a.docs[i]);
        scores.push(Math.max(a.scores[i++], b.scores[j++]));
      }
    }
    return { docs: Int32Array.from(docs), scores: Float64Array.from(scores) };
  }

  /** A synonym phrase's documents: every key of it, as a word or a compound's tail. */
  Engine.prototype.phraseMatch = function (keys) {
    var self = this;
    var result = null;
    keys.forEach(function (key) {
      var found = { docs: new Int32Array(0), scores: new Float64Array(0) };
      [key, "~" + key].forEach(function (term) {
        var p = self.postings(term);
        if (p) found = either(found, { docs: p.docs, scores: Float64Array.from(p.scores) });
      });
      result = result ? both(result, found) : found;
    });
    return result || { docs: new Int32Array(0), scores: new Float64Array(0) };
  };

  /** The words' matches with synonym runs (parse's units) merged: the run's own words (all
      of them) or any other phrase of its groups, which ranks in the synonym band. */
  Engine.prototype.unitMatches = function (words, matches) {
    var units = words.units || [];
    if (!units.length) return matches;
    var out = [];
    var at = 0;
    var self = this;
    units.forEach(function (unit) {
      for (; at < unit.from; at++) out.push(matches[at]);
      var own = matches[unit.from];
      var keys = new Set(own.keys);
      var tails = new Set(own.tails);
      for (var w = unit.from + 1; w < unit.to; w++) {
        own = both(own, matches[w]);
        matches[w].keys.forEach(keys.add, keys);
        matches[w].tails.forEach(tails.add, tails);
      }
      var length = unit.to - unit.from;
      var merged = own;
      unit.others.forEach(function (other) {
        var found = self.phraseMatch(other);
        if (!found.docs.length) return;
        other.forEach(keys.add, keys);
        var scores = new Float64Array(found.docs.length);
        for (var i = 0; i < scores.length; i++) scores[i] = length * BAND_SYNONYM + found.scores[i];
        merged = either(merged, { docs: found.docs, scores: scores });
      });
      out.push({ docs: merged.docs, scores: merged.scores, keys: keys, tails: tails, prefix: matches[unit.to - 1].prefix });
      at = unit.to;
    });
    for (; at < matches.length; at++) out.push(matches[at]);
    return out;
  };

  Engine.prototype.fragment = function (doc) {
    var self = this;
    if (this.fragments.has(doc)) return Promise.resolve(this.fragments.get(doc));
    return this.load(this.base + "f/" + doc + ".json").then(function (fragment) {
      self.fragments.set(doc, fragment || {});
      return self.fragments.get(doc);
    });
  };

  // ---------- Highlighting ----------

  /** Decides which words of a text matched the query: same term key, starts with the typed
      prefix, or a compound ending in a matched tail. Stopwords are never marked. */
  function Highlighter(matches, stopwords) {
    this.keys = new Set();
    this.tails = new Set();
    this.prefixes = [];
    this.stopwords = stopwords || new Set();
    // Cheap filter before stemming a text word: the first two letters of its key. Stems keep
    // them, except that the stemmer drops "ge" ("gezondheid" → "zon") and doubles a vowel
    // ("open" → "oop"); startsOf lists what a word's key can start with.
    this.keyStarts = new Set();
    this.tailStarts = new Set();
    this.memo = new Map();
    var self = this;
    matches.forEach(function (m) {
      m.keys.forEach(function (k) {
        self.keys.add(k);
        self.keyStarts.add(k.slice(0, 2));
      });
      m.tails.forEach(function (k) {
        self.tails.add(k);
        self.tailStarts.add(k.slice(0, 2));
      });
      if (m.prefix && m.docs.length) self.prefixes.push(m.prefix);
    });
    this.empty = this.keys.size === 0 && this.tails.size === 0 && this.prefixes.length === 0;
  }

  function startsOf(folded) {
    var out = [folded.slice(0, 2), folded.charAt(0) + folded.charAt(0)];
    if (folded.lastIndexOf("ge", 0) === 0) out.push(folded.slice(2, 4));
    return out;
  }

  function anyIn(set, list) {
    for (var i = 0; i < list.length; i++) if (set.has(list[i])) return true;
    return false;
  }

  Highlighter.prototype.hits = function (lower) {
    var known = this.memo.get(lower);
    if (known !== undefined) return known;
    var hit = false;
    if (!this.stopwords.has(lower)) {
      var folded = fold(lower);
      for (var p = 0; !hit && p < this.prefixes.length; p++) hit = folded.lastIndexOf(this.prefixes[p], 0) === 0;
      if (!hit && this.keys.size && anyIn(this.keyStarts, startsOf(folded))) hit = this.keys.has(termKey(lower));
      if (!hit && this.tails.size && folded.length >= 7) {
        for (var start = 3; !hit && start <= folded.length - 4; start++) {
          var tail = folded.slice(start);
          if (anyIn(this.tailStarts, startsOf(tail))) hit = this.tails.has(termKey(tail));
        }
      }
    }
    this.memo.set(lower, hit);
    return hit;
  };

  Highlighter.prototype.matchesWord = function (raw) {
    return this.hits(raw.replace(APOSTROPHES, "").toLowerCase());
  };

  /** Does the text contain a matched word? */
  Highlighter.prototype.anyIn = function (text) {
    if (this.empty || !text) return false;
    var match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text))) {
      if (this.matchesWord(match[0])) return true;
    }
    return false;
  };

  /** About 30 words of text around the first matched word, or "" when none matches. */
  Highlighter.prototype.window = function (text) {
    if (this.empty || !text) return "";
    var starts = [];
    var ends = [];
    var first = -1;
    var match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text))) {
      starts.push(match.index);
      ends.push(match.index + match[0].length);
      if (first < 0 && this.matchesWord(match[0])) first = starts.length - 1;
      if (first >= 0 && starts.length - 1 >= first + 20) break;
    }
    if (first < 0) return "";
    var from = Math.max(0, first - 10);
    var to = starts.length - 1;
    var snippet = text.slice(starts[from], ends[to]).replace(/\s+/g, " ");
    return (from > 0 ? "\u2026 " : "") + snippet + (ends[to] < text.length ? " \u2026" : "");
  };

  // ---------- Exports (tests, benchmarks, node) ----------

  var api = { Engine: Engine, tokenize: tokenize, fold: fold, termKey: termKey, shardOf: shardOf, oneEditApart: oneEditApart };
  globalThis.kbSearch = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (typeof document === "undefined") return;

  // ---------- The page ----------

  var form = document.querySelector("form[data-index]");
  if (!form || !window.fetch || !window.history || !window.URLSearchParams) return;
  var input = form.querySelector('input[name="q"]');
  var statusBox = document.getElementById("zoekstatus");
  var alertBox = document.getElementById("zoekmelding");
  var output = document.getElementById("zoekresultaten");
  var moreButton = document.getElementById("zoekmeer");
  var filters = document.getElementById("zoekfilters");
  var facetBox = document.getElementById("facetten");
  var filterCount = document.getElementById("zoekfilters-aantal");
  var clearButton = document.getElementById("zoekfilters-wissen");
  if (!input || !statusBox || !output) return;

  var labels = form.dataset;
  var lang = document.documentElement.lang || "nl";
  var collator = new Intl.Collator(lang, { numeric: true, sensitivity: "base" });
  var numberFormat = new Intl.NumberFormat(lang);
  var PAGE = 20;
  var FIRST_BATCH = 3; // results shown before the rest of the page (about a screenful)
  var DEBOUNCE_MS = 120;
  var ORGANISATIONS_SHOWN = 10;
  var WIDE = window.matchMedia ? window.matchMedia("(min-width: 60em)") : null;

  window.kbSearchTimings = window.kbSearchTimings || [];

  var engine = new Engine(new URL(form.getAttribute("data-index"), window.location.href).pathname, function (url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status + " " + url);
      return response.json();
    });
  });

  function fill(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : match;
    });
  }

  function setText(element, text) {
    if (element && element.textContent !== text) element.textContent = text;
  }

  // ---------- State: query + facet selections, and the URL ----------

  var selected = {}; // facet → Set of value indexes
  FACETS.forEach(function (name) {
    selected[name] = new Set();
  });
  var pendingURLFacets = null; // facet values from the URL before the index is loaded

  function normaliseQuery(q) {
    return String(q || "")
      .replace(/\s+/g, " ")
      .trim();
  }

  function selectedKeys(name) {
    var facet = engine.facets[name];
    return Array.from(selected[name])
      .sort(function (a, b) {
        return a - b;
      })
      .map(function (i) {
        return facet.values[i];
      });
  }

  /** The normalised state for tests and benchmarks (data-query): the query in lowercase with
      single spaces, then the selected facets as "&regio=ZK22&type=…" (fixed order). */
  function queryKey(query) {
    var facets = stateString("");
    var q = normaliseQuery(query).toLowerCase();
    return facets ? q + "&" + facets : q;
  }

  /** "q=…&type=…&regio=…": the state as a query string, facets in a fixed order. */
  function stateString(q) {
    var params = new URLSearchParams();
    var query = normaliseQuery(q);
    if (query) params.append("q", query);
    if (engine.ready) {
      FACETS.forEach(function (name) {
        selectedKeys(name).forEach(function (value) {
          params.append(name, value);
        });
      });
    } else if (pendingURLFacets) {
      pendingURLFacets.forEach(function (pair) {
        params.append(pair[0], pair[1]);
      });
    }
    return params.toString();
  }

  function hasFacets() {
    if (!engine.ready) return !!(pendingURLFacets && pendingURLFacets.length);
    return FACETS.some(function (name) {
      return selected[name].size > 0;
    });
  }

  function readURL() {
    var params = new URLSearchParams(window.location.search);
    var facets = [];
    FACETS.forEach(function (name) {
      params.getAll(name).forEach(function (value) {
        facets.push([name, value]);
      });
    });
    return { q: params.get("q") || "", facets: facets };
  }

  /** Applies [facet, value] pairs from the URL to the selection (unknown values are ignored). */
  function applyFacets(pairs) {
    FACETS.forEach(function (name) {
      selected[name].clear();
    });
    pairs.forEach(function (pair) {
      var facet = engine.facets[pair[0]];
      if (!facet) return;
      var i = facet.values.indexOf(pair[1]);
      if (i < 0 && pair[0] === "regio") i = facet.values.indexOf(pair[1].toUpperCase());
      if (i >= 0) selected[pair[0]].add(i);
    });
  }

  // Typing replaces the current history entry; a submit or a facet change makes an entry
  // that stays (pushState). The first keystroke after such an entry starts a new one, so
  // Back returns to the previous search instead of losing it.
  var urlTimer = 0;
  var pendingURL = null;

  function currentEntryIsKept() {
    var state = window.history.state;
    return !(state && state.kbTyping);
  }

  function flushURL() {
    window.clearTimeout(urlTimer);
    urlTimer = 0;
    if (pendingURL) window.history.replaceState({ kb: true, kbTyping: true }, "", pendingURL);
    pendingURL = null;
  }

  /** mode "type": while typing; "commit": the form was submitted; "push": a facet changed. */
  function writeURL(mode) {
    var search = stateString(input.value);
    var here = window.location.pathname + window.location.search + window.location.hash;
    var target = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
    try {
      if (mode === "type") {
        if (currentEntryIsKept()) {
          if (target !== here) window.history.pushState({ kb: true, kbTyping: true }, "", target);
          return;
        }
        // Coalesce: browsers throttle very frequent history updates.
        pendingURL = target === here ? null : target;
        if (pendingURL && !urlTimer) urlTimer = window.setTimeout(flushURL, 150);
        return;
      }
      flushURL();
      here = window.location.pathname + window.location.search + window.location.hash;
      if (mode === "commit" && !currentEntryIsKept()) {
        window.history.replaceState({ kb: true }, "", target); // the typed query stays
      } else if (target === here) {
        window.history.replaceState({ kb: true }, "", target);
      } else {
        window.history.pushState({ kb: true }, "", target);
      }
    } catch (e) {
      /* a sandboxed page may refuse; the search still works */
    }
  }

  // ---------- Facets in the page ----------

  var facetViews = {}; // name → {fieldset, items: [{li, box, count, last}], order, toggle, expanded}

  var facetsBuilt = false;

  function buildFacets() {
    if (facetsBuilt || !facetBox) return;
    facetsBuilt = true;
    facetBox.textContent = "";
    FACETS.forEach(function (name) {
      var facet = engine.facets[name];
      if (!facet.values.length) return;
      var fieldset = document.createElement("fieldset");
      fieldset.className = "facet facet-" + name;
      var legend = document.createElement("legend");
      legend.textContent = labels["labelFacet" + name.charAt(0).toUpperCase() + name.slice(1)] || facet.title || name;
      fieldset.appendChild(legend);
      var list = document.createElement("ul");
      list.className = "facet-waarden";
      list.id = "facet-" + name;
      var order = facet.values.map(function (value, i) {
        return i;
      });
      if (name === "regio" || name === "organisatie") {
        order.sort(function (a, b) {
          return collator.compare(facet.labels[a], facet.labels[b]);
        });
      }
      var items = new Array(facet.values.length);
      var rank = new Int32Array(facet.values.length);
      order.forEach(function (i, position) {
        rank[i] = position;
        var li = document.createElement("li");
        var box = document.createElement("input");
        box.type = "checkbox";
        box.name = name;
        box.value = facet.values[i];
        box.id = "facet-" + name + "-" + i;
        box.checked = selected[name].has(i);
        var label = document.createElement("label");
        label.htmlFor = box.id;
        var text = document.createElement("span");
        text.className = "facet-naam";
        text.textContent = facet.labels[i];
        var count = document.createElement("span");
        count.className = "facet-aantal";
        label.appendChild(text);
        label.appendChild(document.createTextNode(" "));
        label.appendChild(count);
        li.appendChild(box);
        li.appendChild(label);
        list.appendChild(li);
        items[i] = { li: li, box: box, count: count, last: -1 };
      });
      fieldset.appendChild(list);
      var view = { fieldset: fieldset, items: items, rank: rank, toggle: null, expanded: false };
      if (name === "organisatie") {
        var toggle = document.createElement("button");
        toggle.type = "button";
        toggle.className = "knop-link facet-toggle";
        toggle.setAttribute("aria-controls", list.id);
        toggle.setAttribute("aria-expanded", "false");
        toggle.addEventListener("click", function () {
          view.expanded = !view.expanded;
          toggle.setAttribute("aria-expanded", view.expanded ? "true" : "false");
          if (lastCounts) updateFacets(lastCounts);
        });
        fieldset.appendChild(toggle);
        view.toggle = toggle;
      }
      facetViews[name] = view;
      facetBox.appendChild(fieldset);
    });
    facetBox.addEventListener("change", function (event) {
      var box = event.target;
      if (!box || box.type !== "checkbox" || !engine.facets[box.name]) return;
      var i = engine.facets[box.name].values.indexOf(box.value);
      if (i < 0) return;
      if (box.checked) selected[box.name].add(i);
      else selected[box.name].delete(i);
      window.clearTimeout(typingTimer);
      run({ history: "push", t0: performance.now() });
    });
    if (filters) {
      filters.hidden = false;
      // Open beside the results on a wide screen; folded under the field on a small one
      // (its summary says how many filters are on).
      if (WIDE && WIDE.matches) filters.open = true;
      if (WIDE && WIDE.addEventListener) {
        WIDE.addEventListener("change", function () {
          if (WIDE.matches) filters.open = true;
        });
      }
    }
  }

  var lastCounts = null;

  /** The indexes of the `size` values with the highest counts (ties: list order). */
  function topValues(c, rank, size) {
    var top = [];
    for (var i = 0; i < c.length; i++) {
      if (c[i] === 0) continue;
      if (top.length === size) {
        var worst = top[size - 1];
        if (c[i] < c[worst] || (c[i] === c[worst] && rank[i] > rank[worst])) continue;
        top.pop();
      }
      var at = top.length;
      while (at > 0 && (c[top[at - 1]] < c[i] || (c[top[at - 1]] === c[i] && rank[top[at - 1]] > rank[i]))) at--;
      top.splice(at, 0, i);
    }
    return new Set(top);
  }

  /** Counts, visibility and checked state of every facet value. Touches the DOM only where
      something changed; a hidden value's count is written when it is shown. */
  function updateFacets(counts) {
    lastCounts = counts;
    var active = document.activeElement;
    var chosen = 0;
    var anyShown = false;
    FACETS.forEach(function (name) {
      var view = facetViews[name];
      if (!view) return;
      var c = counts[name];
      var chosenHere = selected[name];
      var limit = null;
      var visibleCount = 0;
      if (view.toggle) {
        // Long list: the values with the highest counts unless expanded.
        var nonZero = 0;
        for (var z = 0; z < c.length; z++) if (c[z] > 0) nonZero++;
        if (!view.expanded && nonZero > ORGANISATIONS_SHOWN) limit = topValues(c, view.rank, ORGANISATIONS_SHOWN);
        if (view.toggle.hidden !== nonZero <= ORGANISATIONS_SHOWN) view.toggle.hidden = nonZero <= ORGANISATIONS_SHOWN;
        setText(view.toggle, view.expanded ? labels.labelShowFewer || "" : fill(labels.labelShowAll, { n: numberFormat.format(nonZero) }));
      }
      var items = view.items;
      for (var i = 0; i < items.length; i++) {
        var item = items[i];
        var n = c[i];
        var checked = chosenHere.has(i);
        if (item.box.checked !== checked) item.box.checked = checked;
        if (checked) chosen++;
        var show = checked || item.box === active || (n > 0 && (!limit || limit.has(i)));
        if (show) {
          visibleCount++;
          if (item.last !== n) {
            item.count.textContent = "(" + numberFormat.format(n) + ")";
            item.last = n;
          }
        }
        if (item.li.hidden === show) item.li.hidden = !show;
      }
      var showSet = visibleCount > 0;
      if (view.fieldset.hidden === showSet) view.fieldset.hidden = !showSet;
      if (showSet) anyShown = true;
    });
    // No value to offer (a query without results): no empty filter panel either.
    if (filters && facetsBuilt) {
      var hide = !anyShown && !filters.contains(active);
      if (filters.hidden !== hide) filters.hidden = hide;
    }
    if (filterCount) setText(filterCount, chosen ? fill(labels.labelFiltersActive, { n: numberFormat.format(chosen) }) : "");
    if (clearButton && clearButton.hidden !== (chosen === 0)) clearButton.hidden = chosen === 0;
  }

  // ---------- Results in the page ----------

  function setMessage(polite, assertive, tip) {
    setText(statusBox, polite || "");
    if (alertBox) {
      alertBox.textContent = "";
      if (assertive) {
        var line = document.createElement("p");
        line.textContent = assertive;
        alertBox.appendChild(line);
        if (tip) {
          var extra = document.createElement("p");
          extra.className = "zoektip";
          extra.textContent = tip;
          alertBox.appendChild(extra);
        }
      }
    } else if (assertive) {
      setText(statusBox, assertive);
    }
  }

  function appendHighlighted(parent, text, highlighter) {
    var last = 0;
    var match;
    WORD.lastIndex = 0;
    var pieces = [];
    while ((match = WORD.exec(text))) pieces.push([match.index, match[0]]);
    pieces.forEach(function (piece) {
      if (!highlighter.matchesWord(piece[1])) return;
      if (piece[0] > last) parent.appendChild(document.createTextNode(text.slice(last, piece[0])));
      var mark = document.createElement("mark");
      mark.textContent = piece[1];
      parent.appendChild(mark);
      last = piece[0] + piece[1].length;
    });
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function fact(list, label, value) {
    if (!value) return;
    var row = document.createElement("div");
    var dt = document.createElement("dt");
    dt.textContent = label || "";
    var dd = document.createElement("dd");
    dd.textContent = value;
    row.appendChild(dt);
    row.appendChild(dd);
    list.appendChild(row);
  }

  function resultItem(doc, fragment, highlighter) {
    var item = document.createElement("li");
    item.className = "kaart";
    var heading = document.createElement("h2");
    heading.className = "kaart-titel";
    var link = document.createElement("a");
    link.href = String(fragment.url || "");
    link.textContent = String(fragment.title || "");
    heading.appendChild(link);
    item.appendChild(heading);

    if (fragment.status) {
      var statusLine = document.createElement("p");
      statusLine.className = "kaart-status";
      var badge = document.createElement("span");
      var statusIndex = engine.facets.status.perDoc[doc][0];
      var statusKey = engine.facets.status.values[statusIndex] || "";
      badge.className = "badge" + (/^[a-z-]+$/.test(statusKey) ? " badge-" + statusKey : "");
      var hidden = document.createElement("span");
      hidden.className = "visueel-verborgen";
      hidden.textContent = (labels.labelStatus || "") + ": ";
      badge.appendChild(hidden);
      badge.appendChild(document.createTextNode(String(fragment.status)));
      statusLine.appendChild(badge);
      item.appendChild(statusLine);
    }

    var summary = String(fragment.summary || "");
    var snippet = document.createElement("p");
    snippet.className = "kaart-samenvatting";
    if (highlighter.anyIn(summary)) {
      appendHighlighted(snippet, summary, highlighter);
    } else {
      var window_ = highlighter.window(String(fragment.text || ""));
      if (window_) appendHighlighted(snippet, window_, highlighter);
      else snippet.textContent = summary;
    }
    item.appendChild(snippet);

    var facts = document.createElement("dl");
    facts.className = "kaart-kenmerken";
    fact(facts, labels.labelRegion, String(fragment.region || ""));
    fact(facts, labels.labelType, Array.isArray(fragment.types) ? fragment.types.join(", ") : "");
    item.appendChild(facts);
    return item;
  }

  var shown = null; // {docs, highlight, count}

  function fragmentsFor(docs) {
    return Promise.all(
      docs.map(function (doc) {
        return engine.fragment(doc);
      })
    );
  }

  function appendResults(docs, fragments, highlight) {
    var fragmentList = document.createDocumentFragment();
    var firstLink = null;
    docs.forEach(function (doc, i) {
      var li = resultItem(doc, fragments[i], highlight);
      if (!firstLink) firstLink = li.querySelector("a");
      fragmentList.appendChild(li);
    });
    output.appendChild(fragmentList);
    return firstLink;
  }

  function updateMore() {
    if (moreButton) moreButton.hidden = !shown || !shown.complete || shown.count >= shown.docs.length;
  }

  if (moreButton) {
    moreButton.addEventListener("click", function () {
      if (!shown) return;
      var current = shown;
      var next = current.docs.slice(current.count, current.count + PAGE);
      if (!next.length) return;
      moreButton.disabled = true;
      fragmentsFor(next).then(
        function (fragments) {
          moreButton.disabled = false;
          if (shown !== current) return;
          var firstLink = appendResults(next, fragments, current.highlight);
          current.count += next.length;
          updateMore();
          if (firstLink) firstLink.focus();
        },
        function () {
          moreButton.disabled = false;
          setMessage("", labels.labelError);
        }
      );
    });
  }

  // ---------- Running a search ----------

  var generation = 0;
  var typingTimer = 0;
  var loadingTimer = 0;

  function setState(state) {
    if (form.getAttribute("data-state") !== state) form.setAttribute("data-state", state);
  }

  function finish(queryString, count) {
    output.setAttribute("data-query", queryString);
    output.setAttribute("data-count", String(count));
  }

  /** No query and no facets: an empty page, the facets with counts over everything. */
  function showIdle() {
    window.clearTimeout(loadingTimer);
    shown = null;
    output.textContent = "";
    setMessage("", "");
    updateMore();
    finish("", 0);
    setState("idle");
    if (engine.ready) updateFacets(engine.search([], selected, false).counts);
  }

  /** Runs the search for the input's value and the selected facets. options.history: "push",
      "commit", "type" or "none"; options.t0: when the user acted (performance.now()). */
  function run(options) {
    var current = ++generation;
    var t0 = options.t0 || performance.now();
    var query = normaliseQuery(input.value);
    if (options.history !== "none") writeURL(options.history);
    window.clearTimeout(loadingTimer);
    if (!query && !hasFacets()) {
      showIdle();
      return;
    }
    setState("loading");
    loadingTimer = window.setTimeout(function () {
      if (current === generation) setText(statusBox, labels.labelLoading || "");
    }, 400);
    var words;
    var idle = false;
    engine
      .start()
      .then(function () {
        if (pendingURLFacets) {
          applyFacets(pendingURLFacets);
          pendingURLFacets = null;
          syncBoxes();
        }
        buildFacets();
        if (!query && !hasFacets()) {
          // Only unknown facet values in the URL: nothing to show.
          idle = true;
          showIdle();
          return null;
        }
        words = engine.parse(query);
        return engine.ensure(words);
      })
      .then(function () {
        if (idle || current !== generation) return null;
        var t1 = performance.now();
        var result = engine.search(words, selected, query !== "");
        var first = result.docs.slice(0, PAGE);
        var t2 = performance.now();
        // The results are shown as soon as the fragments of the first few (what fits on a
        // screen) are in; the rest of the page is requested only then, and only if no newer
        // keystroke came, so requests for stale results never queue before the next ones.
        return fragmentsFor(first.slice(0, FIRST_BATCH)).then(function (fragments) {
          if (current !== generation) return null;
          var t3 = performance.now();
          window.clearTimeout(loadingTimer);
          var head = first.slice(0, FIRST_BATCH);
          render(query, result, head, fragments);
          var key = queryKey(query);
          var t4 = performance.now();
          // ms: input event to results on screen; the parts: waiting for shards (and the
          // debounce), searching, waiting for result fragments, rendering.
          window.kbSearchTimings.push({ query: key, ms: t4 - t0, wait: t1 - t0, search: t2 - t1, fragments: t3 - t2, render: t4 - t3 });
          return fragmentsFor(first.slice(FIRST_BATCH)).then(function (rest) {
            if (current !== generation) return;
            if (rest.length) appendResults(first.slice(FIRST_BATCH), rest, result.highlight);
            shown.count = first.length;
            shown.complete = true;
            updateMore();
            finish(key, result.docs.length);
            setState("ready");
          });
        });
      })
      .catch(function (error) {
        if (current !== generation) return;
        window.clearTimeout(loadingTimer);
        shown = null;
        output.textContent = "";
        updateMore();
        setMessage("", labels.labelError);
        setState("idle");
        if (window.console && console.warn) console.warn("kb search:", error);
      });
  }

  function render(query, result, first, fragments) {
    updateFacets(result.counts);
    output.textContent = "";
    // complete: false until the rest of the first page is in (render shows its first part).
    shown = { docs: result.docs, highlight: result.highlight, count: first.length, complete: false };
    appendResults(first, fragments, result.highlight);
    updateMore();
    var n = result.docs.length;
    var values = { n: numberFormat.format(n), q: query };
    if (query) {
      if (n === 0) setMessage("", fill(labels.labelNoResults, values), labels.labelNoResultsTip);
      else setMessage(fill(n === 1 ? labels.labelResultOne : labels.labelResults, values), "");
    } else if (n === 0) {
      setMessage("", fill(labels.labelBrowseNoResults, values));
    } else {
      setMessage(fill(n === 1 ? labels.labelBrowseResultOne : labels.labelBrowseResults, values), "");
    }
  }

  function syncBoxes() {
    FACETS.forEach(function (name) {
      var view = facetViews[name];
      if (!view) return;
      view.items.forEach(function (item, i) {
        item.box.checked = selected[name].has(i);
      });
    });
  }

  /** True when a search for the current input needs nothing from the network. */
  function runsLocally() {
    if (!engine.ready) return false;
    return engine.missing(engine.parse(normaliseQuery(input.value))).length === 0;
  }

  input.addEventListener("input", function () {
    var t0 = performance.now();
    window.clearTimeout(typingTimer);
    // Searching what is already loaded takes a few milliseconds: do it at once. Only when a
    // shard must be fetched wait until typing pauses, so no shard is fetched for a passing prefix.
    if (runsLocally()) {
      run({ history: "type", t0: t0 });
    } else {
      // Start fetching the shards now (a shard serves every word with the same first two
      // letters, so the next keystrokes usually run locally), search once typing pauses.
      if (engine.ready) {
        engine.ensure(engine.parse(normaliseQuery(input.value))).catch(function () {
          /* reported when the search runs */
        });
      }
      typingTimer = window.setTimeout(function () {
        run({ history: "type", t0: t0 });
      }, DEBOUNCE_MS);
    }
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(typingTimer);
    run({ history: "commit", t0: performance.now() });
  });

  if (clearButton) {
    clearButton.addEventListener("click", function () {
      FACETS.forEach(function (name) {
        selected[name].clear();
      });
      syncBoxes();
      window.clearTimeout(typingTimer);
      run({ history: "push", t0: performance.now() });
      input.focus();
    });
  }

  window.addEventListener("popstate", function () {
    window.clearTimeout(typingTimer);
    window.clearTimeout(urlTimer);
    urlTimer = 0;
    pendingURL = null;
    var state = readURL();
    input.value = state.q;
    if (engine.ready) {
      applyFacets(state.facets);
      syncBoxes();
    } else {
      pendingURLFacets = state.facets;
    }
    run({ history: "none", t0: performance.now() });
  });

  // Start: load the entry and the facets, show the facet lists, run what the URL asks for.
  var initial = readURL();
  input.value = initial.q;
  pendingURLFacets = initial.facets;
  engine.start().then(
    function () {
      applyFacets(pendingURLFacets || []);
      pendingURLFacets = null;
      buildFacets();
      if (!normaliseQuery(input.value) && !hasFacets()) updateFacets(engine.search([], selected, false).counts);
    },
    function () {
      /* reported when a search runs */
    }
  );
  if (normaliseQuery(initial.q) || initial.facets.length) run({ history: "none", t0: performance.now() });
})();
