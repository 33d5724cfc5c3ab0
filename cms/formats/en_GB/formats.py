"""The house style for dates and times (Django's `|date`, `|time` and the admin).

DATE_FORMAT and DATETIME_FORMAT are what readers see; TIME_FORMAT makes every time
24-hour, so the admin's status panel and listings show "01/12/2026 19:17", as the
schedule field takes it, not "7:17 p.m.". Every other format comes from Django's en_GB.
"""

DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "d/m/Y H:i"
TIME_FORMAT = "H:i"
