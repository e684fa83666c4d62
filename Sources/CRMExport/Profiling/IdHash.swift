/// A fast 64-bit hash of bytes for tables that live only in memory (objectIds, memoised inputs):
/// eight or sixteen bytes at a time, folded through 128-bit products (after wyhash). Not stable
/// across versions: anything stored uses `StableHash`.
public enum IdHash {
    private static let secret: (UInt64, UInt64, UInt64) = (0xa076_1d64_78bd_642f, 0xe703_7ed1_a0b4_28db, 0x8ebc_6af0_9c88_c6e3)

    @inline(__always)
    private static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (high, low) = a.multipliedFullWidth(by: b)
        return high ^ low
    }

    @inline(__always)
    private static func load64(_ pointer: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: pointer.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inline(__always)
    private static func load32(_ pointer: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(UInt32(littleEndian: pointer.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    }

    @inlinable @inline(__always)
    public static func hash(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { hash($0) }
    }

    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let count = bytes.count
        var seed = secret.0 ^ UInt64(truncatingIfNeeded: count) &* secret.1
        guard count > 0, let base = bytes.baseAddress else { return mix(seed ^ secret.1, secret.2) }
        let pointer = UnsafeRawPointer(base)
        var a: UInt64, b: UInt64
        if count <= 16 {
            if count >= 8 {
                a = load64(pointer, 0)
                b = load64(pointer, count - 8)
            } else if count >= 4 {
                a = load32(pointer, 0) << 32 | load32(pointer, count - 4)
                b = 0
            } else {
                a = UInt64(base[0]) << 16 | UInt64(base[count >> 1]) << 8 | UInt64(base[count - 1])
                b = 0
            }
        } else {
            var offset = 0
            while count - offset > 16 {
                seed = mix(load64(pointer, offset) ^ secret.1, load64(pointer, offset + 8) ^ seed)
                offset += 16
            }
            a = load64(pointer, count - 16)
            b = load64(pointer, count - 8)
        }
        return mix(secret.1 ^ UInt64(truncatingIfNeeded: count), mix(a ^ secret.1, b ^ seed))
    }
}
