/// The one hash of kb's change detection: output files, the input fingerprint, cache keys and
/// records, page digests. FNV-1a over 8-byte words with a final mix, so hashing every page of a
/// large site costs little (byte-wise FNV over 300 MB was the writer's largest cost). Not for
/// anything an attacker chooses to collide: it only decides what a rebuild may skip.
enum Hash {
    static func content(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { content($0) }
    }

    /// The hash of a string's UTF-8 bytes, without copying them out.
    static func content(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { content(UnsafeRawBufferPointer($0)) }
    }

    static func content(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(raw.count)
        let words = raw.count / 8
        for index in 0..<words {
            hash ^= raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)
            hash = (hash &* 0x0000_0100_0000_01B3).rotatedLeft(by: 29)
        }
        for index in (words * 8)..<raw.count {
            hash ^= UInt64(raw[index])
            hash = hash &* 0x0000_0100_0000_01B3
        }
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        return hash
    }
}

extension UInt64 {
    func rotatedLeft(by count: UInt64) -> UInt64 { (self << count) | (self >> (64 - count)) }
}
