import Synchronization

/// The in-memory twin of ``SessionBusNotifier``: it keeps every notification and answers
/// what a test tells it to.
public final class RecordingNotifier: DesktopNotifying {
    private let state: Mutex<(sent: [DesktopNotification], answer: DesktopNotificationResult)>

    /// Creates a notifier that answers `answer` to every notification.
    public init(answering answer: DesktopNotificationResult = .delivered(id: 1)) {
        state = Mutex(([], answer))
    }

    /// The notifications sent so far, oldest first.
    public var sent: [DesktopNotification] { state.withLock { $0.sent } }

    /// Answers `answer` from now on, e.g. a failure to check that callers go on.
    public func answer(_ answer: DesktopNotificationResult) {
        state.withLock { $0.answer = answer }
    }

    public func notify(_ notification: DesktopNotification) -> DesktopNotificationResult {
        state.withLock { state in
            state.sent.append(notification)
            return state.answer
        }
    }
}
