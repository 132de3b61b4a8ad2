# xml_format.py - parser for service-names-port-numbers.xml.
# SPDX-License-Identifier: GPL-2.0-or-later
"""The authoritative form. Records carry date/updated attributes, person
xrefs inside <assignee> (assignee) or at the top (contact), other xrefs as
references, and mixed-content <description>/<note> holding <br/>,
<paragraph> and xrefs. Built on expat directly so that every element keeps
its line number for error messages, and so that DTDs and entities, which
the registry never uses, are refused rather than expanded."""

from __future__ import annotations

import sys
import xml.parsers.expat
from typing import Dict, List, Optional

from .errors import RegistryError
from .model import (Person, Record, Registry, check_port, check_transport,
                    collapse, is_date, shown)

MAX_DEPTH = 64   # the registry nests 4 deep; deeper input is not a registry


class Node:
    __slots__ = ("tag", "attrib", "line", "children", "text", "tail")

    def __init__(self, tag: str, attrib: Dict[str, str], line: int):
        self.tag = tag
        self.attrib = attrib
        self.line = line
        self.children: List[Node] = []
        self.text = ""
        self.tail = ""

    def find(self, tag: str) -> Optional["Node"]:
        for child in self.children:
            if child.tag == tag:
                return child
        return None

    def all_text(self) -> str:
        parts = [self.text]
        for child in self.children:
            parts.append(child.all_text())
            parts.append(child.tail)
        return "".join(parts)


def _local(name: str) -> str:
    """A name without its namespace prefix, if it has one."""
    return name.rsplit(":", 1)[-1]


def _build_tree(path: str, data: bytes) -> Node:
    # The registry uses one default namespace, so names come without
    # prefixes; no namespace processing is needed, and text comes buffered.
    parser = xml.parsers.expat.ParserCreate()
    parser.buffer_text = True
    stack: List[Node] = []
    root: List[Node] = []

    def here() -> str:
        return "line %d" % parser.CurrentLineNumber

    def start(name, attrs):
        if len(stack) >= MAX_DEPTH:
            raise RegistryError(path, here(), "elements nested more than %d deep" % MAX_DEPTH)
        node = Node(_local(name) if ":" in name else name, attrs, parser.CurrentLineNumber)
        if stack:
            stack[-1].children.append(node)
        else:
            root.append(node)
        stack.append(node)

    def end(name):
        stack.pop()

    def chars(text):
        if not stack:
            return
        top = stack[-1]
        if top.children:
            top.children[-1].tail += text
        else:
            top.text += text

    def refuse(*args):
        raise RegistryError(path, here(), "DTDs and entity declarations are not allowed")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as err:
        raise RegistryError(path, "line %d" % err.lineno,
                            "malformed XML: %s" % xml.parsers.expat.ErrorString(err.code))
    return root[0]


def _xref_text(node: Node) -> str:
    """How the CSV renders an xref: its text, else rfc data upper-cased, else data."""
    text = collapse(node.all_text())
    if text:
        return text
    data = node.attrib.get("data", "")
    return data.upper() if node.attrib.get("type") == "rfc" else data


def _mixed_text(node: Node) -> str:
    """Whole text of a description or note: <br/> and <paragraph> break
    lines, xrefs render in brackets as in the CSV."""
    parts = [node.text]
    for child in node.children:
        if child.tag == "xref":
            parts.append("[%s]" % _xref_text(child))
        elif child.tag == "br":
            parts.append("\n")
        else:
            parts.append("\n" + _mixed_text(child) + "\n")
        parts.append(child.tail)
    return "".join(parts)


_KNOWN = {"name", "protocol", "number", "description", "assignee", "xref",
          "note", "unauthorized", "sc"}


def _record(path: str, node: Node, index: int, warn) -> Record:
    where = "record %d (line %d)" % (index, node.line)
    rec = Record(where=where)
    for child in node.children:
        tag = child.tag
        if tag == "name":
            rec.service = collapse(child.all_text())
        elif tag == "protocol":
            value = collapse(child.all_text())
            rec.transport = check_transport(value, path, where) if value else None
        elif tag == "number":
            value = collapse(child.all_text())
            rec.port = check_port(value, path, where) if value else None
        elif tag == "description":
            rec.description = collapse(_mixed_text(child)) or ""
        elif tag == "assignee":
            rec.assignee += [x.attrib.get("data", "") for x in child.children
                             if x.tag == "xref" and x.attrib.get("type") == "person"]
        elif tag == "xref":
            if child.attrib.get("type") == "person":
                rec.contact.append(child.attrib.get("data", ""))
            else:
                rec.reference.append(_xref_text(child))
        elif tag == "note":
            rec.note = collapse(_mixed_text(child))
        elif tag == "unauthorized":
            rec.unauthorized_use = collapse(child.all_text())
        elif tag == "sc":
            value = collapse(child.all_text()) or ""
            if not value.isdigit() or int(value) > 0xFFFFFFFF:
                raise RegistryError(path, where, "service code %s is not a 32-bit number" % shown(value))
            rec.service_code = int(value)
        else:
            warn("%s: %s: unknown element <%s> ignored" % (path, where, tag))
    if not rec.assignee:
        # Without <assignee>, the person xrefs are both assignee and contact.
        rec.assignee = list(rec.contact)
    for attr, slot in (("date", "registered"), ("updated", "modified")):
        value = node.attrib.get(attr)
        if value is not None:
            if not is_date(value):
                raise RegistryError(path, where, "%s %s is not a date" % (attr, shown(value)))
            setattr(rec, slot, value)
    return rec


def _person(node: Node) -> Person:
    person = Person()
    for child in node.children:
        if child.tag in ("name", "org", "uri", "updated"):
            setattr(person, child.tag, collapse(child.all_text()))
    return person


def parse(path: str, data: bytes, warn=lambda msg: print(msg, file=sys.stderr)) -> Registry:
    root = _build_tree(path, data)
    if root.tag != "registry" or root.attrib.get("id") != "service-names-port-numbers":
        raise RegistryError(path, "line %d" % root.line,
                            "not the IANA service name and port number registry "
                            "(root <%s id=%r>)" % (root.tag, root.attrib.get("id")))
    registry = Registry(path=path, format="xml")
    for child in root.children:
        if child.tag == "updated":
            registry.updated = collapse(child.all_text())
        elif child.tag == "record":
            registry.records.append(_record(path, child, len(registry.records) + 1, warn))
        elif child.tag == "people":
            for person in child.children:
                if person.tag == "person" and person.attrib.get("id"):
                    registry.people[person.attrib["id"]] = _person(person)
    return registry
