#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What became of one planned cache deletion.
public struct ActionResult: Sendable {
    /// The action row.
    public var actionID: Int64
    /// What was planned.
    public var action: PlannedAction
    /// How it ended.
    public var outcome: ActionOutcome
}
