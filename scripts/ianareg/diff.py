# diff.py - what changed between two registries, readable in ten seconds.
# SPDX-License-Identifier: GPL-2.0-or-later
"""Compares the port assignments of two registries, by port and transport
(a record without a transport counts for all four):

  added        a name now registered on a port, or a port newly listed
  removed      a name no longer registered on a port, or a port no longer listed
  de-assigned  a port that had an assigned service and now has none
  re-assigned  a port whose primary service changed
  assignee     a name whose assignee changed
  status       a port whose status changed otherwise (e.g. Unassigned to Reserved)
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Dict, List, Tuple

from .model import Registry

KINDS = ("added", "removed", "de-assigned", "re-assigned", "assignee", "status")

Slot = Tuple[int, str]      # (port, transport)


def _slots(registry: Registry) -> Dict[Slot, list]:
    """Each (port, transport) with its records, in registry order. Ranges
    count once, at their first port, so a range of a thousand Unassigned
    ports is one line, not a thousand."""
    slots: Dict[Slot, list] = {}
    for rec in registry.with_port():
        low, _ = rec.port_range
        for transport in rec.transports:
            slots.setdefault((low, transport), []).append(rec)
    return slots


def _primary(records) -> str:
    named = [r.service for r in records if r.service and r.status == "assigned"]
    return named[0] if named else ""


def compare(old: Registry, new: Registry) -> "OrderedDict[str, List[str]]":
    before, after = _slots(old), _slots(new)
    changes: "OrderedDict[str, List[str]]" = OrderedDict((k, []) for k in KINDS)
    for slot in sorted(set(before) | set(after)):
        port = "%d/%s" % slot
        was, now = before.get(slot, []), after.get(slot, [])
        old_names = {r.service: r for r in was if r.service}
        new_names = {r.service: r for r in now if r.service}
        for name in sorted(new_names.keys() - old_names.keys()):
            changes["added"].append("%s %s" % (port, name))
        for name in sorted(old_names.keys() - new_names.keys()):
            changes["removed"].append("%s %s" % (port, name))
        for name in sorted(old_names.keys() & new_names.keys()):
            if old_names[name].assignee != new_names[name].assignee:
                changes["assignee"].append("%s %s: %s -> %s" % (
                    port, name, ",".join(old_names[name].assignee) or "-",
                    ",".join(new_names[name].assignee) or "-"))
        old_primary, new_primary = _primary(was), _primary(now)
        if old_primary and not new_primary:
            changes["de-assigned"].append("%s (was %s)" % (port, old_primary))
        elif old_primary and new_primary and old_primary != new_primary:
            changes["re-assigned"].append("%s %s -> %s" % (port, old_primary, new_primary))
        if not was and not new_names:
            changes["added"].append("%s %s" % (port, now[0].status))
        elif not now and not old_names:
            changes["removed"].append("%s %s" % (port, was[0].status))
        elif was and now and was[0].status != now[0].status and not (old_primary and not new_primary):
            changes["status"].append("%s %s -> %s" % (port, was[0].status, now[0].status))
    return changes


def write(changes, out, shown: int = 5) -> None:
    total = sum(len(v) for v in changes.values())
    print("%d changes" % total, file=out)
    for kind, items in changes.items():
        if not items:
            continue
        more = " ..." if len(items) > shown else ""
        print("  %-12s %5d  %s%s" % (kind, len(items), "; ".join(items[:shown]), more), file=out)
