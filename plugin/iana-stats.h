/* iana-stats.h - the "IANA Port Registry" statistics tree.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef IANA_STATS_H
#define IANA_STATS_H

#include <epan/packet.h>

#include "iana-tap.h"

/* Register the statistics tree on the "iana" tap (tshark -z iana,tree),
 * titled title. */
void iana_stats_register(const char *title);

/* Give the statistics tree a new title: the registry in use changed. */
void iana_stats_retitle(const char *title);

#endif /* IANA_STATS_H */
