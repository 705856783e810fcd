import Foundation

/// Why rendering stopped early: a Java exception (a render error) or a `#break`/`#stop`
/// travelling up to the construct that handles it.
enum RenderSignal: Error, Sendable {
    case error(VTLRuntimeError)
    /// A template that turned out not to parse (`#evaluate` of bad text, late init errors).
    case parseError(VTLSyntaxError)
    case stop(StopTarget)
}

/// Which construct a `#break`/`#stop` ends (Velocity's StopCommand.isFor).
enum StopTarget: Sendable {
    /// `#break`: the nearest loop, macro call, `#define` block or `#evaluate`.
    case nearest
    /// `#break($foreach)`: the loop that owns the scope object.
    case owner(ObjectIdentifier)
    /// `#stop`: the whole template (or the enclosing `#evaluate`).
    case all
}

/// Variables of one macro invocation (Velocity's ProxyVMContext): values set inside the
/// macro, the call's arguments (passed by name: re-evaluated on each use in the caller's
/// context) and the caller's frame.
final class MacroFrame {
    @exclusivity(unchecked) var local: [Int: VTLValue] = [:]
    @exclusivity(unchecked) var args: [Int: Node] = [:]
    let parent: MacroFrame?

    init(parent: MacroFrame?) {
        self.parent = parent
    }
}

/// While a `#foreach` body runs for a null element, its loop variable reads as null even
/// after the body sets it (Velocity's NullHolderContext), until the variable is removed.
final class NullHolder {
    let slot: Int
    /// The macro frame the loop runs in; the holder sits just above it.
    let frame: MacroFrame?
    @exclusivity(unchecked) var active = true

    init(slot: Int, frame: MacroFrame?) {
        self.slot = slot
        self.frame = frame
    }
}

/// Everything one render needs: variables, the output buffer, macros, limits.
final class RenderContext {
    /// The output so far, as UTF-8 (turned into a String once, at the end).
    @exclusivity(unchecked) var out: [UInt8] = []
    /// Variable values by slot (`.null` when unset).
    let vars: VariableStore
    var symbols: SymbolTable
    @exclusivity(unchecked) var frame: MacroFrame?
    /// Null holders of the loops currently rendering a null element (innermost last).
    @exclusivity(unchecked) var nullHolders: [NullHolder] = []
    var macros: [String: MacroDefinition]
    let limits: VTLLimits
    /// When the time budget runs out (set on the first clock check, so short renders never
    /// read the clock).
    @exclusivity(unchecked) private var deadline: UInt64 = 0
    @exclusivity(unchecked) private var ticks = 0
    @exclusivity(unchecked) var macroDepth = 0
    @exclusivity(unchecked) var evaluateDepth = 0
    @exclusivity(unchecked) var totalIterations = 0
    /// Variables given to the render that the template never names; `#evaluate`d text
    /// may still use them.
    var pendingVariables: [String: VTLValue] = [:]

    init(template: VTLTemplate, limits: VTLLimits) {
        self.symbols = template.symbols
        self.vars = VariableStore(count: template.symbols.count)
        self.macros = template.macros
        self.limits = limits
        out.reserveCapacity(512)
    }

    // MARK: - Variables (Velocity's context get/put/remove through macro frames)

    @inline(__always)
    func get(_ slot: Int) throws(RenderSignal) -> VTLValue {
        if frame == nil && nullHolders.isEmpty { return vars[slot] }
        return try getThroughFrames(slot)
    }

    private func heldNull(_ slot: Int, at level: MacroFrame?) -> Bool {
        for h in nullHolders where h.slot == slot && h.active && h.frame === level { return true }
        return false
    }

    private func getThroughFrames(_ slot: Int) throws(RenderSignal) -> VTLValue {
        var f = frame
        while let cur = f {
            if !nullHolders.isEmpty && heldNull(slot, at: cur) { return .null }
            if let v = cur.local[slot], !v.isNull { return v }
            if let arg = cur.args[slot] {
                let saved = frame
                frame = cur.parent
                defer { frame = saved }
                return try arg.proxyArgumentValue(self)
            }
            f = cur.parent
        }
        if !nullHolders.isEmpty && heldNull(slot, at: nil) { return .null }
        return vars[slot]
    }

    @inline(__always)
    func put(_ slot: Int, _ value: VTLValue) {
        if !nullHolders.isEmpty && value.isNull {
            for h in nullHolders where h.slot == slot { h.active = true }
        }
        var f = frame
        while let cur = f {
            cur.local[slot] = value
            f = cur.parent
        }
        vars[slot] = value
    }

    func remove(_ slot: Int) {
        for h in nullHolders where h.slot == slot { h.active = false }
        var f = frame
        while let cur = f {
            cur.local[slot] = nil
            cur.args[slot] = nil
            f = cur.parent
        }
        vars[slot] = .null
    }

    /// The slot of a variable name, adding one for names first seen at render time.
    func slot(for name: String) -> Int {
        if let s = symbols.lookup(name) { return s }
        let s = symbols.slot(name)
        vars.grow(to: symbols.count)
        if let v = pendingVariables.removeValue(forKey: name) { vars[s] = v }
        return s
    }

    // MARK: - Output and limits

    @inline(__always)
    func write(_ s: String) throws(RenderSignal) {
        out.append(contentsOf: s.utf8)
        if out.count > limits.maxOutputBytes {
            throw .error(
                VTLRuntimeError(
                    "LimitExceeded",
                    "the output is larger than \(limits.maxOutputBytes) bytes"))
        }
    }

    /// The output as a string.
    var outputString: String { String(decoding: out, as: UTF8.self) }

    /// Called on every loop iteration and macro call: checks the time budget now and then.
    @inline(__always)
    func tick() throws(RenderSignal) {
        ticks &+= 1
        if ticks & 255 == 0 { try checkClock() }
    }

    private func checkClock() throws(RenderSignal) {
        let now = DispatchTime.now().uptimeNanoseconds
        if deadline == 0 {
            deadline = now &+ UInt64(max(0, limits.renderTimeSeconds) * 1e9)
        } else if now > deadline {
            throw .error(
                VTLRuntimeError(
                    "LimitExceeded",
                    "rendering took longer than \(limits.renderTimeSeconds) seconds"))
        }
    }
}

/// Variable values by slot: a plain buffer (no copy-on-write or bounds checks on the hot
/// path; slots come from the compiler, which sized the store).
final class VariableStore {
    private var base: UnsafeMutablePointer<VTLValue>
    private(set) var count: Int

    init(count: Int) {
        self.count = max(count, 1)
        base = UnsafeMutablePointer<VTLValue>.allocate(capacity: self.count)
        base.initialize(repeating: .null, count: self.count)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// Makes room for `n` slots (variables first named at render time, by `#evaluate`).
    func grow(to n: Int) {
        guard n > count else { return }
        let newBase = UnsafeMutablePointer<VTLValue>.allocate(capacity: n)
        newBase.moveInitialize(from: base, count: count)
        (newBase + count).initialize(repeating: .null, count: n - count)
        base.deallocate()
        base = newBase
        count = n
    }

    @inline(__always)
    subscript(_ slot: Int) -> VTLValue {
        get { slot < count ? base[slot] : .null }
        set { if slot < count { base[slot] = newValue } }
    }
}

/// Maps variable names to slots, so that rendering reads variables by index.
struct SymbolTable: Sendable {
    private var slots: [String: Int] = [:]
    private(set) var names: [String] = []

    var count: Int { names.count }

    mutating func slot(_ name: String) -> Int {
        if let s = slots[name] { return s }
        let s = names.count
        slots[name] = s
        names.append(name)
        return s
    }

    func lookup(_ name: String) -> Int? { slots[name] }
}
