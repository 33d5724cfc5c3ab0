"""The house style for dates readers see (Django's `|date` and `|date:"DATETIME_FORMAT"`).

Only these two are ours; every other format comes from Django's own en_GB module.
"""

DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "d/m/Y H:i"
