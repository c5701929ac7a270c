/// A compact binary form for values kb keeps between builds (the parse cache). Not an
/// interchange format: a cache written by another kb is rejected by its key before this is
/// read, and any malformed byte makes the reader fail, which makes the cache count as absent.
struct BinaryWriter {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Zigzag varint: small numbers of either sign take one byte.
    mutating func int(_ value: Int) {
        var v = UInt64(bitPattern: Int64(value) << 1 ^ Int64(value) >> 63)
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7f) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func uint64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func double(_ value: Double) { uint64(value.bitPattern) }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            int(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func byteArray(_ value: [UInt8]) {
        int(value.count)
        bytes.append(contentsOf: value)
    }

    mutating func optional<T>(_ value: T?, _ write: (inout BinaryWriter, T) -> Void) {
        bool(value != nil)
        if let value { write(&self, value) }
    }

    mutating func array<T>(_ values: [T], _ write: (inout BinaryWriter, T) -> Void) {
        int(values.count)
        for value in values { write(&self, value) }
    }

    mutating func strings(_ values: [String]) { array(values) { $0.string($1) } }

    mutating func raw<T: RawRepresentable>(_ value: T) where T.RawValue == String { string(value.rawValue) }

    /// A case of a closed vocabulary as its position: reading back a name meant a String and a
    /// string switch per value, ten per write-up in the parse cache.
    mutating func raw<T: RawRepresentable & CaseIterable & Equatable>(_ value: T) where T.RawValue == String {
        int(T.allCases.firstIndex(of: value).map { T.allCases.distance(from: T.allCases.startIndex, to: $0) } ?? -1)
    }
}

struct BinaryReader {
    struct Malformed: Error {}

    private let buffer: UnsafeBufferPointer<UInt8>
    private(set) var offset = 0

    init(_ buffer: UnsafeBufferPointer<UInt8>) { self.buffer = buffer }

    var atEnd: Bool { offset == buffer.count }

    mutating func byte() throws -> UInt8 {
        guard offset < buffer.count else { throw Malformed() }
        defer { offset += 1 }
        return buffer[offset]
    }

    mutating func int() throws -> Int {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64 else { throw Malformed() }
            v |= UInt64(b & 0x7f) << shift
            if b < 0x80 { break }
            shift += 7
        }
        return Int(Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1))
    }

    /// A count or length: never negative, never past the end of the data.
    mutating func count() throws -> Int {
        let n = try int()
        guard n >= 0, n <= buffer.count - offset else { throw Malformed() }
        return n
    }

    mutating func uint64() throws -> UInt64 {
        guard buffer.count - offset >= 8 else { throw Malformed() }
        var value: UInt64 = 0
        for k in 0..<8 { value |= UInt64(buffer[offset + k]) << (8 * UInt64(k)) }
        offset += 8
        return value
    }

    mutating func skip(_ n: Int) throws {
        guard n >= 0, n <= buffer.count - offset else { throw Malformed() }
        offset += n
    }

    mutating func bool() throws -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw Malformed()
        }
    }

    mutating func double() throws -> Double { Double(bitPattern: try uint64()) }

    mutating func string() throws -> String {
        let n = try count()
        defer { offset += n }
        return String(decoding: UnsafeBufferPointer(rebasing: buffer[offset..<offset + n]), as: UTF8.self)
    }

    mutating func byteArray() throws -> [UInt8] {
        let n = try count()
        defer { offset += n }
        return Array(buffer[offset..<offset + n])
    }

    mutating func optional<T>(_ read: (inout BinaryReader) throws -> T) throws -> T? {
        try bool() ? try read(&self) : nil
    }

    mutating func array<T>(_ read: (inout BinaryReader) throws -> T) throws -> [T] {
        let n = try count()
        var out: [T] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try read(&self)) }
        return out
    }

    mutating func strings() throws -> [String] { try array { try $0.string() } }

    mutating func raw<T: RawRepresentable>(_: T.Type) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: try string()) else { throw Malformed() }
        return value
    }

    mutating func raw<T: RawRepresentable & CaseIterable>(_: T.Type) throws -> T where T.RawValue == String {
        let position = try int()
        guard position >= 0, position < T.allCases.count else { throw Malformed() }
        return T.allCases[T.allCases.index(T.allCases.startIndex, offsetBy: position)]
    }
}
