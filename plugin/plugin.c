/* plugin.c - the entry points Wireshark looks for in a plugin.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

/* A plugin is a DLL: this makes WS_DLL_PUBLIC export, and 4.7's
 * wsutil/plugin_exports.h insists on it. */
#define WS_BUILD_DLL
#define WS_LOG_DOMAIN "iana"

#include <wireshark.h>
#include <epan/proto.h>

#include "iana-compat.h"
#include "iana-registry-version.h"
#include "packet-iana.h"

#if IANA_HAS_PLUGIN_DESCRIBE
#include <wsutil/plugins.h>
#endif
#if IANA_HAS_PLUGIN_EXPORTS_H
#include <wsutil/plugin_exports.h>
#endif

/* e.g. "1.0.0 (IANA registry 2026-08-17, 14,533 records)": which tables this build carries. */
WS_DLL_PUBLIC_DEF const char plugin_version[] = IANA_PLUGIN_VERSION " (" IANA_REGISTRY_SUMMARY ")";
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

#if !IANA_HAS_PLUGIN_EXPORTS_H
WS_DLL_PUBLIC void plugin_register(void);
#if IANA_HAS_PLUGIN_DESCRIBE
WS_DLL_PUBLIC uint32_t plugin_describe(void);
#endif
#endif

void plugin_register(void)
{
    static proto_plugin plugin;

    plugin.register_protoinfo = proto_register_iana;
    plugin.register_handoff = proto_reg_handoff_iana;
    proto_register_plugin(&plugin);
}

#if IANA_HAS_PLUGIN_DESCRIBE
uint32_t plugin_describe(void)
{
    return WS_PLUGIN_DESC_DISSECTOR | WS_PLUGIN_DESC_TAP_LISTENER;
}
#endif
