/// Distinct-count estimate in 4 KiB per column (HyperLogLog, 4096 registers, about 1.6% error).
public struct HyperLogLog: Sendable {
    private var registers = [UInt8](repeating: 0, count: 4096)

    public init() {}

    public mutating func insert(_ hash: UInt64) {
        let index = Int(hash >> 52)
        let rest = hash << 12 | (1 << 11)
        let rank = UInt8(rest.leadingZeroBitCount + 1)
        if rank > registers[index] { registers[index] = rank }
    }

    /// The estimator of the union of both sets.
    public mutating func merge(_ other: HyperLogLog) {
        for index in registers.indices where other.registers[index] > registers[index] { registers[index] = other.registers[index] }
    }

    public var estimate: Int {
        let m = Double(registers.count)
        var sum = 0.0
        var zeros = 0
        for register in registers {
            sum += 1.0 / Double(1 << register)
            if register == 0 { zeros += 1 }
        }
        let raw = 0.7213 / (1 + 1.079 / m) * m * m / sum
        if raw <= 2.5 * m && zeros > 0 { return Int((m * log(m / Double(zeros))).rounded()) }
        return Int(raw.rounded())
    }

    private func log(_ value: Double) -> Double {
        // Natural log without Foundation: ln(x) = 2 atanh((x-1)/(x+1)).
        let y = (value - 1) / (value + 1)
        var term = y, sum = 0.0, power = 1.0
        for _ in 0..<60 {
            sum += term / power
            term *= y * y
            power += 2
        }
        return 2 * sum
    }
}

/// A stable 64-bit hash of bytes (FNV-1a folded through a final mix), the same in every process.
public enum StableHash {
    @inline(__always)
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x100000001b3
        }
        return finalMix(hash)
    }

    /// MurmurHash3's 64-bit finaliser: every input bit reaches every output bit.
    @inline(__always)
    public static func finalMix(_ value: UInt64) -> UInt64 {
        var hash = value
        hash ^= hash >> 33
        hash &*= 0xff51afd7ed558ccd
        hash ^= hash >> 33
        hash &*= 0xc4ceb9fe1a85ec53
        hash ^= hash >> 33
        return hash
    }

    public static func hash(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { hash($0) }
    }
}
