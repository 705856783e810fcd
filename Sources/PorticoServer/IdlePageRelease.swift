#if os(Linux)
    import Glibc
#endif

/// Gives the kernel back the pages of Portico's own code and read-only data (and its shared
/// libraries') while the server is idle (issue 10, item 8: a lean idle footprint).
///
/// Most of an idle Portico's resident set is not memory it allocated: it is pages of its own
/// executable that start-up or earlier requests touched (code, and read-only data such as type
/// metadata and ICU tables), mapped from the page cache. They stay counted in the process's RSS
/// after the work that needed them is over. When the process has been quiet (under 5 ms of CPU a
/// second) for five seconds after a busy second, this unmaps those pages with `madvise(MADV_DONTNEED)`:
/// the page cache keeps them, so the next request that needs one takes a minor fault (no disk
/// read; the kernel maps up to 64 KiB around each fault) and the resident set grows back to the
/// working set of what is actually running.
///
/// Only segments that are never written are released: loadable segments of ELF objects without
/// the write permission, minus the range the dynamic linker relocated and then made read-only
/// (`PT_GNU_RELRO`), whose pages are private copies that `MADV_DONTNEED` would discard. Writable
/// data and heap are never touched. Idleness is read from the process's CPU time
/// (`getrusage`), once a second, so requests pay nothing for it.
/// See https://man7.org/linux/man-pages/man2/madvise.2.html.
enum IdlePageRelease {
    /// Releases the read-only pages of the executable and of the shared libraries it loaded;
    /// returns the number of bytes advised.
    @discardableResult
    static func releaseCodePages() -> Int {
        #if os(Linux)
            let pageSize = UInt(sysconf(Int32(_SC_PAGESIZE)))
            var released = 0
            for range in readOnlyRanges() {
                // Whole pages inside the range only: a page shared with a writable neighbour stays.
                let start = (range.start + pageSize - 1) & ~(pageSize - 1)
                let end = range.end & ~(pageSize - 1)
                guard end > start, let address = UnsafeMutableRawPointer(bitPattern: start) else { continue }
                if madvise(address, Int(end - start), MADV_DONTNEED) == 0 { released += Int(end - start) }
            }
            return released
        #else
            return 0
        #endif
    }

    #if os(Linux)
        /// The never-written address ranges of every ELF object mapped from a file (the executable
        /// and its shared libraries): loadable segments without write permission, minus the object's
        /// RELRO range. Each object is found in `/proc/self/maps` by its mapping at file offset 0,
        /// which holds its ELF header and program headers (elf(5)).
        static func readOnlyRanges() -> [(start: UInt, end: UInt)] {
            let maps = String(decoding: readProcFile("/proc/self/maps"), as: UTF8.self)
            var seen = Set<Substring>()
            var ranges: [(start: UInt, end: UInt)] = []
            for line in maps.split(separator: "\n") {
                // address perms offset dev inode path (only the path has a slash)
                let fields = line.split(separator: " ", maxSplits: 4)
                guard fields.count == 5, fields[2] == "00000000", !fields[1].contains("w"),
                    let slash = line.firstIndex(of: "/"), seen.insert(line[slash...]).inserted
                else { continue }
                let bounds = fields[0].split(separator: "-").compactMap { UInt($0, radix: 16) }
                guard bounds.count == 2 else { continue }
                ranges += objectRanges(mappedAt: bounds[0], length: bounds[1] - bounds[0])
            }
            return ranges
        }

        /// The read-only, never-relocated ranges of the ELF object whose first page is at `start`.
        private static func objectRanges(mappedAt start: UInt, length: UInt) -> [(start: UInt, end: UInt)] {
            guard length >= 64, let header = UnsafeRawPointer(bitPattern: start),
                header.loadUnaligned(as: UInt32.self) == 0x464c_457f,  // "\u{7f}ELF"
                header.loadUnaligned(fromByteOffset: 4, as: UInt8.self) == 2  // ELFCLASS64
            else { return [] }
            let phoff = UInt(header.loadUnaligned(fromByteOffset: 0x20, as: UInt64.self))
            let entrySize = UInt(header.loadUnaligned(fromByteOffset: 0x36, as: UInt16.self))
            let count = Int(header.loadUnaligned(fromByteOffset: 0x38, as: UInt16.self))
            guard entrySize >= 56, count > 0, phoff + entrySize * UInt(count) <= length else { return [] }
            func field<T: FixedWidthInteger>(_ index: Int, _ offset: Int, _: T.Type) -> T {
                header.loadUnaligned(fromByteOffset: Int(phoff) + index * Int(entrySize) + offset, as: T.self)
            }
            let type = { (index: Int) in field(index, 0, UInt32.self) }
            let flags = { (index: Int) in field(index, 4, UInt32.self) }
            let vaddr = { (index: Int) in UInt(field(index, 16, UInt64.self)) }
            let memsz = { (index: Int) in UInt(field(index, 40, UInt64.self)) }
            let (ptLoad, ptGnuRelro, pfW): (UInt32, UInt32, UInt32) = (1, 0x6474_e552, 2)
            // The first loadable segment (file offset 0) is the mapping at `start`: the object's
            // load bias is where it is minus where its headers say it would be.
            guard let first = (0..<count).filter({ type($0) == ptLoad }).map(vaddr).min() else { return [] }
            let base = start &- (first & ~UInt(0xfff))
            var loads: [(start: UInt, end: UInt)] = []
            var relro: (start: UInt, end: UInt)?
            for index in 0..<count {
                let segmentStart = base &+ vaddr(index), segmentEnd = segmentStart &+ memsz(index)
                if type(index) == ptLoad, flags(index) & pfW == 0 {
                    loads.append((segmentStart, segmentEnd))
                } else if type(index) == ptGnuRelro {
                    relro = (segmentStart, segmentEnd)
                }
            }
            guard let relro else { return loads }
            return loads.flatMap { load -> [(start: UInt, end: UInt)] in
                guard load.start < relro.end, relro.start < load.end else { return [load] }
                return [(load.start, relro.start), (relro.end, load.end)].filter { $0.start < $0.end }
            }
        }

        /// A file of /proc, whole (their sizes read as 0, so read to the end).
        private static func readProcFile(_ path: String) -> [UInt8] {
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else { return [] }
            defer { close(fd) }
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 16_384)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                guard count > 0 else { break }
                bytes += chunk[0..<count]
            }
            return bytes
        }
    #endif

    /// The process's CPU time so far (user + system), in microseconds.
    static func cpuMicroseconds() -> Int {
        #if os(Linux)
            var usage = rusage()
            guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return 0 }
            return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1_000_000
                + Int(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec)
        #else
            return 0
        #endif
    }

    /// Decides, from CPU-time samples taken once a second, when the process has gone idle after
    /// doing something: pure, so the policy is tested without a process.
    ///
    /// A second is busy when the process used at least `busyThreshold` of CPU in it. The pages are
    /// released after `idleSamples` quiet seconds that follow a busy one (start-up counts as busy).
    /// Quiet seconds never re-arm it: the idle process's own timers, and the page faults that map
    /// back what they run after a release, cost well under a millisecond a second, so an idle
    /// server releases once and then stays put.
    struct Detector {
        /// CPU time in one second from which that second is busy (5 ms: 0.5% of one core).
        var busyThreshold = 5_000
        /// Quiet seconds in a row before the pages are released: long enough that a test suite's
        /// pauses between calls rarely pay for mapping pages back.
        var idleSamples = 5

        private var last: Int?
        private var quietRun = 0
        private var armed = true

        /// Feeds the CPU time read now; true when the pages should be released.
        mutating func sample(_ cpu: Int) -> Bool {
            defer { last = cpu }
            guard let last else { return false }
            if cpu - last >= busyThreshold {
                armed = true
                quietRun = 0
                return false
            }
            quietRun += 1
            guard armed, quietRun >= idleSamples else { return false }
            armed = false
            return true
        }
    }

    /// Samples the CPU time once a second until cancelled and releases the pages whenever
    /// `Detector` says so.
    static func monitor() async {
        var detector = Detector()
        while !Task.isCancelled {
            if detector.sample(cpuMicroseconds()) { releaseCodePages() }
            try? await Task.sleep(for: .seconds(1))
        }
    }
}
