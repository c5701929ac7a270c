/* Snowball "dutch" stemmer (Kraaij-Pohlmann), ported from PyPI snowballstemmer 3.1.1 dutch_stemmer.py.
   kb stems the search index at build time in Swift (DutchStemmer.swift); this stems the query
   words in the browser the same way, so both must agree with snowballstemmer word for word
   (Tests/python/test_stemmer.py checks it). The code follows the generated Python routine by
   routine so it can be audited against it: Python's try/raise labN blocks are labelled blocks
   here, its `while True: ... break` alternatives are `alt:` blocks. The word is an array of
   code points because Snowball's Python works on code points. The caller lowercases.
   Usage: kbDutchStem("zorgverleners") === "zorgverlener". */
(function () {
  "use strict";

  // Among tables (a_0 ... a_11): [string, substring_i, result]. They must stay sorted by code
  // point exactly as Snowball emitted them; findAmong(B) does a binary search on them.
  function table(rows) {
    return rows.map(function (r) {
      return { s: Array.from(r[0], function (ch) { return ch.codePointAt(0); }), substringI: r[1], result: r[2] };
    });
  }

  var a0 = table([
    ["a", -1, 1], ["e", -1, 2], ["o", -1, 1], ["u", -1, 1],
    ["\u00E0", -1, 1], ["\u00E1", -1, 1], ["\u00E2", -1, 1], ["\u00E4", -1, 1],
    ["\u00E8", -1, 2], ["\u00E9", -1, 2], ["\u00EA", -1, 2],
    ["e\u00EB", -1, 3], ["i\u00EB", -1, 4],
    ["\u00F2", -1, 1], ["\u00F3", -1, 1], ["\u00F4", -1, 1], ["\u00F6", -1, 1],
    ["\u00F9", -1, 1], ["\u00FA", -1, 1], ["\u00FB", -1, 1], ["\u00FC", -1, 1]
  ]);
  var a1 = table([
    ["nde", -1, 8], ["en", -1, 7], ["s", -1, 2], ["'s", 2, 1],
    ["es", 2, 4], ["ies", 4, 3], ["aus", 2, 6], ["\u00E9s", 2, 5]
  ]);
  var a2 = table([
    ["de", -1, 5], ["ge", -1, 2], ["ische", -1, 4], ["je", -1, 1],
    ["lijke", -1, 3], ["le", -1, 9], ["ene", -1, 10], ["re", -1, 8],
    ["se", -1, 7], ["te", -1, 6], ["ieve", -1, 11]
  ]);
  var a3 = table([
    ["heid", -1, 3], ["fie", -1, 7], ["gie", -1, 8], ["atie", -1, 1],
    ["isme", -1, 5], ["ing", -1, 5], ["arij", -1, 6], ["erij", -1, 5],
    ["sel", -1, 3], ["rder", -1, 4], ["ster", -1, 3], ["iteit", -1, 2],
    ["dst", -1, 10], ["tst", -1, 9]
  ]);
  var a4 = table([
    ["end", -1, 9], ["atief", -1, 2], ["erig", -1, 9], ["achtig", -1, 3],
    ["ioneel", -1, 1], ["baar", -1, 3], ["laar", -1, 5], ["naar", -1, 4],
    ["raar", -1, 6], ["eriger", -1, 9], ["achtiger", -1, 3], ["lijker", -1, 8],
    ["tant", -1, 7], ["erigst", -1, 9], ["achtigst", -1, 3], ["lijkst", -1, 8]
  ]);
  var a5 = table([["ig", -1, 1], ["iger", -1, 1], ["igst", -1, 1]]);
  var a6 = table([["ft", -1, 2], ["kt", -1, 1], ["pt", -1, 3]]);
  var as6 = ["k", "f", "p"];
  var a7 = table([
    ["bb", -1, 1], ["cc", -1, 2], ["dd", -1, 3], ["ff", -1, 4],
    ["gg", -1, 5], ["hh", -1, 6], ["jj", -1, 7], ["kk", -1, 8],
    ["ll", -1, 9], ["mm", -1, 10], ["nn", -1, 11], ["pp", -1, 12],
    ["qq", -1, 13], ["rr", -1, 14], ["ss", -1, 15], ["tt", -1, 16],
    ["v", -1, 4], ["vv", 16, 17], ["ww", -1, 18], ["xx", -1, 19],
    ["z", -1, 15], ["zz", 20, 20]
  ]);
  // Step_6's slice_from argument for each result; result 11 ("nn") has an extra condition.
  var as7 = ["b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "q", "r", "s", "t", "v", "w", "x", "z"];
  var a8 = table([["d", -1, 1], ["t", -1, 2]]);
  var a9 = table([
    ["", -1, -1], ["eft", 0, 1], ["vaa", 0, 1], ["val", 0, 1],
    ["vali", 3, -1], ["vare", 0, 1]
  ]);
  var a10 = table([["\u00EB", -1, 1], ["\u00EF", -1, 2]]);
  var as10 = ["e", "i"];
  var a11 = table([["\u00EB", -1, 1], ["\u00EF", -1, 2]]);
  var as11 = ["e", "i"];

  // Groupings g_E, g_AIOU, g_AEIOU, g_v, g_v_WX as bit flags. Every member is below U+0100.
  var G_E = 1, G_AIOU = 2, G_AEIOU = 4, G_V = 8, G_VWX = 16;
  var GROUPS = new Uint8Array(256);
  function mark(chars, flags) {
    for (var ch of chars) GROUPS[ch.codePointAt(0)] |= flags;
  }
  mark("aiou\u00E0\u00E1\u00E2\u00E4\u00EC\u00ED\u00EE\u00EF\u00F2\u00F3\u00F4\u00F6\u00F9\u00FA\u00FB\u00FC",
       G_AIOU | G_AEIOU | G_V | G_VWX);
  mark("e\u00E8\u00E9\u00EA\u00EB", G_E | G_AEIOU | G_V | G_VWX);
  mark("y", G_V | G_VWX);
  mark("wx", G_VWX);
  function groups(c) { return c < 256 ? GROUPS[c] : 0; }

  function codePoints(s) { return Array.from(s, function (ch) { return ch.codePointAt(0); }); }

  function kbDutchStem(word) {
    // State of one run (basestemmer.py); local to this call, so nothing is shared between calls.
    var current = codePoints(String(word));
    var cursor = 0, limit = current.length, limitBackward = 0, bra = 0, ket = limit;
    var p1 = 0, p2 = 0, geRemoved = false;

    // ---- basestemmer.py

    function inGrouping(g) {
      if (cursor >= limit) return false;
      if ((groups(current[cursor]) & g) === 0) return false;
      cursor++;
      return true;
    }
    function inGroupingB(g) {
      if (cursor <= limitBackward) return false;
      if ((groups(current[cursor - 1]) & g) === 0) return false;
      cursor--;
      return true;
    }
    function outGrouping(g) {
      if (cursor >= limit) return false;
      if ((groups(current[cursor]) & g) === 0) { cursor++; return true; }
      return false;
    }
    function outGroupingB(g) {
      if (cursor <= limitBackward) return false;
      if ((groups(current[cursor - 1]) & g) === 0) { cursor--; return true; }
      return false;
    }
    // The code point before the cursor is ch (Python: `current[cursor - 1] != ch` tests).
    function before(ch) {
      return cursor > limitBackward && current[cursor - 1] === ch.charCodeAt(0);
    }
    // eq_s / eq_s_b: every literal the dutch program tests is ASCII, so charCodeAt is the code point.
    function eqS(s) {
      if (limit - cursor < s.length) return false;
      for (var i = 0; i < s.length; i++) if (current[cursor + i] !== s.charCodeAt(i)) return false;
      cursor += s.length;
      return true;
    }
    function eqSB(s) {
      if (cursor - limitBackward < s.length) return false;
      var start = cursor - s.length;
      for (var i = 0; i < s.length; i++) if (current[start + i] !== s.charCodeAt(i)) return false;
      cursor -= s.length;
      return true;
    }
    function findAmong(v) {
      var i = 0, j = v.length, c = cursor, l = limit;
      var commonI = 0, commonJ = 0, firstKeyInspected = false;
      for (;;) {
        var k = i + ((j - i) >> 1);
        var diff = 0;
        var common = Math.min(commonI, commonJ);
        var w = v[k];
        for (var i2 = common; i2 < w.s.length; i2++) {
          if (c + common === l) { diff = -1; break; }
          diff = current[c + common] - w.s[i2];
          if (diff !== 0) break;
          common++;
        }
        if (diff < 0) { j = k; commonJ = common; } else { i = k; commonI = common; }
        if (j - i <= 1) {
          if (i > 0) break;
          if (j === i) break;
          if (firstKeyInspected) break;
          firstKeyInspected = true;
        }
      }
      for (;;) {
        var e = v[i];
        if (commonI >= e.s.length) { cursor = c + e.s.length; return e.result; }
        i = e.substringI;
        if (i < 0) return 0;
      }
    }
    function findAmongB(v) {
      var i = 0, j = v.length, c = cursor, lb = limitBackward;
      var commonI = 0, commonJ = 0, firstKeyInspected = false;
      for (;;) {
        var k = i + ((j - i) >> 1);
        var diff = 0;
        var common = Math.min(commonI, commonJ);
        var w = v[k];
        for (var i2 = w.s.length - 1 - common; i2 >= 0; i2--) {
          if (c - common === lb) { diff = -1; break; }
          diff = current[c - 1 - common] - w.s[i2];
          if (diff !== 0) break;
          common++;
        }
        if (diff < 0) { j = k; commonJ = common; } else { i = k; commonI = common; }
        if (j - i <= 1) {
          if (i > 0) break;
          if (j === i) break;
          if (firstKeyInspected) break;
          firstKeyInspected = true;
        }
      }
      for (;;) {
        var e = v[i];
        if (commonI >= e.s.length) { cursor = c - e.s.length; return e.result; }
        i = e.substringI;
        if (i < 0) return 0;
      }
    }
    // s is an array of code points.
    function replaceS(cBra, cKet, s) {
      var adjustment = s.length - (cKet - cBra);
      current = current.slice(0, cBra).concat(s, current.slice(cKet));
      limit += adjustment;
      if (cursor >= cKet) cursor += adjustment;
      else if (cursor > cBra) cursor = cBra;
      return adjustment;
    }
    function sliceFrom(str) {
      var s = codePoints(str);
      replaceS(bra, ket, s);
      ket = bra + s.length;
    }
    function sliceDel() { sliceFrom(""); }
    // s is a string or an array of code points.
    function insert(cBra, cKet, s) {
      var adjustment = replaceS(cBra, cKet, typeof s === "string" ? codePoints(s) : s);
      if (cBra <= bra) bra += adjustment;
      if (cBra <= ket) ket += adjustment;
    }
    function sliceTo() { return current.slice(bra, ket); }

    // ---- dutch_stemmer.py

    function rR1() { return p1 <= cursor; }
    function rR2() { return p2 <= cursor; }

    function rV() {
      var v1 = limit - cursor;
      if (!inGroupingB(G_V)) {
        if (!eqSB("ij")) return false;
      }
      cursor = limit - v1;
      return true;
    }

    function rVX() {
      var v1 = limit - cursor;
      if (cursor <= limitBackward) return false;
      cursor--;
      if (!inGroupingB(G_V)) {
        if (!eqSB("ij")) return false;
      }
      cursor = limit - v1;
      return true;
    }

    function rC() {
      var v1 = limit - cursor;
      if (eqSB("ij")) return false;
      if (!outGroupingB(G_V)) return false;
      cursor = limit - v1;
      return true;
    }

    function rLengthenV() {
      var v1 = limit - cursor;
      lab0: {
        if (!outGroupingB(G_VWX)) break lab0;
        ket = cursor;
        var amongVar = findAmongB(a0);
        if (amongVar === 0) break lab0;
        bra = cursor;
        var ch, c;
        if (amongVar === 1) {
          var v2 = limit - cursor;
          if (!outGroupingB(G_AEIOU)) {
            if (cursor > limitBackward) break lab0;
          }
          cursor = limit - v2;
          ch = sliceTo();
          c = cursor;
          insert(cursor, cursor, ch);
          cursor = c;
        } else if (amongVar === 2) {
          var v3 = limit - cursor;
          if (!outGroupingB(G_AEIOU)) {
            if (cursor > limitBackward) break lab0;
          }
          var v4 = limit - cursor;
          lab1: {
            if (!inGroupingB(G_AIOU)) {
              if (!inGroupingB(G_E)) break lab1;
              if (cursor > limitBackward) break lab1;
            }
            break lab0;
          }
          cursor = limit - v4;
          var v5 = limit - cursor;
          lab1: {
            if (cursor <= limitBackward) break lab1;
            cursor--;
            if (!inGroupingB(G_AIOU)) break lab1;
            if (!outGroupingB(G_AEIOU)) break lab1;
            break lab0;
          }
          cursor = limit - v5;
          cursor = limit - v3;
          ch = sliceTo();
          c = cursor;
          insert(cursor, cursor, ch);
          cursor = c;
        } else if (amongVar === 3) {
          sliceFrom("e\u00EBe");
        } else {
          sliceFrom("iee");
        }
      }
      cursor = limit - v1;
      return true;
    }

    function rStep1() {
      ket = cursor;
      var amongVar = findAmongB(a1);
      if (amongVar === 0) return false;
      bra = cursor;
      switch (amongVar) {
        case 1:
          sliceDel();
          break;
        case 2: {
          if (!rR1()) return false;
          var v1 = limit - cursor;
          lab0: {
            if (!before("t")) break lab0;
            cursor--;
            if (!rR1()) break lab0;
            return false;
          }
          cursor = limit - v1;
          if (!rC()) return false;
          sliceDel();
          break;
        }
        case 3:
          if (!rR1()) return false;
          sliceFrom("ie");
          break;
        case 4: {
          var v2 = limit - cursor;
          alt: {
            lab0: {
              var v3 = limit - cursor;
              if (!eqSB("ar")) break lab0;
              if (!rR1()) break lab0;
              if (!rC()) break lab0;
              cursor = limit - v3;
              sliceDel();
              rLengthenV();
              break alt;
            }
            cursor = limit - v2;
            lab0: {
              var v4 = limit - cursor;
              if (!eqSB("er")) break lab0;
              if (!rR1()) break lab0;
              if (!rC()) break lab0;
              cursor = limit - v4;
              sliceDel();
              break alt;
            }
            cursor = limit - v2;
            if (!rR1()) return false;
            if (!rC()) return false;
            sliceFrom("e");
          }
          break;
        }
        case 5:
          if (!rR1()) return false;
          sliceFrom("\u00E9");
          break;
        case 6:
          if (!rR1()) return false;
          if (!rV()) return false;
          sliceFrom("au");
          break;
        case 7: {
          var v5 = limit - cursor;
          alt: {
            lab0: {
              if (!eqSB("hed")) break lab0;
              if (!rR1()) break lab0;
              bra = cursor;
              sliceFrom("heid");
              break alt;
            }
            cursor = limit - v5;
            lab0: {
              if (!eqSB("nd")) break lab0;
              sliceDel();
              break alt;
            }
            cursor = limit - v5;
            lab0: {
              if (!before("d")) break lab0;
              cursor--;
              if (!rR1()) break lab0;
              if (!rC()) break lab0;
              bra = cursor;
              sliceDel();
              break alt;
            }
            cursor = limit - v5;
            lab0: {
              if (before("i")) {
                cursor--;
              } else {
                if (!before("j")) break lab0;
                cursor--;
              }
              if (!rV()) break lab0;
              sliceDel();
              break alt;
            }
            cursor = limit - v5;
            if (!rR1()) return false;
            if (!rC()) return false;
            sliceDel();
            rLengthenV();
          }
          break;
        }
        default:
          sliceFrom("nd");
      }
      return true;
    }

    function rStep2() {
      ket = cursor;
      var amongVar = findAmongB(a2);
      if (amongVar === 0) return false;
      bra = cursor;
      switch (amongVar) {
        case 1: {
          var v1 = limit - cursor;
          alt: {
            lab0: {
              if (!eqSB("'t")) break lab0;
              bra = cursor;
              sliceDel();
              break alt;
            }
            cursor = limit - v1;
            lab0: {
              if (!eqSB("et")) break lab0;
              bra = cursor;
              if (!rR1()) break lab0;
              if (!rC()) break lab0;
              sliceDel();
              break alt;
            }
            cursor = limit - v1;
            lab0: {
              if (!eqSB("rnt")) break lab0;
              bra = cursor;
              sliceFrom("rn");
              break alt;
            }
            cursor = limit - v1;
            lab0: {
              if (!before("t")) break lab0;
              cursor--;
              bra = cursor;
              if (!rR1()) break lab0;
              if (!rVX()) break lab0;
              sliceDel();
              break alt;
            }
            cursor = limit - v1;
            lab0: {
              if (!eqSB("ink")) break lab0;
              bra = cursor;
              sliceFrom("ing");
              break alt;
            }
            cursor = limit - v1;
            lab0: {
              if (!eqSB("mp")) break lab0;
              bra = cursor;
              sliceFrom("m");
              break alt;
            }
            cursor = limit - v1;
            lab0: {
              if (!before("'")) break lab0;
              cursor--;
              bra = cursor;
              if (!rR1()) break lab0;
              sliceDel();
              break alt;
            }
            cursor = limit - v1;
            bra = cursor;
            if (!rR1()) return false;
            if (!rC()) return false;
            sliceDel();
          }
          break;
        }
        case 2:
          if (!rR1()) return false;
          sliceFrom("g");
          break;
        case 3:
          if (!rR1()) return false;
          sliceFrom("lijk");
          break;
        case 4:
          if (!rR1()) return false;
          sliceFrom("isch");
          break;
        case 5:
          if (!rR1()) return false;
          if (!rC()) return false;
          sliceDel();
          break;
        case 6:
          if (!rR1()) return false;
          sliceFrom("t");
          break;
        case 7:
          if (!rR1()) return false;
          sliceFrom("s");
          break;
        case 8:
          if (!rR1()) return false;
          sliceFrom("r");
          break;
        case 9:
          if (!rR1()) return false;
          sliceDel();
          insert(cursor, cursor, "l");
          rLengthenV();
          break;
        case 10:
          if (!rR1()) return false;
          if (!rC()) return false;
          sliceDel();
          insert(cursor, cursor, "en");
          rLengthenV();
          break;
        default:
          if (!rR1()) return false;
          if (!rC()) return false;
          sliceFrom("ief");
      }
      return true;
    }

    function rStep3() {
      ket = cursor;
      var amongVar = findAmongB(a3);
      if (amongVar === 0) return false;
      bra = cursor;
      switch (amongVar) {
        case 1:
          if (!rR1()) return false;
          sliceFrom("eer");
          break;
        case 2:
          if (!rR1()) return false;
          sliceDel();
          rLengthenV();
          break;
        case 3:
          if (!rR1()) return false;
          sliceDel();
          break;
        case 4:
          sliceFrom("r");
          break;
        case 5: {
          var v1 = limit - cursor;
          alt: {
            lab0: {
              if (!eqSB("ild")) break lab0;
              sliceFrom("er");
              break alt;
            }
            cursor = limit - v1;
            if (!rR1()) return false;
            sliceDel();
            rLengthenV();
          }
          break;
        }
        case 6:
          if (!rR1()) return false;
          if (!rC()) return false;
          sliceFrom("aar");
          break;
        case 7:
          if (!rR2()) return false;
          sliceDel();
          insert(cursor, cursor, "f");
          rLengthenV();
          break;
        case 8:
          if (!rR2()) return false;
          sliceDel();
          insert(cursor, cursor, "g");
          rLengthenV();
          break;
        case 9:
          if (!rR1()) return false;
          if (!rC()) return false;
          sliceFrom("t");
          break;
        default:
          if (!rR1()) return false;
          if (!rC()) return false;
          sliceFrom("d");
      }
      return true;
    }

    function rStep4() {
      alt: {
        var v1 = limit - cursor;
        lab0: {
          ket = cursor;
          var amongVar = findAmongB(a4);
          if (amongVar === 0) break lab0;
          bra = cursor;
          switch (amongVar) {
            case 1:
              if (!rR1()) break lab0;
              sliceFrom("ie");
              break;
            case 2:
              if (!rR1()) break lab0;
              sliceFrom("eer");
              break;
            case 3:
              if (!rR1()) break lab0;
              sliceDel();
              break;
            case 4:
              if (!rR1()) break lab0;
              if (!rV()) break lab0;
              sliceFrom("n");
              break;
            case 5:
              if (!rR1()) break lab0;
              if (!rV()) break lab0;
              sliceFrom("l");
              break;
            case 6:
              if (!rR1()) break lab0;
              if (!rV()) break lab0;
              sliceFrom("r");
              break;
            case 7:
              if (!rR1()) break lab0;
              sliceFrom("teer");
              break;
            case 8:
              if (!rR1()) break lab0;
              sliceFrom("lijk");
              break;
            default:
              if (!rR1()) break lab0;
              if (!rC()) break lab0;
              sliceDel();
              rLengthenV();
          }
          break alt;
        }
        cursor = limit - v1;
        ket = cursor;
        if (findAmongB(a5) === 0) return false;
        bra = cursor;
        if (!rR1()) return false;
        var v2 = limit - cursor;
        lab0: {
          if (!eqSB("inn")) break lab0;
          if (cursor > limitBackward) break lab0;
          return false;
        }
        cursor = limit - v2;
        if (!rC()) return false;
        sliceDel();
        rLengthenV();
      }
      return true;
    }

    function rStep7() {
      ket = cursor;
      var amongVar = findAmongB(a6);
      if (amongVar === 0) return false;
      bra = cursor;
      sliceFrom(as6[amongVar - 1]);
      return true;
    }

    function rStep6() {
      ket = cursor;
      var amongVar = findAmongB(a7);
      if (amongVar === 0) return false;
      bra = cursor;
      if (amongVar === 11) {
        // "nn" stays when the word is exactly "inn".
        var v1 = limit - cursor;
        lab0: {
          if (!before("i")) break lab0;
          cursor--;
          if (cursor > limitBackward) break lab0;
          return false;
        }
        cursor = limit - v1;
      }
      sliceFrom(as7[amongVar - 1]);
      return true;
    }

    function rStep1c() {
      ket = cursor;
      var amongVar = findAmongB(a8);
      if (amongVar === 0) return false;
      bra = cursor;
      if (!rR1()) return false;
      if (!rC()) return false;
      if (amongVar === 1) {
        var v1 = limit - cursor;
        lab0: {
          if (!before("n")) break lab0;
          cursor--;
          if (!rR1()) break lab0;
          return false;
        }
        cursor = limit - v1;
        var v2 = limit - cursor;
        alt: {
          lab0: {
            if (!eqSB("in")) break lab0;
            if (cursor > limitBackward) break lab0;
            sliceFrom("n");
            break alt;
          }
          cursor = limit - v2;
          sliceDel();
        }
      } else {
        var v3 = limit - cursor;
        lab0: {
          if (!before("h")) break lab0;
          cursor--;
          if (!rR1()) break lab0;
          return false;
        }
        cursor = limit - v3;
        var v4 = limit - cursor;
        lab0: {
          if (!eqSB("en")) break lab0;
          if (cursor > limitBackward) break lab0;
          return false;
        }
        cursor = limit - v4;
        sliceDel();
      }
      return true;
    }

    // gopast (ij or v), then repeat (ij or v), then a following non-vowel must exist: the
    // shared middle of Lose_prefix and Lose_infix. Returns false where the Python returns False.
    function vowelThenConsonant() {
      for (;;) {
        var v3 = cursor;
        if (eqS("ij") || inGrouping(G_V)) break;
        cursor = v3;
        if (cursor >= limit) return false;
        cursor++;
      }
      for (;;) {
        var v4 = cursor;
        if (eqS("ij") || inGrouping(G_V)) continue;
        cursor = v4;
        break;
      }
      if (cursor >= limit) return false;
      return true;
    }

    function rLosePrefix() {
      bra = cursor;
      if (!eqS("ge")) return false;
      ket = cursor;
      var v1 = cursor;
      if (cursor + 3 > limit) return false;
      cursor += 3;
      cursor = v1;
      var v2 = cursor;
      if (!vowelThenConsonant()) return false;
      cursor = v2;
      var amongVar = findAmong(a9);
      if (amongVar === 1) return false;
      geRemoved = true;
      sliceDel();
      var v5 = cursor;
      lab0: {
        bra = cursor;
        amongVar = findAmong(a10);
        if (amongVar === 0) break lab0;
        ket = cursor;
        sliceFrom(as10[amongVar - 1]);
      }
      cursor = v5;
      return true;
    }

    function rLoseInfix() {
      if (cursor >= limit) return false;
      cursor++;
      for (;;) {
        bra = cursor;
        if (eqS("ge")) { ket = cursor; break; }
        if (cursor >= limit) return false;
        cursor++;
      }
      var v1 = cursor;
      if (cursor + 3 > limit) return false;
      cursor += 3;
      cursor = v1;
      var v2 = cursor;
      if (!vowelThenConsonant()) return false;
      cursor = v2;
      geRemoved = true;
      sliceDel();
      var v5 = cursor;
      lab0: {
        bra = cursor;
        var amongVar = findAmong(a11);
        if (amongVar === 0) break lab0;
        ket = cursor;
        sliceFrom(as11[amongVar - 1]);
      }
      cursor = v5;
      return true;
    }

    // Sets p1 and p2: after the first and second (non-vowel* vowel+ non-vowel) stretch,
    // counting "ij" as one vowel.
    function rMeasure() {
      p1 = limit;
      p2 = limit;
      var v1 = cursor;
      lab0: {
        while (outGrouping(G_V)) { /* repeat */ }
        var v2 = 1;
        for (;;) {
          var v3 = cursor;
          if (eqS("ij") || inGrouping(G_V)) { v2--; continue; }
          cursor = v3;
          break;
        }
        if (v2 > 0) break lab0;
        if (!outGrouping(G_V)) break lab0;
        p1 = cursor;
        while (outGrouping(G_V)) { /* repeat */ }
        var v4 = 1;
        for (;;) {
          var v5 = cursor;
          if (eqS("ij") || inGrouping(G_V)) { v4--; continue; }
          cursor = v5;
          break;
        }
        if (v4 > 0) break lab0;
        if (!outGrouping(G_V)) break lab0;
        p2 = cursor;
      }
      cursor = v1;
    }

    function stem() {
      var stemmed = false;
      rMeasure();
      limitBackward = cursor;
      cursor = limit;
      var v1 = limit - cursor;
      if (rStep1()) stemmed = true;
      cursor = limit - v1;
      var v2 = limit - cursor;
      if (rStep2()) stemmed = true;
      cursor = limit - v2;
      var v3 = limit - cursor;
      if (rStep3()) stemmed = true;
      cursor = limit - v3;
      var v4 = limit - cursor;
      if (rStep4()) stemmed = true;
      cursor = limit - v4;
      cursor = limitBackward;
      geRemoved = false;
      var v5 = cursor;
      lab0: {
        var v6 = cursor;
        if (!rLosePrefix()) break lab0;
        cursor = v6;
        rMeasure();
      }
      cursor = v5;
      limitBackward = cursor;
      cursor = limit;
      var v7 = limit - cursor;
      lab0: {
        if (!geRemoved) break lab0;
        stemmed = true;
        if (!rStep1c()) break lab0;
      }
      cursor = limit - v7;
      cursor = limitBackward;
      geRemoved = false;
      var v8 = cursor;
      lab0: {
        var v9 = cursor;
        if (!rLoseInfix()) break lab0;
        cursor = v9;
        rMeasure();
      }
      cursor = v8;
      limitBackward = cursor;
      cursor = limit;
      var v10 = limit - cursor;
      lab0: {
        if (!geRemoved) break lab0;
        stemmed = true;
        if (!rStep1c()) break lab0;
      }
      cursor = limit - v10;
      cursor = limitBackward;
      limitBackward = cursor;
      cursor = limit;
      var v11 = limit - cursor;
      if (rStep7()) stemmed = true;
      cursor = limit - v11;
      var v12 = limit - cursor;
      if (stemmed) rStep6();
      cursor = limit - v12;
      cursor = limitBackward;
    }

    stem();
    // Built piece by piece: String.fromCodePoint(...current) fails on very long words.
    var out = "";
    for (var i = 0; i < current.length; i++) out += String.fromCodePoint(current[i]);
    return out;
  }

  globalThis.kbDutchStem = kbDutchStem;
  if (typeof module !== "undefined") module.exports = kbDutchStem;
})();
