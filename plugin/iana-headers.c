/* iana-headers.c - find every transport header of a dissected packet.
 *
 * pinfo->ptype and its ports describe only the last transport header
 * dissected. The others (a tunnel's outer UDP, the UDP header an ICMP error
 * quotes) are found as protocol items in the tree: tunnels add their inner
 * headers at the top level, where items exist even when the tree is not
 * visible and most fields are faked, and every TCP, UDP, SCTP and DCCP
 * header starts with the two port numbers, so they are read from the
 * item's bytes. pinfo's header is added
 * when the tree did not show it, so that every output mode, and a run with
 * no tree at all, sees at least the innermost header.
 *
 * A tree nobody will see normally fakes the protocol items nobody asked for
 * (4.0 only below the top level, 4.4 and later everywhere), which would hide
 * tunnels and quoted headers from -T fields, -Y and taps. So every
 * dissection's tree is told to keep its protocol items: a protocol item costs
 * one node, its fields stay faked, and a run without a tree pays nothing.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#define WS_LOG_DOMAIN "iana"

#include <wireshark.h>
#include <epan/epan_dissect.h>
#include <epan/packet.h>

#include "iana-compat.h"
#include "iana-headers.h"

/* Protocol ids of the transports, by iana_transport_t; set once at handoff. */
static int transport_proto[IANA_TRANSPORTS] = { -1, -1, -1, -1 };
/* Protocol ids of the ICMP and ICMPv6 errors that quote headers; likewise. */
static int proto_icmp = -1;
static int proto_icmpv6 = -1;

typedef struct {
    iana_headers_t *out;
    gboolean in_icmp;
} walk_t;

void iana_headers_init(void)
{
    static const char *const names[IANA_TRANSPORTS] = { "tcp", "udp", "sctp", "dccp" };

    for (unsigned t = 0; t < IANA_TRANSPORTS; t++)
        transport_proto[t] = proto_get_id_by_filter_name(names[t]);
    proto_icmp = proto_get_id_by_filter_name("icmp");
    proto_icmpv6 = proto_get_id_by_filter_name("icmpv6");
}

void iana_headers_dissect_init(epan_dissect_t *edt)
{
    /* Wireshark does not check for a dissection without a tree. */
    if (edt->tree != NULL)
        epan_dissect_fake_protocols(edt, FALSE);
}

static int transport_of(int proto)
{
    for (int t = 0; t < IANA_TRANSPORTS; t++) {
        if (transport_proto[t] == proto)
            return t;
    }
    return -1;
}

gboolean iana_headers_is_transport(int proto)
{
    return transport_of(proto) >= 0;
}

static iana_header_t *add_header(iana_headers_t *out, iana_transport_t transport,
                                 guint16 src_port, guint16 dst_port, gboolean quoted)
{
    iana_header_t *h;

    if (out->count == IANA_MAX_HEADERS)
        return NULL;
    h = &out->header[out->count++];
    h->transport = transport;
    h->src_port = src_port;
    h->dst_port = dst_port;
    h->quoted = quoted;
    h->current = FALSE;
    h->tvb = NULL;
    h->payload = -1;
    return h;
}

/* Where the TCP or UDP payload starts, from the header's own bytes. */
static int payload_offset(tvbuff_t *tvb, int start, iana_transport_t transport)
{
    if (transport == IANA_UDP)
        return start + 8;
    if (transport == IANA_TCP && tvb_bytes_exist(tvb, start + 12, 1))
        return start + 4 * (tvb_get_uint8(tvb, start + 12) >> 4);
    return -1;
}

static void walk_node(proto_node *node, gpointer data)
{
    walk_t *walk = (walk_t *)data;
    field_info *fi = PNODE_FINFO(node);
    gboolean was_in_icmp = walk->in_icmp;
    int transport;

    /* Protocols nest only inside protocols: fields need no look. */
    if (fi == NULL || fi->hfinfo->type != FT_PROTOCOL)
        return;
    transport = transport_of(fi->hfinfo->id);
    if (transport >= 0 && fi->ds_tvb != NULL && fi->start >= 0 &&
        tvb_bytes_exist(fi->ds_tvb, fi->start, 4)) {
        iana_header_t *h = add_header(walk->out, (iana_transport_t)transport,
                                      tvb_get_ntohs(fi->ds_tvb, fi->start),
                                      tvb_get_ntohs(fi->ds_tvb, fi->start + 2), walk->in_icmp);

        if (h != NULL && !h->quoted) {
            h->tvb = fi->ds_tvb;
            h->payload = payload_offset(fi->ds_tvb, fi->start, h->transport);
        }
    }
    /* Tunnels put their inner headers at the top level; only an ICMP error
     * nests the header it quotes, so only its subtree is searched. */
    if (fi->hfinfo->id == proto_icmp || fi->hfinfo->id == proto_icmpv6)
        walk->in_icmp = TRUE;
    if (walk->in_icmp)
        proto_tree_children_foreach(node, walk_node, walk);
    walk->in_icmp = was_in_icmp;
}

static int pinfo_transport(const packet_info *pinfo)
{
    switch (pinfo->ptype) {
    case PT_TCP:  return IANA_TCP;
    case PT_UDP:  return IANA_UDP;
    case PT_SCTP: return IANA_SCTP;
    case PT_DCCP: return IANA_DCCP;
    default:      return -1;
    }
}

static gboolean frame_has_icmp_error(packet_info *pinfo)
{
    return pinfo->flags.in_error_pkt ||
           proto_is_frame_protocol(pinfo->layers, "icmp") ||
           proto_is_frame_protocol(pinfo->layers, "icmpv6");
}

void iana_headers_collect(proto_tree *tree, packet_info *pinfo, iana_headers_t *out)
{
    int transport = pinfo_transport(pinfo);
    iana_header_t *h;

    out->count = 0;
    if (tree != NULL) {
        walk_t walk = { out, FALSE };

        proto_tree_children_foreach(tree, walk_node, &walk);
    }
    if (transport < 0)
        return;
    for (unsigned i = out->count; i-- > 0;) {
        iana_header_t *h = &out->header[i];

        if (h->transport == (iana_transport_t)transport &&
            h->src_port == pinfo->srcport && h->dst_port == pinfo->destport) {
            h->current = !h->quoted;
            return;
        }
    }
    /* Not in the tree: the quoted header of an ICMP error when the tree
     * fakes what lies below its top level, or there is no tree. */
    h = add_header(out, (iana_transport_t)transport, (guint16)pinfo->srcport, (guint16)pinfo->destport,
                   tree != NULL && out->count > 0 && frame_has_icmp_error(pinfo));
    if (h != NULL)
        h->current = !h->quoted;
}
