import Foundation

/// A word's UTF-8 bytes, and its head: the first eight bytes as a little-endian integer,
/// zero-padded, which WordTable hashes and compares first.
struct WordBytes {
    let bytes: UnsafeBufferPointer<UInt8>
    let head: UInt64
    /// Bytes that may be read from the start, at least `bytes.count`: where a word is followed
    /// by more text, eight bytes are loaded at once and the excess masked off.
    let readable: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, readable: Int? = nil) {
        self.bytes = bytes
        self.readable = readable ?? bytes.count
        head = bytes.isEmpty ? 0 : Self.chunk(bytes, from: 0, readable: self.readable)
    }

    /// Eight bytes from `from` (fewer at the end, zero-padded).
    @inline(__always)
    static func chunk(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, readable: Int) -> UInt64 {
        let count = min(8, bytes.count - from)
        if from + 8 <= readable {
            let value = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + from).loadUnaligned(as: UInt64.self))
            return count == 8 ? value : value & (1 << (8 * UInt64(count)) - 1)
        }
        var value: UInt64 = 0
        for i in 0..<count { value |= UInt64(bytes[from + i]) << (8 * UInt64(i)) }
        return value
    }
}

/// Byte strings to dense ids in order of first insertion (open addressing, linear probing).
/// Keyed by exact bytes; the search index applies Swift's String equality afterwards, once per
/// id. Looked up once per word of the corpus, so words are hashed eight bytes at a time and a
/// slot holds part of the hash, the length and the first eight bytes: most words (up to eight
/// bytes) are found by reading one slot.
struct WordTable {
    private struct Word {
        var hash: UInt64
        var start: Int
        var end: Int
    }

    private var arena: [UInt8] = []
    private var words: [Word] = []
    /// Two values per slot: the hash's high 24 bits << 40 | min(length, 255) << 32 | id + 1
    /// (0 is empty), then the word's head.
    private var slots: [UInt64]
    private var mask: Int
    private let tagMask: UInt64

    /// `tagBits`: how much of the hash a slot keeps (fewer only in tests, so that words that
    /// agree in it are compared byte by byte).
    init(capacity: Int = 1024, tagBits: Int = 24) {
        tagMask = tagBits == 0 ? 0 : ~0 << UInt64(64 - tagBits)
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size * 2)
        mask = size - 1
    }

    var count: Int { words.count }

    /// Both halves of a 128-bit product folded together (as in wyhash): one multiplication
    /// mixes every bit into both the slot index (low bits) and the tag (high bits).
    @inline(__always)
    private static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    @inline(__always)
    private func key(hash: UInt64, length: Int) -> UInt64 {
        hash & tagMask | UInt64(min(length, 255)) << 32
    }

    mutating func intern(_ word: UnsafeBufferPointer<UInt8>) -> Int { intern(WordBytes(word)) }

    mutating func intern(_ word: WordBytes) -> Int {
        let h = Self.hash(word)
        let (found, slot) = find(word, hash: h)
        if let found { return found }
        let id = words.count
        let count = word.bytes.count
        words.append(Word(hash: h, start: arena.count, end: arena.count + count))
        arena.append(contentsOf: word.bytes)
        slots[2 * slot] = key(hash: h, length: count) | UInt64(id + 1)
        slots[2 * slot + 1] = word.head
        if words.count * 2 > mask { grow() }
        return id
    }

    /// The id of `word` if it is in the table.
    func id(of word: UnsafeBufferPointer<UInt8>) -> Int? {
        let word = WordBytes(word)
        return find(word, hash: Self.hash(word)).id
    }

    @inline(__always)
    private static func hash(_ word: WordBytes) -> UInt64 {
        let count = word.bytes.count
        var h = mix(word.head ^ 0xa076_1d64_78bd_642f, 0xe703_7ed1_a0b4_28db ^ UInt64(count))
        var from = 8
        while from < count {
            h = mix(h ^ WordBytes.chunk(word.bytes, from: from, readable: word.readable), 0x8ebc_6af0_9c88_c6e3)
            from += 8
        }
        return h
    }

    /// The word's id, or the empty slot where it would go.
    @inline(__always)
    private func find(_ word: WordBytes, hash h: UInt64) -> (id: Int?, slot: Int) {
        let count = word.bytes.count
        let key = key(hash: h, length: count)
        var slot = Int(truncatingIfNeeded: h) & mask
        return slots.withUnsafeBufferPointer { slots in
            while true {
                let s = slots[2 &* slot]
                if s == 0 { return (nil, slot) }
                if s & 0xffff_ffff_0000_0000 == key && slots[2 &* slot &+ 1] == word.head {
                    // Same length and first eight bytes: the same word unless it is longer.
                    let id = Int(s & 0xffff_ffff) - 1
                    if count <= 8 || equals(words[id], word.bytes) { return (id, slot) }
                }
                slot = (slot &+ 1) & mask
            }
        }
    }

    /// Same bytes after the first eight (which the caller compared) and same length.
    @inline(__always)
    private func equals(_ known: Word, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard known.end - known.start == word.count else { return false }
        return arena.withUnsafeBufferPointer { a in
            memcmp(a.baseAddress! + known.start + 8, word.baseAddress! + 8, word.count - 8) == 0
        }
    }

    private mutating func grow() {
        let size = (mask + 1) * 2
        var slots = [UInt64](repeating: 0, count: size * 2)
        mask = size - 1
        for (id, word) in words.enumerated() {
            var slot = Int(truncatingIfNeeded: word.hash) & mask
            while slots[2 * slot] != 0 { slot = (slot + 1) & mask }
            slots[2 * slot] = key(hash: word.hash, length: word.end - word.start) | UInt64(id + 1)
            slots[2 * slot + 1] = withWord(id) { WordBytes($0).head }
        }
        self.slots = slots
    }

    func withWord<R>(_ id: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[words[id].start..<words[id].end])) }
    }

    func string(_ id: Int) -> String { withWord(id) { String(decoding: $0, as: UTF8.self) } }

    /// The words' bytes one after another in id order, and where each word ends.
    var spellings: (bytes: [UInt8], ends: [UInt32]) { (arena, words.map { UInt32($0.end) }) }
}
