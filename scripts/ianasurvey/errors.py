# errors.py - the one exception type for a bad argument or input.
# SPDX-License-Identifier: GPL-2.0-or-later
"""A bad argument is reported as one line naming the thing and the reason,
before anything is written."""


class SurveyError(Exception):
    pass
