/// Minimal JSON writer for the large, simple files of the search index (term → integers).
/// JSONSerialization boxes every number; at 10,000 write-ups that cost seconds.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func integer(_ value: Int) {
        if value == 0 {
            bytes.append(48)
            return
        }
        var v = value.magnitude
        var digits: [UInt8] = []
        while v > 0 {
            digits.append(UInt8(48 + v % 10))
            v /= 10
        }
        if value < 0 { bytes.append(45) }
        bytes.append(contentsOf: digits.reversed())
    }

    /// A JSON string; <, > and & as \u escapes so the file is safe to embed anywhere.
    mutating func string(_ value: String) {
        bytes.append(34)
        for byte in value.utf8 {
            switch byte {
            case 34: bytes += [92, 34]
            case 92: bytes += [92, 92]
            case 10: bytes += [92, 110]
            case 13: bytes += [92, 114]
            case 9: bytes += [92, 116]
            case 60, 62, 38, 0..<32:
                let hex = Array("0123456789abcdef".utf8)
                bytes += [92, 117, 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            default: bytes.append(byte)
            }
        }
        bytes.append(34)
    }

    mutating func integers(_ values: [Int]) {
        bytes.append(91)
        for (i, v) in values.enumerated() {
            if i > 0 { bytes.append(44) }
            integer(v)
        }
        bytes.append(93)
    }

    /// {"key":[…],…} with keys sorted, as JSONSerialization's .sortedKeys would.
    static func termMap(_ map: [String: [Int]]) -> [UInt8] {
        var writer = JSONWriter(capacity: map.count * 24)
        writer.bytes.append(123)
        for (i, key) in map.keys.sorted().enumerated() {
            if i > 0 { writer.bytes.append(44) }
            writer.string(key)
            writer.bytes.append(58)
            writer.integers(map[key]!)
        }
        writer.bytes.append(125)
        return writer.bytes
    }
}
