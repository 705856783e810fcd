#if os(Linux)
    import Glibc
#endif

/// Gives the kernel back the pages of Portico's own code and read-only data while the server is
/// idle (issue 10, item 8: a lean idle footprint).
///
/// Most of an idle Portico's resident set is not memory it allocated: it is pages of its own
/// executable that start-up or earlier requests touched (code, and read-only data such as type
/// metadata and ICU tables), mapped from the page cache. They stay counted in the process's RSS
/// after the work that needed them is over. When the process has used almost no CPU for two
/// seconds after a period of activity, this unmaps those pages with `madvise(MADV_DONTNEED)`:
/// the page cache keeps them, so the next request that needs one takes a minor fault (no disk
/// read; the kernel maps up to 64 KiB around each fault) and the resident set grows back to the
/// working set of what is actually running.
///
/// Only segments that are never written are released: loadable segments without the write
/// permission, minus the range the dynamic linker relocated and then made read-only
/// (`PT_GNU_RELRO`), whose pages are private copies that `MADV_DONTNEED` would discard. Writable
/// data and heap are never touched. Idleness is read from the process's CPU time
/// (`getrusage`), once a second, so requests pay nothing for it.
/// See https://man7.org/linux/man-pages/man2/madvise.2.html.
enum IdlePageRelease {
    /// Releases the executable's read-only pages now; returns the number of bytes advised.
    @discardableResult
    static func releaseExecutablePages() -> Int {
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
        /// The executable's loaded, never-written address ranges: loadable segments without write
        /// permission, minus its RELRO range. Read from its program headers, which the kernel maps
        /// and names in the auxiliary vector (`AT_PHDR`, `AT_PHNUM`); see elf(5) and getauxval(3).
        static func readOnlyRanges() -> [(start: UInt, end: UInt)] {
            let auxv = auxiliaryVector()
            guard let phdrAddress = auxv[3], let phnum = auxv[5],  // AT_PHDR, AT_PHNUM
                let headers = UnsafeRawPointer(bitPattern: UInt(phdrAddress)), phnum > 0, phnum < 256
            else { return [] }
            let count = Int(phnum)
            let entrySize = 56  // sizeof(Elf64_Phdr)
            func field<T: FixedWidthInteger>(_ index: Int, _ offset: Int, _: T.Type) -> T {
                headers.loadUnaligned(fromByteOffset: index * entrySize + offset, as: T.self)
            }
            let type = { (index: Int) in field(index, 0, UInt32.self) }
            let flags = { (index: Int) in field(index, 4, UInt32.self) }
            let vaddr = { (index: Int) in UInt(field(index, 16, UInt64.self)) }
            let memsz = { (index: Int) in UInt(field(index, 40, UInt64.self)) }
            let (ptLoad, ptPhdr, ptGnuRelro, pfW): (UInt32, UInt32, UInt32, UInt32) = (1, 6, 0x6474_e552, 2)
            // A position-independent executable is loaded at an offset: PT_PHDR says where its
            // headers were meant to be, AT_PHDR where they are.
            let base = (0..<count).first { type($0) == ptPhdr }.map { UInt(phdrAddress) &- vaddr($0) } ?? 0
            var loads: [(start: UInt, end: UInt)] = []
            var relro: (start: UInt, end: UInt)?
            for index in 0..<count {
                let start = base &+ vaddr(index), end = start &+ memsz(index)
                if type(index) == ptLoad, flags(index) & pfW == 0 {
                    loads.append((start, end))
                } else if type(index) == ptGnuRelro {
                    relro = (start, end)
                }
            }
            guard let relro else { return loads }
            return loads.flatMap { load -> [(start: UInt, end: UInt)] in
                guard load.start < relro.end, relro.start < load.end else { return [load] }
                return [(load.start, relro.start), (relro.end, load.end)].filter { $0.start < $0.end }
            }
        }
    #endif

    #if os(Linux)
        /// `/proc/self/auxv`: (type, value) pairs of 64-bit words, ended by type 0.
        private static func auxiliaryVector() -> [UInt64: UInt64] {
            let fd = open("/proc/self/auxv", O_RDONLY)
            guard fd >= 0 else { return [:] }
            defer { close(fd) }
            var words = [UInt64](repeating: 0, count: 128)
            let count = words.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            var vector: [UInt64: UInt64] = [:]
            var index = 0
            while index + 1 < max(0, count) / 8, words[index] != 0 {
                vector[words[index]] = words[index + 1]
                index += 2
            }
            return vector
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
    struct Detector {
        /// CPU time per sample below which a second counts as idle (5 ms: 0.5% of one core).
        var idleThreshold = 5_000
        /// Idle seconds in a row before the pages are released.
        var idleSamples = 2
        /// CPU time spent since the last release above which there is something to release
        /// (2 ms: a handful of requests).
        var activityThreshold = 2_000

        private var last: Int?
        private var idleRun = 0
        private var sinceRelease = Int.max / 2

        /// Feeds the CPU time read now; true when the pages should be released.
        mutating func sample(_ cpu: Int) -> Bool {
            defer { last = cpu }
            guard let last else { return false }
            let spent = max(0, cpu - last)
            sinceRelease += spent
            idleRun = spent < idleThreshold ? idleRun + 1 : 0
            guard idleRun >= idleSamples, sinceRelease >= activityThreshold else { return false }
            sinceRelease = 0
            return true
        }
    }

    /// Samples the CPU time once a second until cancelled and releases the pages whenever
    /// `Detector` says so.
    static func monitor() async {
        var detector = Detector()
        while !Task.isCancelled {
            if detector.sample(cpuMicroseconds()) { releaseExecutablePages() }
            try? await Task.sleep(for: .seconds(1))
        }
    }
}
