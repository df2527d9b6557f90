// libsystemd headers used by modelwarden: the journal (sd_journal_sendv), service
// notification (sd_notify) and the bus (sd-bus, for desktop notifications). Installed by
// Debian's libsystemd-dev.
#ifndef MODELWARDEN_CSYSTEMD_SHIM_H
#define MODELWARDEN_CSYSTEMD_SHIM_H
#include <systemd/sd-journal.h>
#include <systemd/sd-daemon.h>
#include <systemd/sd-bus.h>
#endif
