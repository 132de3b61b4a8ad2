/* plugin.c - the entry points Wireshark looks for in a plugin.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#define WS_LOG_DOMAIN "iana"

#include <wireshark.h>
#include <epan/epan.h>
#include <epan/proto.h>

#include "iana-compat.h"
#include "iana-headers.h"
#include "packet-iana.h"

#if IANA_HAS_PLUGIN_DESCRIBE
#include <wsutil/plugins.h>
#endif

WS_DLL_PUBLIC_DEF const char plugin_version[] = IANA_PLUGIN_VERSION;
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

WS_DLL_PUBLIC void plugin_register(void);
#if IANA_HAS_PLUGIN_DESCRIBE
WS_DLL_PUBLIC uint32_t plugin_describe(void);
#endif

/* Wireshark calls every hook of an epan_plugin without checking for NULL. */
static void no_op(void) {}
static void no_op_dissection(epan_dissect_t *edt _U_) {}

void plugin_register(void)
{
    static proto_plugin plugin;
    /* Only to see every dissection as it starts: see iana-headers.c. */
    static const epan_plugin dissections = {
        .init = no_op,
        .post_init = no_op,
        .dissect_init = iana_headers_dissect_init,
        .dissect_cleanup = no_op_dissection,
        .cleanup = no_op,
    };

    plugin.register_protoinfo = proto_register_iana;
    plugin.register_handoff = proto_reg_handoff_iana;
    proto_register_plugin(&plugin);
    epan_register_plugin(&dissections);
}

#if IANA_HAS_PLUGIN_DESCRIBE
uint32_t plugin_describe(void)
{
    return WS_PLUGIN_DESC_DISSECTOR | WS_PLUGIN_DESC_TAP_LISTENER | WS_PLUGIN_DESC_EPAN;
}
#endif
