import Logging
import NIOPosix

/// The desktop side of notices: for a user install, each notice of a pass also goes to the
/// session's notification server, best effort.
enum DesktopNotices {
    /// At most this many notices are shown one by one; the rest in one summary.
    static let shownOneByOne = 3

    /// The notifications for `notices`: one each, a deletion that does not wait as critical,
    /// then one that counts the rest.
    static func notifications(for notices: [DeletionNotice]) -> [DesktopNotification] {
        var shown = notices.prefix(shownOneByOne).map { notice in
            DesktopNotification(summary: notice.summary, body: notice.body, urgency: notice.reason == .stale ? .normal : .critical)
        }
        let rest = notices.dropFirst(shownOneByOne)
        if !rest.isEmpty {
            let names = rest.prefix(10).map { PolicyExcerpt.quoted($0.modelName) }.joined(separator: ", ")
            shown.append(DesktopNotification(
                summary: "modelwarden will delete \(rest.count) more cache(s)",
                body: names + (rest.count > 10 ? ", …" : "") + ". `modelwarden plan` lists them with their dates; "
                    + "`modelwarden keep MODEL --for \(DeletionNotice.suggestedKeep)` keeps one."))
        }
        return shown
    }

    /// Sends `notices` through `notifier` on a thread of its own (sd-bus blocks up to its
    /// timeout); a failure is logged once, and the pass goes on.
    static func send(_ notices: [DeletionNotice], through notifier: any DesktopNotifying, logger: Logger) async {
        for notification in notifications(for: notices) {
            let result = try? await NIOThreadPool.singleton.runIfActive { notifier.notify(notification) }
            if case .failed(let reason) = result ?? .failed(reason: "the thread pool is shut down") {
                logger.warning("cannot show a desktop notification; the notice is in the journal", metadata: ["error": "\(reason)"])
                return
            }
        }
    }
}
