# ianareg - read the IANA service name and port number registry.
# SPDX-License-Identifier: GPL-2.0-or-later
"""Parsers for the registry's XML, CSV and plain-text forms, one model, and
the C table emitter behind scripts/iana-gen."""

VERSION = "1.2"
