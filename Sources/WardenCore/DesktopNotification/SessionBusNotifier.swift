import CSystemd

#if canImport(Glibc)
import Glibc
#endif

/// Desktop notifications through `org.freedesktop.Notifications.Notify` on the session bus,
/// with sd-bus from libsystemd.
///
/// Each notification opens its own connection, sends one call and closes it: notifications
/// are rare, and a connection kept open would have to survive the session bus restarting.
/// The call waits at most ``timeout``; every failure is returned, never thrown.
public struct SessionBusNotifier: DesktopNotifying {
    /// The bus address (`unix:path=…`); nil for the user's session bus as sd_bus_open_user(3)
    /// finds it (`$DBUS_SESSION_BUS_ADDRESS`, else `$XDG_RUNTIME_DIR/bus`).
    public let address: String?
    /// How long the call waits for the notification server's answer.
    public let timeout: Duration

    /// Creates a notifier of the bus at `address` (nil: the user's session bus).
    public init(address: String? = nil, timeout: Duration = .seconds(3)) {
        self.address = address
        self.timeout = timeout
    }

    public func notify(_ notification: DesktopNotification) -> DesktopNotificationResult {
        var bus: OpaquePointer?
        let opened = connect(&bus)
        guard opened >= 0, let bus else { return .failed(reason: "cannot connect to the session bus: \(Self.text(errno: opened))") }
        defer { sd_bus_flush_close_unref(bus) }
        var call: OpaquePointer?
        let built = sd_bus_message_new_method_call(
            bus, &call, "org.freedesktop.Notifications", "/org/freedesktop/Notifications", "org.freedesktop.Notifications", "Notify")
        guard built >= 0, let call else { return .failed(reason: "cannot build the call: \(Self.text(errno: built))") }
        defer { sd_bus_message_unref(call) }
        let appended = NotifyArguments(notification).append(to: call)
        guard appended >= 0 else { return .failed(reason: "cannot build the call: \(Self.text(errno: appended))") }
        var error = sd_bus_error(name: nil, message: nil, _need_free: 0)
        defer { sd_bus_error_free(&error) }
        var reply: OpaquePointer?
        let called = sd_bus_call(bus, call, Self.microseconds(timeout), &error, &reply)
        defer { if let reply { sd_bus_message_unref(reply) } }
        guard called >= 0, let reply else {
            guard let name = error.name else { return .failed(reason: Self.text(errno: called)) }
            return .failed(reason: String(cString: name) + (error.message.map { ": " + String(cString: $0) } ?? ""))
        }
        var id: UInt32 = 0
        guard sd_bus_message_read_basic(reply, CChar(UInt8(ascii: "u")), &id) >= 0 else {
            return .failed(reason: "the notification server answered without an id")
        }
        return .delivered(id: id)
    }

    /// Opens the bus: the address given, or the user's session bus.
    private func connect(_ bus: inout OpaquePointer?) -> Int32 {
        guard let address else { return sd_bus_open_user(&bus) }
        var result = sd_bus_new(&bus)
        guard result >= 0, let opened = bus else { return result }
        result = sd_bus_set_address(opened, address)
        if result >= 0 { result = sd_bus_set_bus_client(opened, 1) }
        if result >= 0 { result = sd_bus_start(opened) }
        if result < 0 {
            sd_bus_flush_close_unref(opened)
            bus = nil
        }
        return result
    }

    /// `duration` in microseconds for sd-bus; a negative one is 0 (sd-bus's default timeout).
    static func microseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0, seconds < Int64.max / 1_000_000 else { return seconds < 0 ? 0 : UInt64.max }
        return UInt64(seconds) * 1_000_000 + UInt64(max(0, attoseconds) / 1_000_000_000_000)
    }

    /// The text of an sd-bus return value, a negative errno.
    static func text(errno code: Int32) -> String {
        String(cString: strerror(code == Int32.min ? EINVAL : -code))
    }
}
