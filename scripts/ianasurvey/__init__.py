# ianasurvey - the inventory of many captures, behind scripts/iana-survey.
# SPDX-License-Identifier: GPL-2.0-or-later
"""Find the captures, run tshark -z iana,services,csv on each through GNU
parallel (locally or over SSH), land each capture's result atomically as it
completes, then merge them into services.csv, captures.csv and report.html."""

VERSION = "1.0"
