import Foundation

/// Byte strings to dense ids in order of first insertion (open addressing, linear probing).
/// Keyed by exact bytes; the search index applies Swift's String equality afterwards, once per
/// id. Looked up once per word of the corpus, so words are hashed eight bytes at a time, a slot
/// holds part of the hash to skip other words without touching them, and words of up to eight
/// bytes compare as one integer.
struct WordTable {
    private struct Word {
        var head: UInt64  // the first eight bytes, little-endian, zero-padded
        var hash: UInt64
        var start: Int
        var end: Int
    }

    private var arena: [UInt8] = []
    private var words: [Word] = []
    private var slots: [UInt64]  // high 32 bits of the hash << 32 | id + 1; 0 is empty
    private var mask: Int

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    var count: Int { words.count }

    @inline(__always)
    private static func chunk(_ word: UnsafeBufferPointer<UInt8>, _ from: Int) -> UInt64 {
        let end = min(from + 8, word.count)
        if end - from == 8 { return UnsafeRawPointer(word.baseAddress! + from).loadUnaligned(as: UInt64.self) }
        var value: UInt64 = 0
        for i in from..<end { value |= UInt64(word[i]) << (8 * UInt64(i - from)) }
        return value
    }

    @inline(__always)
    private static func mix(_ x: UInt64) -> UInt64 {
        var x = x
        x = (x ^ (x >> 33)) &* 0xff51_afd7_ed55_8ccd
        x = (x ^ (x >> 33)) &* 0xc4ce_b9fe_1a85_ec53
        return x ^ (x >> 33)
    }

    mutating func intern(_ word: UnsafeBufferPointer<UInt8>) -> Int {
        let head = word.isEmpty ? 0 : Self.chunk(word, 0)
        var h = Self.mix(head ^ UInt64(word.count) &* 0x9e37_79b9_7f4a_7c15)
        var from = 8
        while from < word.count {
            h = Self.mix(h ^ Self.chunk(word, from))
            from += 8
        }
        let tag = h & 0xffff_ffff_0000_0000
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[slot]
            if s == 0 { break }
            if s & 0xffff_ffff_0000_0000 == tag {
                let id = Int(s & 0xffff_ffff) - 1
                if words[id].head == head && equals(words[id], word) { return id }
            }
            slot = (slot + 1) & mask
        }
        let id = words.count
        words.append(Word(head: head, hash: h, start: arena.count, end: arena.count + word.count))
        arena.append(contentsOf: word)
        slots[slot] = tag | UInt64(id + 1)
        if words.count * 2 > mask { grow() }
        return id
    }

    /// Same length and same bytes after the first eight (which the caller compared).
    @inline(__always)
    private func equals(_ known: Word, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard known.end - known.start == word.count else { return false }
        guard word.count > 8 else { return true }
        return arena.withUnsafeBufferPointer { a in
            memcmp(a.baseAddress! + known.start + 8, word.baseAddress! + 8, word.count - 8) == 0
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
        for (id, word) in words.enumerated() {
            var slot = Int(truncatingIfNeeded: word.hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = word.hash & 0xffff_ffff_0000_0000 | UInt64(id + 1)
        }
    }

    func withWord<R>(_ id: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[words[id].start..<words[id].end])) }
    }

    func string(_ id: Int) -> String { withWord(id) { String(decoding: $0, as: UTF8.self) } }
}
