import Foundation
import JSONPath
import MappingTemplates
import VTL

/// Render throughput, like the oracle's `--bench --mode parsed_once`: every case whose
/// template compiles is rendered round-robin (templates compiled once, a fresh `$input`,
/// `$util`, `$context` and `$stageVariables` per render, the payload parsed on first use),
/// first for a third of the time as warm-up, then measured.
enum Bench {
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    static func run(cases: [JSONValue?], file: String, seconds: Double, fixedRounds: Int? = nil) -> String {
        var items: [(template: MappingTemplate, context: MappingContext)] = []
        var ids: [String] = []
        var skipped = 0
        var runtimeErrors = 0
        for c in cases {
            guard let p = OracleCase.prepare(c), case .success(let t) = p.template else {
                skipped += 1
                continue
            }
            if (try? t.render(p.context)) == nil { runtimeErrors += 1 }
            items.append((t, p.context))
            if case .string(let id)? = c?["id"] { ids.append(id) } else { ids.append("?") }
        }
        var out = "file \(file)\ncases \(items.count)\nskipped \(skipped)  (no template, or the template does not parse)\n"
        out += "runtime_errors \(runtimeErrors)  (rendered until the error; included)\n"
        out += "warmup_s \(fmt(seconds / 3))  measure_s \(fmt(seconds))\n"
        guard !items.isEmpty else { return out }
        var sink = 0
        var perCase = [UInt64](repeating: 0, count: items.count)

        func loop(_ duration: Double, record: Bool) -> Int {
            let end = now() + UInt64(duration * 1e9)
            var renders = 0
            var t0 = now()
            while t0 < end {
                for i in items.indices {
                    if let r = try? items[i].template.render(items[i].context) {
                        sink &+= r.output.utf8.count
                    } else {
                        sink &+= 1
                    }
                    let t1 = now()
                    if record { perCase[i] &+= t1 - t0 }
                    t0 = t1
                }
                renders += items.count
            }
            return renders
        }

        if let fixedRounds {
            for _ in 0..<fixedRounds {
                for i in items.indices {
                    if let r = try? items[i].template.render(items[i].context) { sink &+= r.output.utf8.count }
                }
            }
            return out + "rounds \(fixedRounds)\nrenders \(fixedRounds * items.count)\n" + (sink == 42 ? "\n" : "")
        }
        _ = loop(seconds / 3, record: false)
        let start = now()
        let renders = loop(seconds, record: true)
        let elapsed = Double(now() - start) / 1e9
        let rounds = renders / items.count
        out += "mode parsed_once\n"
        out += "renders_per_s \(Int((Double(renders) / elapsed).rounded()))\n"
        out += "us_per_render \(fmt(elapsed * 1e6 / Double(renders)))\n"
        out += "rounds \(rounds)\n"
        let means = perCase.map { Double($0) / 1e3 / Double(max(rounds, 1)) }.sorted()
        let n = means.count
        let median = n % 2 == 1 ? means[n / 2] : (means[n / 2 - 1] + means[n / 2]) / 2
        out += "median_case_us \(fmt(median))\n"
        if ProcessInfo.processInfo.environment["VTL_BENCH_DETAIL"] != nil {
            let slowest = perCase.indices.sorted { perCase[$0] > perCase[$1] }.prefix(25)
            for i in slowest {
                out += "case \(ids[i]) \(fmt(Double(perCase[i]) / 1e3 / Double(max(rounds, 1)))) us\n"
            }
        }
        if sink == 42 { out += "\n" }
        return out
    }

    static func fmt(_ d: Double) -> String {
        String(format: d >= 100 ? "%.0f" : (d >= 10 ? "%.1f" : "%.2f"), d)
    }
}
