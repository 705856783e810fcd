/// Limits a template is compiled and rendered under. The defaults follow API Gateway where it
/// has a quota (template size, `#foreach` iterations) and Velocity's defaults otherwise
/// (macro depth); the rest keep a bad template from exhausting the server.
public struct VTLLimits: Sendable {
    /// Largest template source, in UTF-8 bytes (API Gateway's quota: 300 KB).
    public var maxTemplateBytes = 300 * 1024
    /// Iterations of one `#foreach` loop; further elements are skipped silently, as API
    /// Gateway (Velocity's `directive.foreach.maxloops`) does.
    public var maxForeachIterations = 1000
    /// Loop iterations in one render, all loops together (an error beyond).
    public var maxTotalIterations = 1_000_000
    /// Nested macro calls (Velocity's `velocimacro.max.depth`, 20); deeper is an error.
    public var maxMacroDepth = 20
    /// Nested `#evaluate` calls.
    public var maxEvaluateDepth = 20
    /// Nesting of directives and expressions in the source.
    public var maxNesting = 100
    /// Largest output, in UTF-8 bytes.
    public var maxOutputBytes = 10 * 1024 * 1024
    /// Largest list an `[n..m]` range may build.
    public var maxRangeSize = 1_000_000
    /// Wall-clock budget of one render, in seconds.
    public var renderTimeSeconds: Double = 5
    /// Budget of one regular-expression call (`matches`, `replaceAll`, `split`), in ms.
    public var regexMillis = 200

    public init() {}
}

/// Any failure of a template: it does not parse, or it failed while rendering.
public enum VTLError: Error, Sendable, CustomStringConvertible {
    /// The template (or text given to `#evaluate`) is not valid VTL.
    case syntax(VTLSyntaxError)
    /// A method failed, a limit was reached, ... while rendering.
    case runtime(VTLRuntimeError)

    public var description: String {
        switch self {
        case .syntax(let e): return e.description
        case .runtime(let e): return e.description
        }
    }
}

/// A compiled Velocity 1.7 template: parsed and checked once, then rendered any number of
/// times, from any number of threads at once (it is immutable).
///
/// Rendering follows API Gateway's configuration of Velocity: a reference that is null
/// anywhere along its chain (unset variable, missing key, unknown method, null result)
/// renders and compares as the empty string.
public final class VTLTemplate: Sendable {
    let root: Node
    let symbols: SymbolTable
    let macros: [String: MacroDefinition]
    /// An error Velocity raises while initialising the template (before any output).
    let initError: VTLError?
    /// Whether the template contains `#evaluate` (whose text may name any variable).
    public let usesEvaluate: Bool
    public let limits: VTLLimits

    /// Parses and compiles `source`; throws when it is not valid VTL or too large.
    public init(_ source: String, limits: VTLLimits = VTLLimits()) throws(VTLSyntaxError) {
        self.limits = limits
        if source.utf8.count > limits.maxTemplateBytes {
            throw VTLSyntaxError(
                location: SourceLocation(line: 1, column: 1),
                message: "template is larger than \(limits.maxTemplateBytes) bytes (\(source.utf8.count) bytes)")
        }
        let compiler = Compiler(limits: limits)
        var initError: VTLError?
        var root: Node = BlockNode([])
        do {
            root = try compiler.compileTemplate(source)
        } catch {
            switch error {
            case .syntax(let e): throw e
            case .runtime(let e): initError = .runtime(e)
            }
        }
        self.root = root
        self.symbols = compiler.symbols
        self.macros = compiler.macros
        self.initError = initError
        self.usesEvaluate = compiler.usesEvaluate
    }

    /// A variable the template names, for passing its value by position (see
    /// `render(_:otherVariables:)`); nil when the template never names it.
    public func variable(_ name: String) -> VTLVariable? {
        symbols.lookup(name).map { VTLVariable(slot: $0, name: name) }
    }

    /// Renders with values for variables found with `variable(_:)`, plus any others by name
    /// (those are only visible to `#evaluate`d text, as the template never names them).
    public func render(_ bindings: [(VTLVariable, VTLValue)], otherVariables: [String: VTLValue] = [:]) throws(VTLError) -> String {
        try render { variables in
            for (v, value) in bindings { variables[v] = value }
            for (name, value) in otherVariables { variables[name] = value }
        }
    }

    /// Renders after `setup` has set the variables (the cheapest way to pass a few values on
    /// every render: no intermediate collections).
    public func render(_ setup: (inout VTLVariables) -> Void) throws(VTLError) -> String {
        if let initError { throw initError }
        let c = RenderContext(template: self, limits: limits)
        var variables = VTLVariables(context: c)
        setup(&variables)
        return try run(c)
    }

    private func run(_ c: RenderContext) throws(VTLError) -> String {
        do {
            try root.render(c)
        } catch {
            switch error {
            case .error(let e): throw .runtime(e)
            case .parseError(let e): throw .syntax(e)
            case .stop: break
            }
        }
        return c.outputString
    }

    /// Whether the template may read variable `name` (it names it, or runs `#evaluate`,
    /// whose text may name anything). Lets callers skip building unused variables.
    public func mayUse(_ name: String) -> Bool {
        usesEvaluate || symbols.lookup(name) != nil
    }

    /// Renders with the given top-level variables (`$name` → value). Lists and maps passed in
    /// may be modified by the template (`#set($context.responseOverride.status = 400)`), so
    /// pass fresh ones for each render and read them back afterwards.
    public func render(_ variables: [String: VTLValue]) throws(VTLError) -> String {
        try render { v in
            for (name, value) in variables { v[name] = value }
        }
    }
}

/// A variable of a compiled template (its name resolved to a slot once).
public struct VTLVariable: Sendable {
    let slot: Int
    public let name: String
}

/// The variables of one render, set before it starts.
public struct VTLVariables {
    let context: RenderContext

    /// A variable the template names (from `VTLTemplate.variable(_:)`).
    public subscript(_ v: VTLVariable) -> VTLValue {
        get { context.vars[v.slot] }
        set { context.vars[v.slot] = newValue }
    }

    /// Any variable by name (a name the template never uses is still visible to `#evaluate`).
    public subscript(_ name: String) -> VTLValue {
        get {
            if let s = context.symbols.lookup(name) { return context.vars[s] }
            return context.pendingVariables[name] ?? .null
        }
        set {
            if let s = context.symbols.lookup(name) {
                context.vars[s] = newValue
            } else {
                context.pendingVariables[name] = newValue
            }
        }
    }
}
