/// What Java's `Node.study(TreeInfo)` computes for a subtree, kept only to accept or reject
/// look-behinds exactly as Java does ("Look-behind group does not have an obvious maximum
/// length"). Arithmetic is Java `int` arithmetic (wrapping), as the overflow checks rely
/// on it.
indirect enum StudyNode {
    /// Fixed-width matcher (characters, slices, `\R` = 1...2, `\X` = 1...0).
    case fixed(Int32, Int32, deterministic: Bool)
    case zeroWidth
    case seq([StudyNode])
    /// Alternatives; nil is an empty alternative.
    case branch([StudyNode?])
    case ques(StudyNode)
    case independent(StudyNode)
    case curly(StudyNode, Int32, Int32)
    /// Greedy `*`, `+`, `{n,}` on one character predicate.
    case charGreedy(Int32)
    /// A quantified non-deterministic group (Java's `Loop`).
    case loop
    case backref
}

struct TreeInfo {
    var minLength: Int32 = 0
    var maxLength: Int32 = 0
    var maxValid = true
    var deterministic = true

    mutating func reset() { self = TreeInfo() }
}

enum Study {
    static let maxReps = Int32.max

    /// Studies `node` followed by nothing; returns Java's `study()` result.
    @discardableResult
    static func run(_ node: StudyNode, _ info: inout TreeInfo) -> Bool {
        sequence([node], 0, &info)
    }

    static func sequence(_ nodes: [StudyNode], _ i: Int, _ info: inout TreeInfo) -> Bool {
        guard i < nodes.count else { return info.deterministic }
        switch nodes[i] {
        case .seq(let inner):
            return sequence(inner + nodes[(i + 1)...], 0, &info)
        case .fixed(let mn, let mx, let deterministic):
            info.minLength &+= mn
            info.maxLength &+= mx
            if !deterministic { info.deterministic = false }
        case .zeroWidth:
            break
        case .charGreedy(let cmin):
            info.minLength &+= cmin
            if info.maxValid { info.maxLength &+= maxReps }
            info.deterministic = false
        case .curly(let atom, let cmin, let cmax):
            let minL = info.minLength, maxL = info.maxLength
            let maxV = info.maxValid, detm = info.deterministic
            info.reset()
            run(atom, &info)
            var temp = info.minLength &* cmin &+ minL
            if temp < minL { temp = 0xFFFFFFF }
            info.minLength = temp
            if maxV && info.maxValid {
                temp = info.maxLength &* cmax &+ maxL
                info.maxLength = temp
                if temp < maxL { info.maxValid = false }
            } else {
                info.maxValid = false
            }
            info.deterministic = info.deterministic && cmin == cmax ? detm : false
        case .ques(let atom):
            let minL = info.minLength
            run(atom, &info)
            info.minLength = minL
            info.deterministic = false
        case .independent(let atom):
            run(atom, &info)
        case .loop:
            info.maxValid = false
            info.deterministic = false
            return false
        case .backref:
            info.maxValid = false
        case .branch(let alternatives):
            let minL = info.minLength, maxL = info.maxLength
            var maxV = info.maxValid
            var minL2 = Int32.max, maxL2: Int32 = -1
            for alternative in alternatives {
                info.reset()
                if let alternative { run(alternative, &info) }
                minL2 = min(minL2, info.minLength)
                maxL2 = max(maxL2, info.maxLength)
                maxV = maxV && info.maxValid
            }
            let newMin = minL &+ minL2, newMax = maxL &+ maxL2
            info.reset()
            _ = sequence(nodes, i + 1, &info)
            info.minLength &+= newMin
            info.maxLength &+= newMax
            info.maxValid = info.maxValid && maxV
            info.deterministic = false
            return false
        }
        return sequence(nodes, i + 1, &info)
    }
}
