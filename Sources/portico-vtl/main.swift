// portico-vtl: renders mapping-template cases in the VTL oracle's JSONL format.
//
//   portico-vtl [FILE]                         one result line per case (stdin by default)
//   portico-vtl --check [FILE]                 compare with each case's "expect"
//   portico-vtl --bench [--seconds S] FILE     render throughput, templates compiled once

import Foundation
import JSONPath
import MappingTemplates
import VTL

enum Mode { case render, check, bench }

var mode = Mode.render
var file: String?
var seconds = 10.0
var fixedRounds: Int?
var arguments = Array(CommandLine.arguments.dropFirst())
var index = 0
while index < arguments.count {
    let a = arguments[index]
    switch a {
    case "--check": mode = .check
    case "--bench": mode = .bench
    case "--rounds":
        // Hidden: a fixed number of rounds instead of a duration (for instruction counting).
        index += 1
        fixedRounds = index < arguments.count ? Int(arguments[index]) : nil
    case "--seconds":
        index += 1
        guard index < arguments.count, let s = Double(arguments[index]), s > 0 else {
            FileHandle.standardError.write(Data("portico-vtl: --seconds needs a positive number\n".utf8))
            exit(2)
        }
        seconds = s
    case "-h", "--help":
        print("usage: portico-vtl [--check] [FILE.jsonl]\n       portico-vtl --bench [--seconds S] FILE.jsonl")
        exit(0)
    default:
        if a.hasPrefix("-") && a != "-" {
            FileHandle.standardError.write(Data("portico-vtl: unknown option \(a)\n".utf8))
            exit(2)
        }
        file = a == "-" ? nil : a
    }
    index += 1
}

let input: Data
if let file {
    guard let d = FileManager.default.contents(atPath: file) else {
        FileHandle.standardError.write(Data("portico-vtl: cannot read \(file)\n".utf8))
        exit(2)
    }
    input = d
} else {
    input = FileHandle.standardInput.readDataToEndOfFile()
}

/// Cases of the input: one JSON object per line, or (like the oracle) a single
/// pretty-printed case or an array of cases when the first line is not a whole object.
func readCases(_ text: String) -> [JSONValue?] {
    let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        .filter { !$0.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) }
    var cases: [JSONValue?] = []
    for (i, line) in lines.enumerated() {
        if let v = try? JSONReader.parse(String(line)), case .object = v {
            cases.append(v)
            continue
        }
        if i == 0, let whole = try? JSONReader.parse(text) {
            switch whole {
            case .object: return [whole]
            case .array(let items): return items.map { if case .object = $0 { return $0 } else { return nil } }
            default: break
            }
        }
        cases.append(nil)
    }
    return cases
}

let cases = readCases(String(decoding: input, as: UTF8.self))

switch mode {
case .render:
    var out = ""
    for c in cases {
        out += OracleCase.resultLine(OracleCase.run(c), id: c?["id"]) + "\n"
        if out.utf8.count > 1 << 16 {
            FileHandle.standardOutput.write(Data(out.utf8))
            out = ""
        }
    }
    FileHandle.standardOutput.write(Data(out.utf8))
case .check:
    var passed = 0
    var failed = 0
    var out = ""
    for (i, c) in cases.enumerated() {
        let result = OracleCase.run(c)
        let expect = c?["expect"]
        if OracleCase.matches(result, expect) {
            passed += 1
        } else {
            failed += 1
            let id = c?["id"].flatMap { if case .string(let s) = $0 { return s } else { return nil } } ?? "case \(i + 1)"
            out += "FAIL \(id)\n  expect: \(expect.map { JSONWriter.write($0) } ?? "null")\n  actual: \(OracleCase.resultLine(result, id: nil))\n"
        }
    }
    out += "\(passed) passed, \(failed) failed\n"
    FileHandle.standardOutput.write(Data(out.utf8))
    exit(failed > 0 ? 1 : 0)
case .bench:
    let report = Bench.run(cases: cases, file: file ?? "-", seconds: seconds, fixedRounds: fixedRounds)
    FileHandle.standardOutput.write(Data(report.utf8))
}
