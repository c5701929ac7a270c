// Snowball "dutch" stemmer (Kraaij-Pohlmann), ported from PyPI snowballstemmer 3.1.1 dutch_stemmer.py.

/// Stems one Dutch word exactly like snowballstemmer's `dutch`. The browser does the same with
/// assets/stemmer.js; a test checks that both agree with snowballstemmer word for word.
///
/// The code follows the generated Python routine by routine (same names, same order of tests,
/// same cursor bookkeeping) so it can be audited against it. Python's `try/raise labN` blocks
/// are labelled `do` blocks here; its `while True: ... break` alternatives are `alt:` blocks.
/// The word is handled as an array of Unicode scalars because Snowball's Python works on code
/// points. The caller lowercases; this does not fold or normalise anything.
public enum DutchStemmer {
    public static func stem(_ word: String) -> String {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(word.utf8.count + 2)
        for u in word.unicodeScalars { scalars.append(u) }
        var z = Machine(scalars)
        z.stem()
        // Encoded by hand: the generic String/UnicodeScalarView paths cost more than stemming.
        var width = 0
        for u in z.current { width += UTF8.width(u) }
        return String(unsafeUninitializedCapacity: width) { buffer in
            var i = 0
            for u in z.current {
                UTF8.encode(u) { byte in
                    buffer[i] = byte
                    i += 1
                }
            }
            return i
        }
    }

    // MARK: Tables (dutch_stemmer.py a_0 ... a_11, as_6, as_10, as_11)

    /// One entry of an among table: the string, the index of its longest prefix entry
    /// (backward tables: suffix) in the same table or -1, and the result. The string is held
    /// inline (no entry is longer than 8) so the hot binary search does no reference counting.
    fileprivate struct Among: Sendable {
        let s: SIMD8<UInt32>
        let count: Int
        let substringI: Int
        let result: Int
        init(_ string: String, _ substringI: Int, _ result: Int) {
            var s = SIMD8<UInt32>()
            var count = 0
            for u in string.unicodeScalars {
                s[count] = u.value
                count += 1
            }
            self.s = s
            self.count = count
            self.substringI = substringI
            self.result = result
        }
    }

    // The tables must stay sorted by code point exactly as Snowball emitted them; the binary
    // search in findAmong(B) depends on it. Diacritics are written as \u{...} so the source
    // cannot be changed by an editor's Unicode normalisation.
    fileprivate static let a0: [Among] = [
        Among("a", -1, 1), Among("e", -1, 2), Among("o", -1, 1), Among("u", -1, 1),
        Among("\u{E0}", -1, 1), Among("\u{E1}", -1, 1), Among("\u{E2}", -1, 1), Among("\u{E4}", -1, 1),
        Among("\u{E8}", -1, 2), Among("\u{E9}", -1, 2), Among("\u{EA}", -1, 2),
        Among("e\u{EB}", -1, 3), Among("i\u{EB}", -1, 4),
        Among("\u{F2}", -1, 1), Among("\u{F3}", -1, 1), Among("\u{F4}", -1, 1), Among("\u{F6}", -1, 1),
        Among("\u{F9}", -1, 1), Among("\u{FA}", -1, 1), Among("\u{FB}", -1, 1), Among("\u{FC}", -1, 1),
    ]

    fileprivate static let a1: [Among] = [
        Among("nde", -1, 8), Among("en", -1, 7), Among("s", -1, 2), Among("'s", 2, 1),
        Among("es", 2, 4), Among("ies", 4, 3), Among("aus", 2, 6), Among("\u{E9}s", 2, 5),
    ]

    fileprivate static let a2: [Among] = [
        Among("de", -1, 5), Among("ge", -1, 2), Among("ische", -1, 4), Among("je", -1, 1),
        Among("lijke", -1, 3), Among("le", -1, 9), Among("ene", -1, 10), Among("re", -1, 8),
        Among("se", -1, 7), Among("te", -1, 6), Among("ieve", -1, 11),
    ]

    fileprivate static let a3: [Among] = [
        Among("heid", -1, 3), Among("fie", -1, 7), Among("gie", -1, 8), Among("atie", -1, 1),
        Among("isme", -1, 5), Among("ing", -1, 5), Among("arij", -1, 6), Among("erij", -1, 5),
        Among("sel", -1, 3), Among("rder", -1, 4), Among("ster", -1, 3), Among("iteit", -1, 2),
        Among("dst", -1, 10), Among("tst", -1, 9),
    ]

    fileprivate static let a4: [Among] = [
        Among("end", -1, 9), Among("atief", -1, 2), Among("erig", -1, 9), Among("achtig", -1, 3),
        Among("ioneel", -1, 1), Among("baar", -1, 3), Among("laar", -1, 5), Among("naar", -1, 4),
        Among("raar", -1, 6), Among("eriger", -1, 9), Among("achtiger", -1, 3), Among("lijker", -1, 8),
        Among("tant", -1, 7), Among("erigst", -1, 9), Among("achtigst", -1, 3), Among("lijkst", -1, 8),
    ]

    fileprivate static let a5: [Among] = [
        Among("ig", -1, 1), Among("iger", -1, 1), Among("igst", -1, 1),
    ]

    fileprivate static let a6: [Among] = [
        Among("ft", -1, 2), Among("kt", -1, 1), Among("pt", -1, 3),
    ]
    fileprivate static let as6: [StaticString] = ["k", "f", "p"]

    fileprivate static let a7: [Among] = [
        Among("bb", -1, 1), Among("cc", -1, 2), Among("dd", -1, 3), Among("ff", -1, 4),
        Among("gg", -1, 5), Among("hh", -1, 6), Among("jj", -1, 7), Among("kk", -1, 8),
        Among("ll", -1, 9), Among("mm", -1, 10), Among("nn", -1, 11), Among("pp", -1, 12),
        Among("qq", -1, 13), Among("rr", -1, 14), Among("ss", -1, 15), Among("tt", -1, 16),
        Among("v", -1, 4), Among("vv", 16, 17), Among("ww", -1, 18), Among("xx", -1, 19),
        Among("z", -1, 15), Among("zz", 20, 20),
    ]
    /// Step_6's slice_from argument for each result; result 11 ("nn") has an extra condition.
    fileprivate static let as7: [StaticString] = [
        "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "q", "r", "s", "t", "v", "w", "x", "z",
    ]

    fileprivate static let a8: [Among] = [
        Among("d", -1, 1), Among("t", -1, 2),
    ]

    fileprivate static let a9: [Among] = [
        Among("", -1, -1), Among("eft", 0, 1), Among("vaa", 0, 1), Among("val", 0, 1),
        Among("vali", 3, -1), Among("vare", 0, 1),
    ]

    fileprivate static let a10: [Among] = [
        Among("\u{EB}", -1, 1), Among("\u{EF}", -1, 2),
    ]
    fileprivate static let as10: [StaticString] = ["e", "i"]

    fileprivate static let a11: [Among] = [
        Among("\u{EB}", -1, 1), Among("\u{EF}", -1, 2),
    ]
    fileprivate static let as11: [StaticString] = ["e", "i"]
}

// MARK: Groupings (g_E, g_AIOU, g_AEIOU, g_v, g_v_WX) as bit flags

private let gE: UInt8 = 1
private let gAIOU: UInt8 = 2
private let gAEIOU: UInt8 = 4
private let gV: UInt8 = 8
private let gVWX: UInt8 = 16

/// The groupings a scalar belongs to. Every member is below U+0100, so a switch on the value
/// replaces Python's set lookups.
@inline(__always)
private func groups(_ c: Unicode.Scalar) -> UInt8 {
    switch c.value {
    // a i o u à á â ä ì í î ï ò ó ô ö ù ú û ü
    case 0x61, 0x69, 0x6F, 0x75, 0xE0, 0xE1, 0xE2, 0xE4, 0xEC, 0xED, 0xEE, 0xEF,
        0xF2, 0xF3, 0xF4, 0xF6, 0xF9, 0xFA, 0xFB, 0xFC:
        return gAIOU | gAEIOU | gV | gVWX
    // e è é ê ë
    case 0x65, 0xE8, 0xE9, 0xEA, 0xEB:
        return gE | gAEIOU | gV | gVWX
    case 0x79:  // y
        return gV | gVWX
    case 0x77, 0x78:  // w x
        return gVWX
    default:
        return 0
    }
}

// MARK: Snowball runtime (basestemmer.py) plus the dutch routines

/// The state of one stemming run. A fresh value per word, so the stemmer is pure and thread-safe.
private struct Machine {
    var current: [Unicode.Scalar]
    var cursor = 0
    var limit: Int
    var limitBackward = 0
    var bra = 0
    var ket: Int
    var p1 = 0
    var p2 = 0
    var geRemoved = false

    init(_ word: [Unicode.Scalar]) {
        current = word
        limit = word.count
        ket = word.count
    }

    // MARK: basestemmer.py

    @inline(__always)
    mutating func inGrouping(_ g: UInt8) -> Bool {
        if cursor >= limit { return false }
        if groups(current[cursor]) & g == 0 { return false }
        cursor += 1
        return true
    }

    @inline(__always)
    mutating func inGroupingB(_ g: UInt8) -> Bool {
        if cursor <= limitBackward { return false }
        if groups(current[cursor - 1]) & g == 0 { return false }
        cursor -= 1
        return true
    }

    @inline(__always)
    mutating func outGrouping(_ g: UInt8) -> Bool {
        if cursor >= limit { return false }
        if groups(current[cursor]) & g == 0 {
            cursor += 1
            return true
        }
        return false
    }

    @inline(__always)
    mutating func outGroupingB(_ g: UInt8) -> Bool {
        if cursor <= limitBackward { return false }
        if groups(current[cursor - 1]) & g == 0 {
            cursor -= 1
            return true
        }
        return false
    }

    /// The scalar just before the cursor is `ch` (Python: `current[cursor - 1] != ch` tests).
    @inline(__always)
    func before(_ ch: Unicode.Scalar) -> Bool {
        cursor > limitBackward && current[cursor - 1] == ch
    }

    /// eq_s. Every literal the dutch program tests is ASCII, so StaticString bytes are code points.
    mutating func eqS(_ s: StaticString) -> Bool {
        let matched = s.withUTF8Buffer { p -> Bool in
            if limit - cursor < p.count { return false }
            for i in 0..<p.count where current[cursor + i].value != UInt32(p[i]) { return false }
            return true
        }
        if matched { cursor += s.utf8CodeUnitCount }
        return matched
    }

    /// eq_s_b (see eqS).
    mutating func eqSB(_ s: StaticString) -> Bool {
        let matched = s.withUTF8Buffer { p -> Bool in
            if cursor - limitBackward < p.count { return false }
            let start = cursor - p.count
            for i in 0..<p.count where current[start + i].value != UInt32(p[i]) { return false }
            return true
        }
        if matched { cursor -= s.utf8CodeUnitCount }
        return matched
    }

    /// find_among: binary search for the longest table entry at the cursor.
    mutating func findAmong(_ v: [DutchStemmer.Among]) -> Int {
        var i = 0
        var j = v.count
        let c = cursor
        let l = limit
        var commonI = 0
        var commonJ = 0
        var firstKeyInspected = false
        while true {
            let k = i + ((j - i) >> 1)
            var diff = 0
            var common = min(commonI, commonJ)
            let w = v[k]
            var i2 = common
            while i2 < w.count {
                if c + common == l {
                    diff = -1
                    break
                }
                diff = Int(current[c + common].value) - Int(w.s[i2])
                if diff != 0 { break }
                common += 1
                i2 += 1
            }
            if diff < 0 {
                j = k
                commonJ = common
            } else {
                i = k
                commonI = common
            }
            if j - i <= 1 {
                if i > 0 { break }
                if j == i { break }
                if firstKeyInspected { break }
                firstKeyInspected = true
            }
        }
        while true {
            let w = v[i]
            if commonI >= w.count {
                cursor = c + w.count
                return w.result
            }
            i = w.substringI
            if i < 0 { return 0 }
        }
    }

    /// find_among_b: as findAmong, backwards from the cursor.
    mutating func findAmongB(_ v: [DutchStemmer.Among]) -> Int {
        var i = 0
        var j = v.count
        let c = cursor
        let lb = limitBackward
        var commonI = 0
        var commonJ = 0
        var firstKeyInspected = false
        while true {
            let k = i + ((j - i) >> 1)
            var diff = 0
            var common = min(commonI, commonJ)
            let w = v[k]
            var i2 = w.count - 1 - common
            while i2 >= 0 {
                if c - common == lb {
                    diff = -1
                    break
                }
                diff = Int(current[c - 1 - common].value) - Int(w.s[i2])
                if diff != 0 { break }
                common += 1
                i2 -= 1
            }
            if diff < 0 {
                j = k
                commonJ = common
            } else {
                i = k
                commonI = common
            }
            if j - i <= 1 {
                if i > 0 { break }
                if j == i { break }
                if firstKeyInspected { break }
                firstKeyInspected = true
            }
        }
        while true {
            let w = v[i]
            if commonI >= w.count {
                cursor = c - w.count
                return w.result
            }
            i = w.substringI
            if i < 0 { return 0 }
        }
    }

    /// Calls body with the scalars of a literal, without allocating.
    static func withScalars<R>(_ s: StaticString, _ body: (UnsafeBufferPointer<Unicode.Scalar>) -> R) -> R {
        s.withUTF8Buffer { utf8 in
            withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: max(utf8.count, 1)) { buffer in
                var n = 0
                var bytes = utf8.makeIterator()
                var decoder = UTF8()
                while case .scalarValue(let u) = decoder.decode(&bytes) {
                    buffer.initializeElement(at: n, to: u)
                    n += 1
                }
                return body(UnsafeBufferPointer(rebasing: buffer[..<n]))
            }
        }
    }

    @discardableResult
    mutating func replaceS(_ cBra: Int, _ cKet: Int, _ s: UnsafeBufferPointer<Unicode.Scalar>) -> Int {
        let adjustment = s.count - (cKet - cBra)
        current.replaceSubrange(cBra..<cKet, with: s)
        limit += adjustment
        if cursor >= cKet {
            cursor += adjustment
        } else if cursor > cBra {
            cursor = cBra
        }
        return adjustment
    }

    mutating func sliceFrom(_ s: UnsafeBufferPointer<Unicode.Scalar>) {
        replaceS(bra, ket, s)
        ket = bra + s.count
    }

    mutating func sliceFrom(_ s: StaticString) {
        Machine.withScalars(s) { sliceFrom($0) }
    }

    mutating func sliceDel() {
        sliceFrom("")
    }

    mutating func insert(_ cBra: Int, _ cKet: Int, _ s: UnsafeBufferPointer<Unicode.Scalar>) {
        let adjustment = replaceS(cBra, cKet, s)
        if cBra <= bra { bra += adjustment }
        if cBra <= ket { ket += adjustment }
    }

    mutating func insert(_ cBra: Int, _ cKet: Int, _ s: StaticString) {
        Machine.withScalars(s) { insert(cBra, cKet, $0) }
    }

    mutating func insert(_ cBra: Int, _ cKet: Int, _ s: [Unicode.Scalar]) {
        s.withUnsafeBufferPointer { insert(cBra, cKet, $0) }
    }

    func sliceTo() -> [Unicode.Scalar] {
        Array(current[bra..<ket])
    }

    // MARK: dutch_stemmer.py

    func rR1() -> Bool { p1 <= cursor }

    func rR2() -> Bool { p2 <= cursor }

    mutating func rV() -> Bool {
        let v1 = limit - cursor
        if !inGroupingB(gV) {
            if !eqSB("ij") { return false }
        }
        cursor = limit - v1
        return true
    }

    mutating func rVX() -> Bool {
        let v1 = limit - cursor
        if cursor <= limitBackward { return false }
        cursor -= 1
        if !inGroupingB(gV) {
            if !eqSB("ij") { return false }
        }
        cursor = limit - v1
        return true
    }

    mutating func rC() -> Bool {
        let v1 = limit - cursor
        if eqSB("ij") { return false }
        if !outGroupingB(gV) { return false }
        cursor = limit - v1
        return true
    }

    @discardableResult
    mutating func rLengthenV() -> Bool {
        let v1 = limit - cursor
        lab0: do {
            if !outGroupingB(gVWX) { break lab0 }
            ket = cursor
            let amongVar = findAmongB(DutchStemmer.a0)
            if amongVar == 0 { break lab0 }
            bra = cursor
            switch amongVar {
            case 1:
                let v2 = limit - cursor
                if !outGroupingB(gAEIOU) {
                    if cursor > limitBackward { break lab0 }
                }
                cursor = limit - v2
                let ch = sliceTo()
                let c = cursor
                insert(cursor, cursor, ch)
                cursor = c
            case 2:
                let v3 = limit - cursor
                if !outGroupingB(gAEIOU) {
                    if cursor > limitBackward { break lab0 }
                }
                let v4 = limit - cursor
                lab1: do {
                    if !inGroupingB(gAIOU) {
                        if !inGroupingB(gE) { break lab1 }
                        if cursor > limitBackward { break lab1 }
                    }
                    break lab0
                }
                cursor = limit - v4
                let v5 = limit - cursor
                lab1: do {
                    if cursor <= limitBackward { break lab1 }
                    cursor -= 1
                    if !inGroupingB(gAIOU) { break lab1 }
                    if !outGroupingB(gAEIOU) { break lab1 }
                    break lab0
                }
                cursor = limit - v5
                cursor = limit - v3
                let ch = sliceTo()
                let c = cursor
                insert(cursor, cursor, ch)
                cursor = c
            case 3:
                sliceFrom("e\u{EB}e")
            default:
                sliceFrom("iee")
            }
        }
        cursor = limit - v1
        return true
    }

    mutating func rStep1() -> Bool {
        ket = cursor
        let amongVar = findAmongB(DutchStemmer.a1)
        if amongVar == 0 { return false }
        bra = cursor
        switch amongVar {
        case 1:
            sliceDel()
        case 2:
            if !rR1() { return false }
            let v1 = limit - cursor
            lab0: do {
                if !before("t") { break lab0 }
                cursor -= 1
                if !rR1() { break lab0 }
                return false
            }
            cursor = limit - v1
            if !rC() { return false }
            sliceDel()
        case 3:
            if !rR1() { return false }
            sliceFrom("ie")
        case 4:
            let v2 = limit - cursor
            alt: do {
                lab0: do {
                    let v3 = limit - cursor
                    if !eqSB("ar") { break lab0 }
                    if !rR1() { break lab0 }
                    if !rC() { break lab0 }
                    cursor = limit - v3
                    sliceDel()
                    rLengthenV()
                    break alt
                }
                cursor = limit - v2
                lab0: do {
                    let v4 = limit - cursor
                    if !eqSB("er") { break lab0 }
                    if !rR1() { break lab0 }
                    if !rC() { break lab0 }
                    cursor = limit - v4
                    sliceDel()
                    break alt
                }
                cursor = limit - v2
                if !rR1() { return false }
                if !rC() { return false }
                sliceFrom("e")
            }
        case 5:
            if !rR1() { return false }
            sliceFrom("\u{E9}")
        case 6:
            if !rR1() { return false }
            if !rV() { return false }
            sliceFrom("au")
        case 7:
            let v5 = limit - cursor
            alt: do {
                lab0: do {
                    if !eqSB("hed") { break lab0 }
                    if !rR1() { break lab0 }
                    bra = cursor
                    sliceFrom("heid")
                    break alt
                }
                cursor = limit - v5
                lab0: do {
                    if !eqSB("nd") { break lab0 }
                    sliceDel()
                    break alt
                }
                cursor = limit - v5
                lab0: do {
                    if !before("d") { break lab0 }
                    cursor -= 1
                    if !rR1() { break lab0 }
                    if !rC() { break lab0 }
                    bra = cursor
                    sliceDel()
                    break alt
                }
                cursor = limit - v5
                lab0: do {
                    if before("i") {
                        cursor -= 1
                    } else {
                        if !before("j") { break lab0 }
                        cursor -= 1
                    }
                    if !rV() { break lab0 }
                    sliceDel()
                    break alt
                }
                cursor = limit - v5
                if !rR1() { return false }
                if !rC() { return false }
                sliceDel()
                rLengthenV()
            }
        default:
            sliceFrom("nd")
        }
        return true
    }

    mutating func rStep2() -> Bool {
        ket = cursor
        let amongVar = findAmongB(DutchStemmer.a2)
        if amongVar == 0 { return false }
        bra = cursor
        switch amongVar {
        case 1:
            let v1 = limit - cursor
            alt: do {
                lab0: do {
                    if !eqSB("'t") { break lab0 }
                    bra = cursor
                    sliceDel()
                    break alt
                }
                cursor = limit - v1
                lab0: do {
                    if !eqSB("et") { break lab0 }
                    bra = cursor
                    if !rR1() { break lab0 }
                    if !rC() { break lab0 }
                    sliceDel()
                    break alt
                }
                cursor = limit - v1
                lab0: do {
                    if !eqSB("rnt") { break lab0 }
                    bra = cursor
                    sliceFrom("rn")
                    break alt
                }
                cursor = limit - v1
                lab0: do {
                    if !before("t") { break lab0 }
                    cursor -= 1
                    bra = cursor
                    if !rR1() { break lab0 }
                    if !rVX() { break lab0 }
                    sliceDel()
                    break alt
                }
                cursor = limit - v1
                lab0: do {
                    if !eqSB("ink") { break lab0 }
                    bra = cursor
                    sliceFrom("ing")
                    break alt
                }
                cursor = limit - v1
                lab0: do {
                    if !eqSB("mp") { break lab0 }
                    bra = cursor
                    sliceFrom("m")
                    break alt
                }
                cursor = limit - v1
                lab0: do {
                    if !before("'") { break lab0 }
                    cursor -= 1
                    bra = cursor
                    if !rR1() { break lab0 }
                    sliceDel()
                    break alt
                }
                cursor = limit - v1
                bra = cursor
                if !rR1() { return false }
                if !rC() { return false }
                sliceDel()
            }
        case 2:
            if !rR1() { return false }
            sliceFrom("g")
        case 3:
            if !rR1() { return false }
            sliceFrom("lijk")
        case 4:
            if !rR1() { return false }
            sliceFrom("isch")
        case 5:
            if !rR1() { return false }
            if !rC() { return false }
            sliceDel()
        case 6:
            if !rR1() { return false }
            sliceFrom("t")
        case 7:
            if !rR1() { return false }
            sliceFrom("s")
        case 8:
            if !rR1() { return false }
            sliceFrom("r")
        case 9:
            if !rR1() { return false }
            sliceDel()
            insert(cursor, cursor, "l")
            rLengthenV()
        case 10:
            if !rR1() { return false }
            if !rC() { return false }
            sliceDel()
            insert(cursor, cursor, "en")
            rLengthenV()
        default:
            if !rR1() { return false }
            if !rC() { return false }
            sliceFrom("ief")
        }
        return true
    }

    mutating func rStep3() -> Bool {
        ket = cursor
        let amongVar = findAmongB(DutchStemmer.a3)
        if amongVar == 0 { return false }
        bra = cursor
        switch amongVar {
        case 1:
            if !rR1() { return false }
            sliceFrom("eer")
        case 2:
            if !rR1() { return false }
            sliceDel()
            rLengthenV()
        case 3:
            if !rR1() { return false }
            sliceDel()
        case 4:
            sliceFrom("r")
        case 5:
            let v1 = limit - cursor
            alt: do {
                lab0: do {
                    if !eqSB("ild") { break lab0 }
                    sliceFrom("er")
                    break alt
                }
                cursor = limit - v1
                if !rR1() { return false }
                sliceDel()
                rLengthenV()
            }
        case 6:
            if !rR1() { return false }
            if !rC() { return false }
            sliceFrom("aar")
        case 7:
            if !rR2() { return false }
            sliceDel()
            insert(cursor, cursor, "f")
            rLengthenV()
        case 8:
            if !rR2() { return false }
            sliceDel()
            insert(cursor, cursor, "g")
            rLengthenV()
        case 9:
            if !rR1() { return false }
            if !rC() { return false }
            sliceFrom("t")
        default:
            if !rR1() { return false }
            if !rC() { return false }
            sliceFrom("d")
        }
        return true
    }

    mutating func rStep4() -> Bool {
        alt: do {
            let v1 = limit - cursor
            lab0: do {
                ket = cursor
                let amongVar = findAmongB(DutchStemmer.a4)
                if amongVar == 0 { break lab0 }
                bra = cursor
                switch amongVar {
                case 1:
                    if !rR1() { break lab0 }
                    sliceFrom("ie")
                case 2:
                    if !rR1() { break lab0 }
                    sliceFrom("eer")
                case 3:
                    if !rR1() { break lab0 }
                    sliceDel()
                case 4:
                    if !rR1() { break lab0 }
                    if !rV() { break lab0 }
                    sliceFrom("n")
                case 5:
                    if !rR1() { break lab0 }
                    if !rV() { break lab0 }
                    sliceFrom("l")
                case 6:
                    if !rR1() { break lab0 }
                    if !rV() { break lab0 }
                    sliceFrom("r")
                case 7:
                    if !rR1() { break lab0 }
                    sliceFrom("teer")
                case 8:
                    if !rR1() { break lab0 }
                    sliceFrom("lijk")
                default:
                    if !rR1() { break lab0 }
                    if !rC() { break lab0 }
                    sliceDel()
                    rLengthenV()
                }
                break alt
            }
            cursor = limit - v1
            ket = cursor
            if findAmongB(DutchStemmer.a5) == 0 { return false }
            bra = cursor
            if !rR1() { return false }
            let v2 = limit - cursor
            lab0: do {
                if !eqSB("inn") { break lab0 }
                if cursor > limitBackward { break lab0 }
                return false
            }
            cursor = limit - v2
            if !rC() { return false }
            sliceDel()
            rLengthenV()
        }
        return true
    }

    mutating func rStep7() -> Bool {
        ket = cursor
        let amongVar = findAmongB(DutchStemmer.a6)
        if amongVar == 0 { return false }
        bra = cursor
        sliceFrom(DutchStemmer.as6[amongVar - 1])
        return true
    }

    @discardableResult
    mutating func rStep6() -> Bool {
        ket = cursor
        let amongVar = findAmongB(DutchStemmer.a7)
        if amongVar == 0 { return false }
        bra = cursor
        if amongVar == 11 {
            // "nn" stays when the word is exactly "inn".
            let v1 = limit - cursor
            lab0: do {
                if !before("i") { break lab0 }
                cursor -= 1
                if cursor > limitBackward { break lab0 }
                return false
            }
            cursor = limit - v1
        }
        sliceFrom(DutchStemmer.as7[amongVar - 1])
        return true
    }

    mutating func rStep1c() -> Bool {
        ket = cursor
        let amongVar = findAmongB(DutchStemmer.a8)
        if amongVar == 0 { return false }
        bra = cursor
        if !rR1() { return false }
        if !rC() { return false }
        if amongVar == 1 {
            let v1 = limit - cursor
            lab0: do {
                if !before("n") { break lab0 }
                cursor -= 1
                if !rR1() { break lab0 }
                return false
            }
            cursor = limit - v1
            let v2 = limit - cursor
            alt: do {
                lab0: do {
                    if !eqSB("in") { break lab0 }
                    if cursor > limitBackward { break lab0 }
                    sliceFrom("n")
                    break alt
                }
                cursor = limit - v2
                sliceDel()
            }
        } else {
            let v3 = limit - cursor
            lab0: do {
                if !before("h") { break lab0 }
                cursor -= 1
                if !rR1() { break lab0 }
                return false
            }
            cursor = limit - v3
            let v4 = limit - cursor
            lab0: do {
                if !eqSB("en") { break lab0 }
                if cursor > limitBackward { break lab0 }
                return false
            }
            cursor = limit - v4
            sliceDel()
        }
        return true
    }

    /// gopast (ij or v), then repeat (ij or v), then a following non-vowel must exist: the
    /// shared middle of Lose_prefix and Lose_infix. Returns false where the Python returns False.
    mutating func vowelThenConsonant() -> Bool {
        while true {
            let v3 = cursor
            if eqS("ij") || inGrouping(gV) { break }
            cursor = v3
            if cursor >= limit { return false }
            cursor += 1
        }
        while true {
            let v4 = cursor
            if eqS("ij") || inGrouping(gV) { continue }
            cursor = v4
            break
        }
        if cursor >= limit { return false }
        return true
    }

    mutating func rLosePrefix() -> Bool {
        bra = cursor
        if !eqS("ge") { return false }
        ket = cursor
        let v1 = cursor
        if cursor + 3 > limit { return false }
        cursor += 3
        cursor = v1
        let v2 = cursor
        if !vowelThenConsonant() { return false }
        cursor = v2
        var amongVar = findAmong(DutchStemmer.a9)
        if amongVar == 1 { return false }
        geRemoved = true
        sliceDel()
        let v5 = cursor
        lab0: do {
            bra = cursor
            amongVar = findAmong(DutchStemmer.a10)
            if amongVar == 0 { break lab0 }
            ket = cursor
            sliceFrom(DutchStemmer.as10[amongVar - 1])
        }
        cursor = v5
        return true
    }

    mutating func rLoseInfix() -> Bool {
        if cursor >= limit { return false }
        cursor += 1
        while true {
            bra = cursor
            if eqS("ge") {
                ket = cursor
                break
            }
            if cursor >= limit { return false }
            cursor += 1
        }
        let v1 = cursor
        if cursor + 3 > limit { return false }
        cursor += 3
        cursor = v1
        let v2 = cursor
        if !vowelThenConsonant() { return false }
        cursor = v2
        geRemoved = true
        sliceDel()
        let v5 = cursor
        lab0: do {
            bra = cursor
            let amongVar = findAmong(DutchStemmer.a11)
            if amongVar == 0 { break lab0 }
            ket = cursor
            sliceFrom(DutchStemmer.as11[amongVar - 1])
        }
        cursor = v5
        return true
    }

    /// Sets p1 and p2: after the first and second (non-vowel* vowel+ non-vowel) stretch,
    /// counting "ij" as one vowel.
    mutating func rMeasure() {
        p1 = limit
        p2 = limit
        let v1 = cursor
        lab0: do {
            while outGrouping(gV) {}
            var v2 = 1
            while true {
                let v3 = cursor
                if eqS("ij") || inGrouping(gV) {
                    v2 -= 1
                    continue
                }
                cursor = v3
                break
            }
            if v2 > 0 { break lab0 }
            if !outGrouping(gV) { break lab0 }
            p1 = cursor
            while outGrouping(gV) {}
            var v4 = 1
            while true {
                let v5 = cursor
                if eqS("ij") || inGrouping(gV) {
                    v4 -= 1
                    continue
                }
                cursor = v5
                break
            }
            if v4 > 0 { break lab0 }
            if !outGrouping(gV) { break lab0 }
            p2 = cursor
        }
        cursor = v1
    }

    mutating func stem() {
        var stemmed = false
        rMeasure()
        limitBackward = cursor
        cursor = limit
        let v1 = limit - cursor
        if rStep1() { stemmed = true }
        cursor = limit - v1
        let v2 = limit - cursor
        if rStep2() { stemmed = true }
        cursor = limit - v2
        let v3 = limit - cursor
        if rStep3() { stemmed = true }
        cursor = limit - v3
        let v4 = limit - cursor
        if rStep4() { stemmed = true }
        cursor = limit - v4
        cursor = limitBackward
        geRemoved = false
        let v5 = cursor
        lab0: do {
            let v6 = cursor
            if !rLosePrefix() { break lab0 }
            cursor = v6
            rMeasure()
        }
        cursor = v5
        limitBackward = cursor
        cursor = limit
        let v7 = limit - cursor
        lab0: do {
            if !geRemoved { break lab0 }
            stemmed = true
            if !rStep1c() { break lab0 }
        }
        cursor = limit - v7
        cursor = limitBackward
        geRemoved = false
        let v8 = cursor
        lab0: do {
            let v9 = cursor
            if !rLoseInfix() { break lab0 }
            cursor = v9
            rMeasure()
        }
        cursor = v8
        limitBackward = cursor
        cursor = limit
        let v10 = limit - cursor
        lab0: do {
            if !geRemoved { break lab0 }
            stemmed = true
            if !rStep1c() { break lab0 }
        }
        cursor = limit - v10
        cursor = limitBackward
        limitBackward = cursor
        cursor = limit
        let v11 = limit - cursor
        if rStep7() { stemmed = true }
        cursor = limit - v11
        let v12 = limit - cursor
        if stemmed { rStep6() }
        cursor = limit - v12
        cursor = limitBackward
    }
}
