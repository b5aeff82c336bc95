// swift-did: decentralized identity for Swift. Apache-2.0.

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A progress bar for long runs (`did migrate export`, `verify`): items done, rate and ETA on one stderr line,
/// redrawn at most ten times a second, and only when both stderr and stdout are terminals — otherwise it writes
/// nothing at all, so piped and captured output stays clean.
final class ProgressBar: @unchecked Sendable {
    /// The shortest time between two redraws (10 updates per second).
    static let interval: Duration = .milliseconds(100)

    private let label: String
    private let lock = NSLock()
    private let write: (String) -> Void
    private let clock: @Sendable () -> Duration
    private let start: Duration
    private var lastDraw: Duration?
    private var total: Int?
    private var done = 0
    private var drawn = false
    /// Whether anything is drawn at all.
    let isEnabled: Bool

    /// Creates a bar.
    /// - Parameters:
    ///   - label: What is counted (`verifying`, `reading`).
    ///   - total: The number of items expected, when known (then a bar and an ETA are shown).
    ///   - enabled: Whether to draw; by default only when stderr and stdout are both terminals.
    ///   - clock: The time since a fixed point, for the redraw throttle and the rate; the monotonic clock by default
    ///     (tests inject a clock they move by hand).
    ///   - write: Where the text goes; stderr by default.
    init(
        _ label: String,
        total: Int? = nil,
        enabled: Bool = ProgressBar.terminalAttached,
        clock: @escaping @Sendable () -> Duration = ProgressBar.monotonicNow,
        write: @escaping (String) -> Void = { text in _ = writeAll(Array(text.utf8), to: STDERR_FILENO) }
    ) {
        self.label = label
        self.total = total
        self.isEnabled = enabled
        self.clock = clock
        self.write = write
        start = clock()
    }

    /// The monotonic clock (`ContinuousClock`) as the time since the first use.
    @Sendable
    static func monotonicNow() -> Duration { ContinuousClock.now - monotonicOrigin }

    private static let monotonicOrigin = ContinuousClock.now

    /// Whether stderr and stdout are both terminals (`isatty`).
    static var terminalAttached: Bool { isatty(STDERR_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

    /// Sets the number of items expected.
    func setTotal(_ total: Int?) {
        lock.withLock { self.total = total }
    }

    /// Records that `done` items are finished; redraws when the last redraw is at least ``interval`` old.
    func update(_ done: Int) {
        guard isEnabled else { return }
        lock.withLock {
            self.done = done
            let now = clock()
            if let lastDraw, now - lastDraw < Self.interval { return }
            lastDraw = now
            draw(now: now)
        }
    }

    /// Adds `count` finished items.
    func advance(by count: Int = 1) {
        guard isEnabled else { return }
        let current = lock.withLock { done }
        update(current + count)
    }

    /// Shows a fixed status line (a phase without item counts, such as writing the bundle), cut to the terminal's
    /// width; ``finish()`` clears it.
    func show(_ text: String) {
        guard isEnabled else { return }
        lock.withLock {
            write("\r" + String(text.prefix(max(Self.terminalWidth() - 1, 0))) + "\u{1B}[K")
            drawn = true
        }
    }

    /// Clears the line, so that whatever is printed next starts on a clean line.
    func finish() {
        guard isEnabled else { return }
        lock.withLock {
            if drawn { write("\r\u{1B}[K") }
            drawn = false
        }
    }

    private func draw(now: Duration) {
        let elapsed = now - start
        let (seconds, attoseconds) = elapsed.components
        let line = Self.line(
            label: label,
            done: done,
            total: total,
            elapsed: Double(seconds) + Double(attoseconds) / 1e18,
            width: Self.terminalWidth()
        )
        write("\r" + line + "\u{1B}[K")
        drawn = true
    }

    /// The terminal's width in columns, 80 when it cannot be asked.
    private static func terminalWidth() -> Int {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    /// The text of one progress line (a pure function, unit-tested):
    /// `label  12,345/100,000 [#####.........]  12%  4,321/s  ETA 0:20`, or without a total
    /// `label  12,345  4,321/s`. The line never exceeds `width - 1` characters (the bar shrinks, then goes).
    /// - Parameters:
    ///   - label: What is counted.
    ///   - done: Items finished.
    ///   - total: Items expected, when known.
    ///   - elapsed: Seconds since the start.
    ///   - width: The terminal width.
    /// - Returns: The line, without control characters.
    static func line(label: String, done: Int, total: Int?, elapsed: Double, width: Int = 80) -> String {
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let rateText = "\(grouped(Int(rate.rounded())))/s"
        guard let total, total > 0 else {
            return String("\(label)  \(grouped(done))  \(rateText)".prefix(max(width - 1, 0)))
        }
        let clamped = min(max(done, 0), total)
        let fraction = Double(clamped) / Double(total)
        let percent = "\(Int((fraction * 100).rounded(.down)))%"
        let eta: String
        if clamped >= total {
            eta = "ETA 0:00"
        } else if rate > 0 {
            eta = "ETA " + duration(Double(total - clamped) / rate)
        } else {
            eta = "ETA --:--"
        }
        let counts = "\(grouped(done))/\(grouped(total))"
        let tail = "  \(percent)  \(rateText)  \(eta)"
        let fixed = label.count + 2 + counts.count + tail.count
        let barWidth = min(30, width - 1 - fixed - 3)
        if barWidth >= 5 {
            let filled = Int((fraction * Double(barWidth)).rounded(.down))
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: barWidth - filled)
            return "\(label)  \(counts) [\(bar)]\(tail)"
        }
        return String("\(label)  \(counts)\(tail)".prefix(max(width - 1, 0)))
    }

    /// `1234567` → `1,234,567`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return value < 0 ? "-" + result : result
    }

    /// Seconds as `m:ss`, or `h:mm:ss` from an hour on.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds < 360_000 else { return "--:--" }
        let whole = Int(seconds.rounded(.up))
        let (hours, minutes, rest) = (whole / 3600, whole / 60 % 60, whole % 60)
        let two = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(hours):\(two(minutes)):\(two(rest))" : "\(minutes):\(two(rest))"
    }
}
