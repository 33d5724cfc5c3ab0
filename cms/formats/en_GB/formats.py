"""British English, with 24-hour times: what editors type into the schedule field
(WAGTAIL_DATETIME_FORMAT, "01/12/2026 07:17") is what the status panel and listings show,
not Django's "7:17 a.m."."""

DATE_FORMAT = "j M Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "d/m/Y H:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
