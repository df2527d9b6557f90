"""A stand-in for a desktop's notification server, for SessionBusNotifierTests.

Usage: notification_server.py BUS_ADDRESS RECORD_FILE

Connects to the bus at BUS_ADDRESS, owns org.freedesktop.Notifications, and implements
Notify(susssasa{sv}i) -> u: each call is appended to RECORD_FILE as one JSON line before it is
answered, so a caller that got its answer finds the line there. A call whose summary is
"no answer" is never answered (to test the caller's timeout). Prints "ready" once the name is
owned, and runs until it is terminated.
"""
import json
import sys

import dbus
import dbus.bus
import dbus.mainloop.glib
import dbus.service
from gi.repository import GLib

INTERFACE = "org.freedesktop.Notifications"


class Notifications(dbus.service.Object):
    def __init__(self, bus, record):
        super().__init__(bus, "/org/freedesktop/Notifications")
        self.record = record
        self.last_id = 0

    @dbus.service.method(INTERFACE, in_signature="susssasa{sv}i", out_signature="u",
                         async_callbacks=("reply", "error"))
    def Notify(self, app_name, replaces_id, app_icon, summary, body, actions, hints, expire_timeout, reply, error):
        self.last_id += 1
        line = {
            "app_name": str(app_name), "replaces_id": int(replaces_id), "app_icon": str(app_icon),
            "summary": str(summary), "body": str(body), "actions": [str(a) for a in actions],
            "hints": {str(k): int(v) if isinstance(v, (dbus.Byte, int)) else str(v) for k, v in hints.items()},
            "hint_types": {str(k): type(v).__name__ for k, v in hints.items()},
            "expire_timeout": int(expire_timeout),
        }
        with open(self.record, "a") as f:
            f.write(json.dumps(line) + "\n")
        if str(summary) != "no answer":
            reply(dbus.UInt32(self.last_id))


def main():
    address, record = sys.argv[1], sys.argv[2]
    dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
    bus = dbus.bus.BusConnection(address)
    # Held in a variable: the name is released when the object is collected.
    name = dbus.service.BusName(INTERFACE, bus, do_not_queue=True)
    server = Notifications(bus, record)
    print("ready", flush=True)
    GLib.MainLoop().run()
    del name, server


if __name__ == "__main__":
    main()
