/// An area of the screen in cells: columns `x..<maxX`, rows `y..<maxY`.
public struct Rect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public init(_ size: Size) { self.init(x: 0, y: 0, width: size.width, height: size.height) }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }
    public var size: Size { Size(width: width, height: height) }

    public func contains(x column: Int, y row: Int) -> Bool { (x..<maxX).contains(column) && (y..<maxY).contains(row) }

    /// The area less `amount` cells on every side.
    public func inset(by amount: Int) -> Rect { inset(horizontal: amount, vertical: amount) }

    public func inset(horizontal: Int, vertical: Int) -> Rect {
        Rect(x: x + horizontal, y: y + vertical, width: width - 2 * horizontal, height: height - 2 * vertical)
    }

    /// A `width` x `height` area centred in this one (clipped to it).
    public func centered(width: Int, height: Int) -> Rect {
        let width = min(width, self.width), height = min(height, self.height)
        return Rect(x: x + (self.width - width) / 2, y: y + (self.height - height) / 2, width: width, height: height)
    }

    /// The first `count` rows and the rest.
    public func splitTop(_ count: Int) -> (top: Rect, rest: Rect) {
        let count = min(max(0, count), height)
        return (Rect(x: x, y: y, width: width, height: count), Rect(x: x, y: y + count, width: width, height: height - count))
    }

    /// The last `count` rows and the rest.
    public func splitBottom(_ count: Int) -> (rest: Rect, bottom: Rect) {
        let count = min(max(0, count), height)
        return (Rect(x: x, y: y, width: width, height: height - count), Rect(x: x, y: maxY - count, width: width, height: count))
    }

    /// The first `count` columns and the rest.
    public func splitLeft(_ count: Int) -> (left: Rect, rest: Rect) {
        let count = min(max(0, count), width)
        return (Rect(x: x, y: y, width: count, height: height), Rect(x: x + count, y: y, width: width - count, height: height))
    }

    public enum Axis: Sendable { case horizontal, vertical }

    /// How much of an axis a part takes: a fixed count, a percentage of the whole, or a share of
    /// what is left after fixed and percentage parts.
    public enum Length: Hashable, Sendable {
        case fixed(Int)
        case percent(Int)
        case fill(Int = 1)
    }

    /// Splits along `axis` into parts sized by `lengths`; parts that do not fit are empty.
    public func split(_ axis: Axis, _ lengths: [Length]) -> [Rect] {
        let total = axis == .horizontal ? width : height
        var sizes = lengths.map { length -> Int in
            switch length {
            case .fixed(let count): count
            case .percent(let share): total * share / 100
            case .fill: 0
            }
        }
        let fixed = sizes.reduce(0, +)
        let weights = lengths.map { if case .fill(let weight) = $0 { max(0, weight) } else { 0 } }
        let weightSum = weights.reduce(0, +)
        if weightSum > 0 {
            var left = max(0, total - fixed)
            for (index, weight) in weights.enumerated() where weight > 0 {
                let remainingWeight = weights[index...].reduce(0, +)
                let share = remainingWeight == 0 ? 0 : left * weight / remainingWeight
                sizes[index] = share
                left -= share
            }
        }
        var offset = 0
        return sizes.map { size in
            let start = min(offset, total), length = max(0, min(size, total - start))
            offset += size
            return axis == .horizontal ? Rect(x: x + start, y: y, width: length, height: height) : Rect(x: x, y: y + start, width: width, height: length)
        }
    }
}
