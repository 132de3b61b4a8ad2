# registries.py - one registry per inventory.
# SPDX-License-Identifier: GPL-2.0-or-later
"""Hosts with different registries would merge answers from different
registries into one row. The survey names the registries, the hosts that
used each and how many captures each annotated, and refuses, unless told
--allow-mixed-registries (merge.py says how the rows are taken then)."""

from __future__ import annotations


def used(results) -> dict:
    """{registry: (sorted hosts, captures)} over the ok results."""
    found = {}
    for result in results:
        if result.ok:
            hosts, count = found.get(result.registry, (set(), 0))
            hosts.add(result.host)
            found[result.registry] = (hosts, count + 1)
    return {r: (sorted(h), n) for r, (h, n) in sorted(found.items())}


def mixed_message(registries: dict, allowed: bool = False) -> str:
    """One line naming each registry with its hosts and captures."""
    parts = ["%s on %s (%d capture%s)" % (registry, ", ".join(hosts), count, "" if count == 1 else "s")
             for registry, (hosts, count) in registries.items()]
    said = "the captures were annotated by %d registries: %s" % (len(registries), "; ".join(parts))
    if allowed:
        return said + "; merged as --allow-mixed-registries asks, each row as the newest registry says it"
    return said + "; install one registry on every host, or pass --allow-mixed-registries to merge them anyway"
