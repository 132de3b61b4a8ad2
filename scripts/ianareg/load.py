# load.py - read a registry file in any of its three forms.
# SPDX-License-Identifier: GPL-2.0-or-later
"""Format detection, the parser call, history extraction and validation:
what every caller of the model wants done the same way."""

from __future__ import annotations

import hashlib
import sys

from . import csv_format, image, text_format, xml_format
from .errors import RegistryError
from .history import record_history
from .model import Registry, validate
from .unauthorized import named_ports

PARSERS = {"xml": xml_format.parse, "csv": csv_format.parse, "text": text_format.parse,
           "image": image.parse}


def detect(path: str, data: bytes) -> str:
    if image.is_image(data):
        return "image"
    head = data[:65536].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        return "xml"
    if text_format.TABLE_HEADER.encode() in b" ".join(data.split()):
        return "text"
    if b"," in head.split(b"\n", 1)[0]:
        return "csv"
    raise RegistryError(path, "", "not a registry in XML, CSV or plain text, nor a registry "
                        "image (no XML root, CSV header, table header or image magic); --format forces one")


def load(path: str, fmt: str = None, warn=lambda msg: print(msg, file=sys.stderr)) -> Registry:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as err:
        raise RegistryError(path, "", err.strerror or str(err))
    if not data.strip():
        raise RegistryError(path, "", "empty file")
    registry = PARSERS[fmt or detect(path, data)](path, data, warn)
    registry.sha256 = hashlib.sha256(data).hexdigest()
    for rec in registry.records:
        rec.history = record_history(rec.description, rec.note)
        rec.unauthorized_ports = named_ports(rec.unauthorized_use)
    validate(registry)
    return registry
