import APIGatewayModel
import Foundation
import Synchronization

/// Where access log lines go, and the task that writes them off the request path.
///
/// AWS sends a stage's access log to the CloudWatch Logs group (or Firehose stream) its
/// `destinationArn` names; Portico writes one file per log group (`--access-log-dir`: the
/// group's name with every character but letters, digits, `.`, `_` and `-` made `_`, plus
/// `.log`), or every line to standard output (`--access-log-stdout`). An invocation renders its
/// line (about 61,000 instructions for a 12-variable JSON format, by callgrind) and appends it to
/// a bounded queue under a lock; a writer task drains the queue every `batchWindow` while lines
/// arrive and writes each destination's lines in one `write`. When the queue is full
/// the line is dropped and counted (reported on standard error), so a slow disk never holds
/// requests up and memory stays bounded.
public final class AccessLogWriter: Sendable {
    public enum Destination: Sendable, Equatable {
        /// One file per log group in this directory.
        case directory(String)
        case standardOutput
    }

    private struct Queue {
        var lines: [(file: String, line: String)] = []
        /// Lines accepted and lines dropped since start.
        var accepted = 0
        var dropped = 0
        var written = 0
    }

    public let destination: Destination
    let capacity: Int
    /// How long the writer gathers lines after the first of a batch arrives.
    static let batchWindow = Duration.milliseconds(20)
    private let queue = Mutex(Queue())
    /// Compiled formats by their text, and file names by destination ARN: a stage's rarely
    /// change, so each is worked out once, not per line.
    private let formats = DerivedCache<AccessLogFormat>(AccessLogFormat.init)
    private let files = DerivedCache<String>(AccessLogWriter.fileName(forDestination:))
    private let wake: AsyncStream<Void>.Continuation

    public init(destination: Destination, capacity: Int = 10_000) {
        self.destination = destination
        self.capacity = capacity
        let (stream, wake) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        self.wake = wake
        Task.detached { [weak self] in
            var files = OpenFiles(destination: destination)
            var reportedDrops = 0
            for await _ in stream {
                // Lines arriving in the next moment join this batch: under load the task wakes
                // and writes a few dozen times a second, not once per request.
                try? await Task.sleep(for: AccessLogWriter.batchWindow)
                guard let self else { return }
                self.drain(into: &files, reportedDrops: &reportedDrops)
            }
        }
    }

    /// Writes every queued line (the writer task only).
    private func drain(into files: inout OpenFiles, reportedDrops: inout Int) {
        let batch = queue.withLock { queue -> [(file: String, line: String)] in
            var taken: [(file: String, line: String)] = []
            taken.reserveCapacity(queue.lines.count)
            swap(&taken, &queue.lines)
            return taken
        }
        files.append(batch)
        let dropped = queue.withLock { queue -> Int in
            queue.written += batch.count
            return queue.dropped
        }
        if dropped > reportedDrops {
            FileHandle.standardError.write(Data("portico: access log queue full: \(dropped - reportedDrops) lines dropped\n".utf8))
            reportedDrops = dropped
        }
    }

    deinit { wake.finish() }

    /// Renders the invocation's line in its stage's format and queues it for writing.
    func submit(settings: AccessLogSettings, context: InvocationContext, response: InvocationResponse, error: GatewayError?) {
        let record = AccessLogRecord(settings: settings, context: context, response: response, error: error)
        let line = record.line(formats[record.format])
        let file = files[record.destinationArn]
        let accepted = queue.withLock { queue -> Bool in
            guard queue.lines.count < capacity else {
                queue.dropped += 1
                return false
            }
            queue.lines.append((file, line))
            queue.accepted += 1
            return true
        }
        if accepted { wake.yield() }
    }

    /// Lines dropped because the queue was full, since start.
    public var dropped: Int { queue.withLock { $0.dropped } }

    /// Waits until every line queued so far is written (tests; shutdown).
    public func flush() async {
        let target = queue.withLock { $0.accepted }
        while queue.withLock({ $0.written }) < target {
            wake.yield()
            try? await Task.sleep(for: .milliseconds(1))
        }
    }

    /// The file a destination's lines go to: its log group (CloudWatch Logs) or delivery
    /// stream (Firehose) name, sanitised, plus `.log`.
    static func fileName(forDestination arn: String) -> String {
        var name = Substring(arn)
        if let range = arn.range(of: ":log-group:") {
            name = arn[range.upperBound...]
            if let colon = name.firstIndex(of: ":") { name = name[..<colon] }
        } else if let range = arn.range(of: ":deliverystream/") {
            name = arn[range.upperBound...]
        }
        var sanitized = String(
            String.UnicodeScalarView(
                name.unicodeScalars.map { scalar in
                    switch scalar {
                    case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-": scalar
                    default: "_"
                    }
                }))
        if sanitized.isEmpty { sanitized = "access" }
        // Never `.`, `..` or a hidden file.
        if sanitized.hasPrefix(".") { sanitized = "_" + sanitized.dropFirst() }
        return String(sanitized.prefix(200)) + ".log"
    }
}

/// Values derived from a string key, kept under a lock; emptied when more than 256 keys pile up.
private final class DerivedCache<Value: Sendable>: Sendable {
    private let derive: @Sendable (String) -> Value
    private let entries = Mutex<[String: Value]>([:])

    init(_ derive: @escaping @Sendable (String) -> Value) {
        self.derive = derive
    }

    subscript(key: String) -> Value {
        if let hit = entries.withLock({ $0[key] }) { return hit }
        let value = derive(key)
        entries.withLock { cache in
            if cache.count >= 256 { cache.removeAll() }
            cache[key] = value
        }
        return value
    }
}

/// The writer task's open files (appended to, kept open).
private struct OpenFiles {
    let destination: AccessLogWriter.Destination
    var descriptors: [String: Int32] = [:]
    var failed: Set<String> = []

    init(destination: AccessLogWriter.Destination) {
        self.destination = destination
    }

    mutating func append(_ batch: [(file: String, line: String)]) {
        var byFile: [String: [UInt8]] = [:]
        for (file, line) in batch {
            byFile[file, default: []].append(contentsOf: line.utf8)
            byFile[file, default: []].append(0x0A)
        }
        for (file, bytes) in byFile {
            guard let fd = descriptor(file) else { continue }
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if n <= 0 { break }
                    offset += n
                }
            }
        }
    }

    private mutating func descriptor(_ file: String) -> Int32? {
        switch destination {
        case .standardOutput: return 1
        case .directory(let directory):
            if let fd = descriptors[file] { return fd }
            if failed.contains(file) { return nil }
            let path = directory.hasSuffix("/") ? directory + file : directory + "/" + file
            let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                failed.insert(file)
                FileHandle.standardError.write(Data("portico: cannot open access log \(path)\n".utf8))
                return nil
            }
            descriptors[file] = fd
            return fd
        }
    }
}
