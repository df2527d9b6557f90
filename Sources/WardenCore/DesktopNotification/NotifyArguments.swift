import CSystemd

/// The arguments of `Notify(susssasa{sv}i)`, appended one by one: Swift cannot call the C
/// variadic sd_bus_message_append(3), so each is sd_bus_message_append_basic(3) or a container.
struct NotifyArguments {
    /// What is sent.
    let notification: DesktopNotification

    init(_ notification: DesktopNotification) {
        self.notification = notification
    }

    /// Appends the eight arguments to `call`; the first failure's negative errno, or 0.
    func append(to call: OpaquePointer) -> Int32 {
        var replacesID: UInt32 = 0
        var urgency = notification.urgency.rawValue
        var expireTimeout: Int32 = -1  // the server's default
        func string(_ text: String) -> Int32 {
            text.withCString { sd_bus_message_append_basic(call, type("s"), $0) }
        }
        let steps: [() -> Int32] = [
            { string("modelwarden") },  // app_name
            { sd_bus_message_append_basic(call, type("u"), &replacesID) },
            { string("") },  // app_icon
            { string(notification.summary) },
            { string(notification.body) },
            { sd_bus_message_open_container(call, type("a"), "s") },  // actions: none
            { sd_bus_message_close_container(call) },
            { sd_bus_message_open_container(call, type("a"), "{sv}") },  // hints
            { sd_bus_message_open_container(call, type("e"), "sv") },
            { string("urgency") },
            { sd_bus_message_open_container(call, type("v"), "y") },
            { sd_bus_message_append_basic(call, type("y"), &urgency) },
            { sd_bus_message_close_container(call) },
            { sd_bus_message_close_container(call) },
            { sd_bus_message_close_container(call) },
            { sd_bus_message_append_basic(call, type("i"), &expireTimeout) },
        ]
        for step in steps {
            let result = step()
            if result < 0 { return result }
        }
        return 0
    }

    /// A D-Bus type code as sd-bus takes it.
    private func type(_ code: Unicode.Scalar) -> CChar {
        CChar(truncatingIfNeeded: code.value)
    }
}
