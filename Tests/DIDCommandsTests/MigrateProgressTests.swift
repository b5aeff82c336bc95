// swift-did: decentralized identity for Swift. Apache-2.0.

import Foundation
import Synchronization
import Testing

@testable import DIDCommands

/// Collects what a progress bar writes.
final class ProgressSink: Sendable {
    private let texts = Mutex<[String]>([])
    var written: [String] { texts.withLock { $0 } }
    func write(_ text: String) { texts.withLock { $0.append(text) } }
}

/// A clock the test moves by hand, for the progress bar's throttle.
final class ManualProgressClock: Sendable {
    private let elapsed = Mutex<Duration>(.zero)
    @Sendable func now() -> Duration { elapsed.withLock { $0 } }
    func advance(_ duration: Duration) { elapsed.withLock { $0 += duration } }
}

@Suite("did migrate progress bar (Support/Progress.swift)")
struct MigrateProgressTests {
    @Test("items, bar, percent, rate and ETA on one line that fits the terminal")
    func lineWithTotal() {
        let line = ProgressBar.line(label: "verifying", done: 250_000, total: 1_000_000, elapsed: 10, width: 100)
        #expect(line == "verifying  250,000/1,000,000 [#######.......................]  25%  25,000/s  ETA 0:30")
        #expect(line.count <= 99)
        let narrow = ProgressBar.line(label: "verifying", done: 250_000, total: 1_000_000, elapsed: 10, width: 70)
        #expect(narrow.count <= 69, "\(narrow)")
        #expect(narrow.hasPrefix("verifying  250,000/1,000,000 ["), "\(narrow)")
        #expect(narrow.hasSuffix("]  25%  25,000/s  ETA 0:30"), "\(narrow)")
        let tiny = ProgressBar.line(label: "verifying", done: 250_000, total: 1_000_000, elapsed: 10, width: 30)
        #expect(tiny.count <= 29 && !tiny.contains("["), "\(tiny)")
        let done = ProgressBar.line(label: "v", done: 10, total: 10, elapsed: 2, width: 80)
        #expect(done.hasSuffix("100%  5/s  ETA 0:00"), "\(done)")
        let start = ProgressBar.line(label: "v", done: 0, total: 10, elapsed: 0, width: 80)
        #expect(start.hasSuffix("0%  0/s  ETA --:--"), "\(start)")
        let hours = ProgressBar.line(label: "v", done: 1, total: 10_000, elapsed: 1, width: 80)
        #expect(hours.hasSuffix("ETA 2:46:39"), "\(hours)")
    }

    @Test("without a total: items and rate only")
    func lineWithoutTotal() {
        #expect(
            ProgressBar.line(label: "reading", done: 1_234_567, total: nil, elapsed: 2)
                == "reading  1,234,567  617,284/s"
        )
        #expect(ProgressBar.grouped(0) == "0")
        #expect(ProgressBar.grouped(999) == "999")
        #expect(ProgressBar.grouped(1000) == "1,000")
        #expect(ProgressBar.grouped(-12345) == "-12,345")
        #expect(ProgressBar.duration(59.2) == "1:00")
        #expect(ProgressBar.duration(.infinity) == "--:--")
    }

    @Test("not a terminal → nothing is written at all")
    func silentWhenNotATerminal() {
        let sink = ProgressSink()
        let bar = ProgressBar("verifying", total: 100, enabled: false, write: sink.write)
        for index in 0...100 { bar.update(index) }
        bar.advance(by: 5)
        bar.show("writing the bundle")
        bar.finish()
        #expect(sink.written.isEmpty)
        // Tests run with stdout and stderr captured: the default is off.
        #expect(!ProgressBar.terminalAttached)
        #expect(!ProgressBar("x").isEnabled)
    }

    @Test("on a terminal, redraws are throttled to about 10 per second and the line is cleared at the end")
    func throttled() {
        let sink = ProgressSink()
        let time = ManualProgressClock()
        let bar = ProgressBar("verifying", total: 1000, enabled: true, clock: time.now, write: sink.write)
        for index in 0..<1000 { bar.update(index) }
        #expect(sink.written.count == 1, "\(sink.written)")
        time.advance(.milliseconds(99))
        bar.update(999)
        #expect(sink.written.count == 1, "less than 100 ms after the last redraw: no redraw")
        time.advance(.milliseconds(21))
        bar.update(1000)
        #expect(sink.written.count == 2)
        #expect(sink.written.allSatisfy { $0.hasPrefix("\r") && $0.hasSuffix("\u{1B}[K") })
        #expect(sink.written.last?.contains("1,000/1,000") == true, "\(sink.written)")
        bar.finish()
        #expect(sink.written.last == "\r\u{1B}[K")
        let count = sink.written.count
        bar.finish()
        #expect(sink.written.count == count, "a second finish writes nothing")
        bar.show("writing the bundle")
        #expect(sink.written.last == "\rwriting the bundle\u{1B}[K")
        bar.finish()
        #expect(sink.written.last == "\r\u{1B}[K")
    }
}
