#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A growable run of bytes written through a pointer: the output of LDJSON encoding.
///
/// `[UInt8].append(contentsOf:)` goes through generic code with a uniqueness check on every call;
/// encoding a million records makes tens of millions of small appends, so here an append is a
/// capacity test and a copy. A class, so a batch's lines can be handed on without copying them.
public final class ByteBuffer: @unchecked Sendable {
    @usableFromInline @exclusivity(unchecked) var base: UnsafeMutablePointer<UInt8>
    @usableFromInline @exclusivity(unchecked) var capacity: Int
    @usableFromInline @exclusivity(unchecked) var used = 0
    @usableFromInline let alignment: Int

    /// `alignment`: of the bytes' address, for I/O that needs it (a power of two).
    public init(capacity: Int = 4096, alignment: Int = 16) {
        self.capacity = max(capacity, 16)
        self.alignment = alignment
        base = Self.allocate(self.capacity, alignment: alignment)
    }

    private static func allocate(_ count: Int, alignment: Int) -> UnsafeMutablePointer<UInt8> {
        UnsafeMutableRawPointer.allocate(byteCount: count, alignment: alignment).bindMemory(to: UInt8.self, capacity: count)
    }

    deinit { UnsafeMutableRawPointer(base).deallocate() }

    public var count: Int { used }
    public var isEmpty: Bool { used == 0 }

    @usableFromInline func grow(toFit extra: Int) {
        var newCapacity = capacity * 2
        while newCapacity < used + extra { newCapacity *= 2 }
        let larger = Self.allocate(newCapacity, alignment: alignment)
        larger.update(from: base, count: used)
        UnsafeMutableRawPointer(base).deallocate()
        base = larger
        capacity = newCapacity
    }

    @inlinable @inline(__always)
    public func append(_ byte: UInt8) {
        if used == capacity { grow(toFit: 1) }
        base[used] = byte
        used += 1
    }

    @inlinable @inline(__always)
    public func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        let count = bytes.count
        if used + count > capacity { grow(toFit: count) }
        let target = base + used
        if count <= 16 {
            // Keys and most values are short: two overlapping words (or bytes) instead of a call.
            if count >= 8 {
                let first = UnsafeRawPointer(source).loadUnaligned(as: UInt64.self)
                let last = UnsafeRawPointer(source + count - 8).loadUnaligned(as: UInt64.self)
                UnsafeMutableRawPointer(target).storeBytes(of: first, as: UInt64.self)
                UnsafeMutableRawPointer(target + count - 8).storeBytes(of: last, as: UInt64.self)
            } else {
                for index in 0..<count { target[index] = source[index] }
            }
        } else {
            memcpy(target, source, count)
        }
        used += count
    }

    @inlinable
    public func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    @inlinable
    public func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    public func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// The decimal digits of `value`.
    public func appendDecimal(_ value: Int) {
        if value < 0 { append(UInt8(ascii: "-")) }
        let magnitude = value.magnitude
        var digits = 1, probe = magnitude
        while probe >= 10 { probe /= 10; digits += 1 }
        write(digits) { CivilDate.digits(magnitude, digits, UnsafeMutableBufferPointer(start: $0, count: digits), 0) }
    }

    /// Appends `count` bytes that `body` writes in place.
    @inlinable @inline(__always)
    public func write(_ count: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Void) {
        if used + count > capacity { grow(toFit: count) }
        body(base + used)
        used += count
    }

    /// Appends what `body` writes in place, at most `maxCount` bytes; `body` returns how many.
    @inlinable @inline(__always)
    public func write(upTo maxCount: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        if used + maxCount > capacity { grow(toFit: maxCount) }
        used += body(base + used)
    }

    /// Drops the bytes from `count` on.
    @inlinable
    public func truncate(to count: Int) {
        used = min(used, max(count, 0))
    }

    public func removeAll() { used = 0 }

    /// The bytes in `range`, valid until the next change.
    @inlinable
    public subscript(range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
    }

    public func withUnsafeBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: used))
    }

    public var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: used)) }
}
