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
    var local: [Int: VTLValue] = [:]
    var args: [Int: Node] = [:]
    let parent: MacroFrame?

    init(parent: MacroFrame?) {
        self.parent = parent
    }
}

/// The limits a render runs under (see `VTLLimits`).
struct ActiveLimits {
    let limits: VTLLimits
    let deadline: UInt64
}

/// Everything one render needs: variables, the output buffer, macros, limits.
final class RenderContext {
    var out: String = ""
    /// Variable values by slot (`.null` when unset).
    var vars: [VTLValue]
    var symbols: SymbolTable
    var frame: MacroFrame?
    var macros: [String: MacroDefinition]
    let limits: VTLLimits
    private let deadline: UInt64
    private var ticks = 0
    var macroDepth = 0
    var evaluateDepth = 0
    var totalIterations = 0
    /// Variables given to the render that the template never names; `#evaluate`d text
    /// may still use them.
    var pendingVariables: [String: VTLValue] = [:]

    init(template: VTLTemplate, limits: VTLLimits) {
        self.symbols = template.symbols
        self.vars = Array(repeating: .null, count: template.symbols.count)
        self.macros = template.macros
        self.limits = limits
        self.deadline = DispatchTime.now().uptimeNanoseconds &+ UInt64(max(0, limits.renderTimeSeconds) * 1e9)
        out.reserveCapacity(256)
    }

    // MARK: - Variables (Velocity's context get/put/remove through macro frames)

    @inline(__always)
    func get(_ slot: Int) throws(RenderSignal) -> VTLValue {
        if frame == nil { return vars[slot] }
        return try getThroughFrames(slot)
    }

    private func getThroughFrames(_ slot: Int) throws(RenderSignal) -> VTLValue {
        var f = frame
        while let cur = f {
            if let v = cur.local[slot], !v.isNull { return v }
            if let arg = cur.args[slot] {
                let saved = frame
                frame = cur.parent
                defer { frame = saved }
                return try arg.proxyArgumentValue(self)
            }
            f = cur.parent
        }
        return vars[slot]
    }

    @inline(__always)
    func put(_ slot: Int, _ value: VTLValue) {
        var f = frame
        while let cur = f {
            cur.local[slot] = value
            f = cur.parent
        }
        vars[slot] = value
    }

    func remove(_ slot: Int) {
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
        while vars.count < symbols.count { vars.append(.null) }
        if let v = pendingVariables.removeValue(forKey: name) { vars[s] = v }
        return s
    }

    // MARK: - Output and limits

    @inline(__always)
    func write(_ s: String) throws(RenderSignal) {
        out += s
        if out.utf8.count > limits.maxOutputBytes {
            throw .error(VTLRuntimeError("LimitExceeded",
                "the output is larger than \(limits.maxOutputBytes) bytes"))
        }
    }

    /// Called on every loop iteration and macro call: checks the time budget now and then.
    @inline(__always)
    func tick() throws(RenderSignal) {
        ticks &+= 1
        if ticks & 255 == 0 && DispatchTime.now().uptimeNanoseconds > deadline {
            throw .error(VTLRuntimeError("LimitExceeded",
                "rendering took longer than \(limits.renderTimeSeconds) seconds"))
        }
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
