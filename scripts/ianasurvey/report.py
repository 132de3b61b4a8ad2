# report.py - report.html: the survey as one page a person reads.
# SPDX-License-Identifier: GPL-2.0-or-later
"""One self-contained page: inline CSS, the chart as inline SVG, no script
and nothing fetched, so that it opens anywhere, offline. The totals first,
then the flagged endpoints (Known Unauthorized Use, de-assigned, protocol
mismatch, unregistered), then the top services by bytes, then the captures
that could not be read. Built from the merged rows and the captures'
results only, without times or hosts, so that the same survey gives the
same page."""

from __future__ import annotations

from html import escape

MAX_ROWS = 200          # per flagged section; services.csv holds them all
TOP_SERVICES = 15

# (section id, heading, whether a merged row belongs to it)
SECTIONS = (
    ("unauthorized-use", "Known Unauthorized Use", lambda r: r["unauthorized_use"] == "1"),
    ("deassigned", "De-assigned ports", lambda r: r["deassigned"] == "1"),
    ("mismatch", "Protocol mismatches", lambda r: r["mismatch"] == "1"),
    ("unregistered", "Unregistered service ports", lambda r: r["status"] in ("unassigned", "unregistered")),
)

STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; color: #1d2733; background: #fff; margin: 2em auto;
       max-width: 72em; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: .2em; }
h2 { font-size: 1.25em; border-bottom: 2px solid #d8dee6; padding-bottom: .2em; margin-top: 1.8em; }
h3 { font-size: 1.05em; margin: 1.2em 0 .4em; }
.lead { color: #4a5868; margin-top: 0; }
.totals { display: flex; flex-wrap: wrap; gap: .8em; padding: 0; list-style: none; }
.totals li { background: #f1f4f8; border-radius: 6px; padding: .6em 1em; min-width: 9em; }
.totals b { display: block; font-size: 1.5em; }
.totals .alarm { background: #fde8e6; }
table { border-collapse: collapse; width: 100%; font-size: .92em; }
th, td { text-align: left; padding: .25em .6em; border-bottom: 1px solid #e3e8ee; vertical-align: top; }
th { background: #f1f4f8; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
#unauthorized-use h3 { color: #b3261e; }
#deassigned h3 { color: #8a5300; }
#mismatch h3 { color: #6b3fa0; }
#unregistered h3 { color: #005f87; }
.none { color: #6b7785; font-style: italic; }
.more { color: #6b7785; }
"""

BAR_COLOURS = ("#2f6fb0", "#3f86c8")


def _n(value) -> str:
    return format(int(value), ",")


def _size(count: int) -> str:
    for unit in ("B", "kB", "MB", "GB", "TB"):
        if count < 1000 or unit == "TB":
            return ("%d %s" if unit == "B" else "%.1f %s") % (count, unit)
        count /= 1000
    return ""


def _label(row: dict) -> str:
    return row["service"] or "%s/%s (%s)" % (row["port"], row["transport"], row["status"] or "unknown")


def _flagged_table(rows: list) -> str:
    if not rows:
        return '<p class="none">None.</p>'
    rows = sorted(rows, key=lambda r: -int(r["bytes"]))
    out = ["<table><thead><tr><th>Address</th><th>Port</th><th>Service</th><th>Status</th><th>Assignee</th>"
           "<th>Protocol seen</th><th>Packets</th><th>Bytes</th><th>Captures</th></tr></thead><tbody>"]
    for r in rows[:MAX_ROWS]:
        out.append('<tr class="endpoint"><td>%s</td><td>%s/%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>'
                   '<td class="n">%s</td><td class="n">%s</td><td class="n">%s</td></tr>' % (
                       escape(r["address"] or "(unknown)"), escape(r["port"]), escape(r["transport"]),
                       escape(r["service"]), escape(r["status"]), escape(r["assignee"]),
                       escape(r["observed"].replace(";", ", ")), _n(r["packets"]), _n(r["bytes"]),
                       _n(r["captures"])))
    out.append("</tbody></table>")
    if len(rows) > MAX_ROWS:
        out.append('<p class="more">and %s more in services.csv</p>' % _n(len(rows) - MAX_ROWS))
    return "".join(out)


def _chart(rows: list) -> str:
    by_service = {}
    for r in rows:
        by_service[_label(r)] = by_service.get(_label(r), 0) + int(r["bytes"])
    top = sorted(by_service.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_SERVICES]
    if not top:
        return '<p class="none">No service endpoints.</p>'
    label_width, bar_width, row_height = 220, 460, 26
    height = row_height * len(top) + 10
    most = top[0][1] or 1
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" role="img" width="%d" height="%d" viewBox="0 0 %d %d">'
             '<title>Top services by bytes</title>' % (label_width + bar_width + 110, height,
                                                      label_width + bar_width + 110, height)]
    for i, (name, count) in enumerate(top):
        y = 5 + i * row_height
        width = max(1, round(bar_width * count / most))
        parts.append('<text x="%d" y="%d" text-anchor="end" font-size="13" fill="#1d2733">%s</text>'
                     % (label_width - 8, y + 16, escape(name)))
        parts.append('<rect x="%d" y="%d" width="%d" height="%d" rx="3" fill="%s"><title>%s bytes</title></rect>'
                     % (label_width, y + 3, width, row_height - 8, BAR_COLOURS[i % 2], _n(count)))
        parts.append('<text x="%d" y="%d" font-size="12" fill="#4a5868">%s</text>'
                     % (label_width + width + 6, y + 16, _size(count)))
    parts.append("</svg>")
    return "".join(parts)


def _failed(results_by_path: list) -> str:
    failed = [(path, r.reason) for path, r in results_by_path if not r.ok]
    if not failed:
        return ""
    out = ['<section id="failed"><h2>Captures that could not be read (%s)</h2><table><thead><tr><th>Capture</th>'
           '<th>Reason</th></tr></thead><tbody>' % _n(len(failed))]
    for path, reason in failed[:MAX_ROWS]:
        out.append("<tr><td>%s</td><td>%s</td></tr>" % (escape(path), escape(reason)))
    out.append("</tbody></table>")
    if len(failed) > MAX_ROWS:
        out.append('<p class="more">and %s more in captures.csv</p>' % _n(len(failed) - MAX_ROWS))
    return "".join(out) + "</section>"


def render(rows: list, results_by_path: list, registries: dict) -> bytes:
    """The page for the merged rows, [(path, Result)] of every capture and
    {registry: (hosts, captures)} (registries.used)."""
    ok = [r for _, r in results_by_path if r.ok]
    flagged = {sid: [r for r in rows if belongs(r)] for sid, _, belongs in SECTIONS}
    any_flag = sum(1 for r in rows if any(belongs(r) for _, _, belongs in SECTIONS))
    failed = len(results_by_path) - len(ok)
    if len(registries) == 1:
        lead = "Annotated by the IANA port registry %s." % next(iter(registries))
    elif registries:
        lead = "Annotated by %d IANA port registries: %s." % (len(registries), "; ".join(
            "%s for %s captures" % (reg, _n(n)) for reg, (_, n) in registries.items()))
    else:
        lead = "No capture could be read."
    totals = [("Captures", "%s" % _n(len(results_by_path)), ""),
              ("Could not be read", _n(failed), "alarm" if failed else ""),
              ("Packets", _n(sum(r.frames or 0 for r in ok)), ""),
              ("Bytes at endpoints", _size(sum(int(r["bytes"]) for r in rows)), ""),
              ("Service endpoints", _n(len(rows)), ""),
              ("Flagged endpoints", _n(any_flag), "alarm" if any_flag else "")]
    body = ['<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<title>IANA services survey</title><style>%s</style></head><body>" % STYLE,
            "<h1>Services seen in %s captures</h1><p class=\"lead\">%s</p>" % (_n(len(results_by_path)),
                                                                             escape(lead)),
            '<ul class="totals">']
    for name, value, cls in totals:
        body.append('<li%s><b>%s</b>%s</li>' % (' class="%s"' % cls if cls else "", value, name))
    body.append('</ul><section id="flagged"><h2>Flagged endpoints</h2>')
    for sid, heading, _ in SECTIONS:
        body.append('<section id="%s"><h3>%s (%s)</h3>%s</section>' % (sid, heading, _n(len(flagged[sid])),
                                                                       _flagged_table(flagged[sid])))
    body.append('</section><section id="top-services"><h2>Top services by bytes</h2>%s</section>' % _chart(rows))
    body.append(_failed(results_by_path))
    body.append("</body></html>\n")
    return "".join(body).encode("utf-8", "replace")
