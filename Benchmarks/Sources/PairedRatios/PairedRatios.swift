// swift-did: decentralized identity for Swift. Apache-2.0.
//
// Goal ratios measured so that machine drift cancels: each row's path and baseline run interleaved in the same
// process (A B B A …, one batch of each per pair), each pair gives a ratio, and the row's ratio is the median of the
// pairs. Two runs of the package-benchmark suite minutes apart gave 0.63×–1.20× for rows where both sides make the
// same C call; the pairs below see the same machine state within a few milliseconds.
//
//   PairedRatios [--tsv] [--seconds S] [ID-PREFIX …]   interleaved wall-clock ratios of the rows (all by default)
//   PairedRatios --list                                 row ids
//   PairedRatios --run ID path|baseline N               sets up one row, warms up, runs one side N times
//                                                       (for instruction counts under callgrind: ratios.py)

import Foundation

/// The wall-clock time of `count` calls of `operation`, in nanoseconds.
func timeBatch(_ operation: () async -> Void, count: Int) async -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<count { await operation() }
    return Double(DispatchTime.now().uptimeNanoseconds - start)
}

/// The median of a non-empty list.
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// The result of one row: medians of the per-pair values.
struct PairedResult {
    let pathNanoseconds: Double
    let baselineNanoseconds: Double
    let ratio: Double
    let ratioQuartiles: (Double, Double)
    let pairs: Int
}

/// Runs the pair interleaved for about `seconds`: batches of the same call count on both sides, the order of the
/// two sides alternating from pair to pair so that neither always runs first.
func measure(_ pair: Pair, seconds: Double) async -> PairedResult {
    for _ in 0..<3 {
        await pair.path()
        await pair.baseline()
    }
    // One batch of the slower side takes about a millisecond (at least one call).
    let single = max(await timeBatch(pair.path, count: 1), await timeBatch(pair.baseline, count: 1))
    let count = max(1, Int(1_000_000 / max(single, 1)))
    var ratios: [Double] = []
    var pathTimes: [Double] = []
    var baselineTimes: [Double] = []
    let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
    while ratios.count < 15 || (DispatchTime.now().uptimeNanoseconds < deadline && ratios.count < 2_001) {
        let path: Double
        let baseline: Double
        if ratios.count % 2 == 0 {
            path = await timeBatch(pair.path, count: count)
            baseline = await timeBatch(pair.baseline, count: count)
        } else {
            baseline = await timeBatch(pair.baseline, count: count)
            path = await timeBatch(pair.path, count: count)
        }
        ratios.append(path / baseline)
        pathTimes.append(path / Double(count))
        baselineTimes.append(baseline / Double(count))
    }
    let sorted = ratios.sorted()
    return PairedResult(
        pathNanoseconds: median(pathTimes),
        baselineNanoseconds: median(baselineTimes),
        ratio: median(ratios),
        ratioQuartiles: (sorted[sorted.count / 4], sorted[(sorted.count * 3) / 4]),
        pairs: ratios.count
    )
}

/// A duration for the table.
func format(_ nanoseconds: Double) -> String {
    nanoseconds >= 1_000 ? String(format: "%.2f µs", nanoseconds / 1_000) : String(format: "%.0f ns", nanoseconds)
}

@main
enum PairedRatios {
    static func main() async {
        var arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "--list" {
            for factory in allPairs() { print(factory.id) }
            return
        }
        if arguments.first == "--run" {
            guard arguments.count == 4, let factory = allPairs().first(where: { $0.id == arguments[1] }),
                let count = Int(arguments[3]), ["path", "baseline"].contains(arguments[2])
            else {
                FileHandle.standardError.write(Data("usage: PairedRatios --run ID path|baseline N\n".utf8))
                exit(2)
            }
            let pair = factory.make()
            let operation = arguments[2] == "path" ? pair.path : pair.baseline
            for _ in 0..<2 { await operation() }
            for _ in 0..<count { await operation() }
            return
        }
        var tsv = false
        var seconds = 1.5
        var prefixes: [String] = []
        while !arguments.isEmpty {
            let argument = arguments.removeFirst()
            switch argument {
            case "--tsv": tsv = true
            case "--seconds": seconds = Double(arguments.removeFirst()) ?? seconds
            default: prefixes.append(argument)
            }
        }
        let factories = allPairs().filter { factory in
            prefixes.isEmpty || prefixes.contains { factory.id.hasPrefix($0) }
        }
        if !tsv {
            print("| goal | path | median | baseline | median | ratio (median of pairs) | IQR | pairs | target |")
            print("| --- | --- | ---: | --- | ---: | ---: | --- | ---: | --- |")
        }
        for factory in factories {
            let pair = factory.make()
            let result = await measure(pair, seconds: seconds)
            let fields = [
                factory.id, pair.goal, pair.name, String(result.pathNanoseconds), pair.baselineName,
                String(result.baselineNanoseconds), String(result.ratio), String(result.ratioQuartiles.0),
                String(result.ratioQuartiles.1), String(result.pairs), pair.target,
            ]
            if tsv {
                print(fields.joined(separator: "\t"))
            } else {
                let row = [
                    pair.goal, pair.name, format(result.pathNanoseconds), pair.baselineName,
                    format(result.baselineNanoseconds), String(format: "%.2f×", result.ratio),
                    String(format: "%.2f–%.2f", result.ratioQuartiles.0, result.ratioQuartiles.1),
                    String(result.pairs), pair.target,
                ]
                print("| " + row.joined(separator: " | ") + " |")
            }
            fflush(nil)
        }
    }
}
