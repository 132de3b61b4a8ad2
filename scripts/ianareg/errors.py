# errors.py - the one exception type for bad input.
# SPDX-License-Identifier: GPL-2.0-or-later
"""Bad input is reported as one line naming the file and the place."""

from __future__ import annotations


class RegistryError(Exception):
    def __init__(self, path: str, where: str, message: str):
        super().__init__(message)
        self.path = path
        self.where = where
        self.message = message

    def __str__(self) -> str:
        if self.where:
            return "%s: %s: %s" % (self.path, self.where, self.message)
        return "%s: %s" % (self.path, self.message)
