/// A notification for the desktop of the user Pieces OS runs for, as the freedesktop.org
/// Desktop Notifications specification describes one.
public struct DesktopNotification: Hashable, Sendable {
    /// How insistently the desktop shows it (the `urgency` hint).
    public enum Urgency: UInt8, Hashable, Sendable {
        /// Shown quietly.
        case low = 0
        /// The default.
        case normal = 1
        /// Stays until dismissed.
        case critical = 2
    }

    /// The most characters of the summary sent; servers show one line of it anyway.
    public static let maxSummary = 256
    /// The most characters of the body sent, so that a long list cannot make a huge message.
    public static let maxBody = 4096

    /// The one-line title.
    public var summary: String
    /// The text under it (servers may render a little markup).
    public var body: String
    /// How insistently it is shown.
    public var urgency: Urgency

    /// Creates a notification; the summary and the body are cut at ``maxSummary`` and
    /// ``maxBody`` characters.
    public init(summary: String, body: String, urgency: Urgency = .normal) {
        self.summary = String(summary.prefix(Self.maxSummary))
        self.body = String(body.prefix(Self.maxBody))
        self.urgency = urgency
    }
}

/// What became of one notification; a failure is a value, never an error thrown out of a pass.
public enum DesktopNotificationResult: Hashable, Sendable {
    /// The notification server accepted it and gave it this id.
    case delivered(id: UInt32)
    /// It was not delivered, for this reason (the D-Bus error name and text, or the errno).
    case failed(reason: String)
}

/// Shows desktop notifications, best effort: no session bus, no notification server or no
/// answer within a few seconds is a ``DesktopNotificationResult/failed(reason:)``.
public protocol DesktopNotifying: Sendable {
    /// Sends `notification`. It may block for as long as the implementation's timeout, so call
    /// it off the event loops.
    func notify(_ notification: DesktopNotification) -> DesktopNotificationResult
}
