import Crypto
import Foundation

/// Deployment packages: a `ZipFile` checked against AWS's limits and unpacked into the data
/// directory, or a local directory used in place (`S3Bucket` `hot-reload`).
/// https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
enum CodePackage {
    /// 50 MB zipped (AWS: "Zipped size must be smaller than 52428800 bytes").
    static let maxZipped = 52_428_800
    /// 250 MB unzipped (AWS: "Unzipped size must be smaller than 262144000 bytes").
    static let maxUnzipped = 262_144_000
    static let badZip = "Could not unzip uploaded file. Please check your file, then try to upload again."

    /// The SHA-256 of `bytes`, base64 (Lambda's `CodeSha256`).
    static func sha256(_ bytes: [UInt8]) -> String {
        Data(SHA256.hash(data: bytes)).base64EncodedString()
    }

    /// One entry of a zip's central directory.
    struct Entry {
        var name: String
        var uncompressedSize: UInt64
        var isSymlink: Bool
    }

    /// Reads the central directory; nil when `zip` is not a zip archive.
    static func entries(_ zip: [UInt8]) -> [Entry]? {
        func u16(_ at: Int) -> Int { Int(zip[at]) | Int(zip[at + 1]) << 8 }
        func u32(_ at: Int) -> UInt64 { UInt64(u16(at)) | UInt64(u16(at + 2)) << 16 }
        guard zip.count >= 22 else { return nil }
        var eocd = -1
        var at = zip.count - 22
        let lowest = max(0, zip.count - 22 - 65_535)
        while at >= lowest {
            if zip[at] == 0x50, zip[at + 1] == 0x4b, zip[at + 2] == 0x05, zip[at + 3] == 0x06 {
                eocd = at
                break
            }
            at -= 1
        }
        guard eocd >= 0 else { return nil }
        let count = u16(eocd + 10)
        var offset = Int(u32(eocd + 16))
        var out: [Entry] = []
        out.reserveCapacity(count)
        for _ in 0..<count {
            guard offset + 46 <= zip.count, u32(offset) == 0x0201_4b50 else { return nil }
            let madeBy = u16(offset + 4) >> 8
            let size = u32(offset + 24)
            let nameLength = u16(offset + 28)
            let extraLength = u16(offset + 30)
            let commentLength = u16(offset + 32)
            let external = u32(offset + 38)
            guard offset + 46 + nameLength <= zip.count else { return nil }
            let name = String(decoding: zip[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
            let mode = (external >> 16) & 0o170000
            out.append(Entry(name: name, uncompressedSize: size, isSymlink: madeBy == 3 && mode == 0o120000))
            offset += 46 + nameLength + extraLength + commentLength
        }
        return out
    }

    /// Whether an entry's name stays inside the directory it is unpacked into.
    static func isContained(_ name: String) -> Bool {
        if name.hasPrefix("/") || name.hasPrefix("\\") || name.contains("\0") { return false }
        let parts = name.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        return !parts.contains("..") && !(parts.first?.hasSuffix(":") ?? false)
    }

    /// Checks `zip` and unpacks it into `directory` (created; removed again on failure).
    static func unpack(_ zip: [UInt8], into directory: String) throws(LambdaError) {
        guard zip.count < maxZipped else { throw .tooLarge("Zipped size must be smaller than \(maxZipped) bytes") }
        guard let entries = entries(zip), !entries.isEmpty else { throw .invalidParameter(badZip) }
        guard entries.allSatisfy({ isContained($0.name) }) else { throw .invalidParameter(badZip) }
        let total = entries.reduce(UInt64(0)) { $0 + $1.uncompressedSize }
        guard total < UInt64(maxUnzipped) else { throw .invalidParameter("Unzipped size must be smaller than \(maxUnzipped) bytes") }
        let files = FileManager.default
        do {
            try files.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let archive = directory + ".zip"
            try Data(zip).write(to: URL(fileURLWithPath: archive))
            defer { try? files.removeItem(atPath: archive) }
            // unzip checks each entry's CRC and size against the archive; the file-size limit
            // (1 KiB blocks) stops an entry that lies about its size at the unzipped maximum.
            let status = try run(
                "/bin/sh", ["-c", "ulimit -f \(maxUnzipped / 1024) && exec unzip -qq -o \"$0\" -d \"$1\"", archive, directory])
            guard status == 0, try symlinksStayInside(directory), try sizeOnDisk(directory) < UInt64(maxUnzipped) else {
                throw LambdaError.invalidParameter(badZip)
            }
        } catch let error as LambdaError {
            try? files.removeItem(atPath: directory)
            throw error
        } catch {
            try? files.removeItem(atPath: directory)
            throw .invalidParameter(badZip)
        }
    }

    /// Every symbolic link under `directory` resolves inside it.
    static func symlinksStayInside(_ directory: String) throws -> Bool {
        let files = FileManager.default
        let root = URL(fileURLWithPath: directory).standardizedFileURL.path
        guard let walker = files.enumerator(atPath: directory) else { return false }
        while let relative = walker.nextObject() as? String {
            let path = directory + "/" + relative
            guard let target = try? files.destinationOfSymbolicLink(atPath: path) else { continue }
            let base = (path as NSString).deletingLastPathComponent
            let resolved = URL(fileURLWithPath: target.hasPrefix("/") ? target : base + "/" + target).standardizedFileURL.path
            guard resolved == root || resolved.hasPrefix(root + "/") else { return false }
        }
        return true
    }

    static func sizeOnDisk(_ directory: String) throws -> UInt64 {
        let files = FileManager.default
        var total: UInt64 = 0
        guard let walker = files.enumerator(atPath: directory) else { return 0 }
        while let relative = walker.nextObject() as? String {
            let attributes = try files.attributesOfItem(atPath: directory + "/" + relative)
            if attributes[.type] as? FileAttributeType == .typeRegular {
                total += (attributes[.size] as? NSNumber)?.uint64Value ?? 0
            }
        }
        return total
    }

    /// Runs a short helper process to completion; its exit status.
    static func run(_ executable: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
